/** The fake API's listStatements: an article's statements flattened as the service does it. */
import type { StatementRow } from '../../../shared/api/contract';
import type { Article } from '../../../shared/domain/model';

export function fakeStatementRows(article: Article): StatementRow[] {
  const spans = new Map(article.spans.map((s) => [s.id, s]));
  const text = (id: string) => {
    const s = spans.get(id)!;
    return article.text.slice(s.start, s.end);
  };
  return article.statements.map((st) => {
    const actor = spans.get(st.actorSpanId)!;
    const claim = spans.get(st.claimSpanId)!;
    return {
      articleId: article.id,
      articleTitle: article.title,
      ...(article.date ? { articleDate: article.date } : {}),
      articleStatus: article.status,
      statementId: st.id,
      polarity: st.polarity,
      actorSpanId: actor.id,
      actorText: text(actor.id),
      ...(actor.entityId ? { actorEntityId: actor.entityId } : {}),
      claimSpanId: claim.id,
      claimText: text(claim.id),
      ...(claim.entityId ? { conceptId: claim.entityId } : {}),
      ...(st.stanceSpanId ? { stanceSpanId: st.stanceSpanId, stanceText: text(st.stanceSpanId) } : {}),
      actorStart: actor.start,
      actorEnd: actor.end,
      claimStart: claim.start,
      claimEnd: claim.end,
      annotator: st.annotator,
    };
  });
}
