/**
 * Pure helpers for statements in the open article: which role a span plays by its label
 * (Actor, Claim, Stance), how a span picked while linking fills the draft statement, the Stance
 * span that lies between an actor and a claim, and which statements a span takes part in.
 */
import type { Article, Label, Polarity, Span, Statement } from '../../../shared/domain/model';

import { roleOfLabel, type LinkRole } from '../../../shared/domain/labelRoles';

export { roleOfLabel, type LinkRole };

export const POLARITY_TEXT: Record<Polarity, { verb: string; name: string; key: string }> = {
  support: { verb: 'supports', name: 'Support', key: 's' },
  oppose: { verb: 'opposes', name: 'Oppose', key: 'o' },
  neutral: { verb: 'is neutral on', name: 'Neutral', key: 'u' },
};

export function roleOfSpan(span: Pick<Span, 'labelId'> | undefined, labels: readonly Label[]): LinkRole | null {
  if (!span) return null;
  return roleOfLabel(labels.find((l) => l.id === span.labelId) ?? { id: span.labelId, name: span.labelId });
}

/** A statement being linked: the spans picked so far. */
export interface LinkDraft {
  articleId: string;
  actorSpanId?: string;
  claimSpanId?: string;
  stanceSpanId?: string;
  /** The stance was filled in because it lies between actor and claim (not picked by hand). */
  stanceFound?: boolean;
}

export const draftReady = (d: LinkDraft | null | undefined): boolean => !!d?.actorSpanId && !!d?.claimSpanId;

/** Which slot a picked span fills: its own role when that slot is free, else the first free of actor and claim. */
export function pickIntoDraft(draft: LinkDraft, spanId: string, role: LinkRole | null): LinkDraft {
  const next = { ...draft };
  // A span already in the draft is not taken twice.
  if ([draft.actorSpanId, draft.claimSpanId, draft.stanceSpanId].includes(spanId)) return draft;
  if (role === 'stance') {
    next.stanceSpanId = spanId;
    delete next.stanceFound;
    return next;
  }
  if (role && !draft[`${role}SpanId`]) {
    next[`${role}SpanId`] = spanId;
    return next;
  }
  if (!draft.actorSpanId) next.actorSpanId = spanId;
  else if (!draft.claimSpanId) next.claimSpanId = spanId;
  else if (role === 'actor') next.actorSpanId = spanId;
  else next.claimSpanId = spanId;
  return next;
}

/**
 * The Stance span between the actor and the claim ("Khaji [underscored] the policy"), when
 * exactly one lies wholly between them and no paragraph break separates them.
 */
export function stanceBetween(article: Pick<Article, 'text' | 'spans'>, actor: Span, claim: Span, labels: readonly Label[]): Span | undefined {
  const from = Math.min(actor.end, claim.end);
  const to = Math.max(actor.start, claim.start);
  if (to <= from || to - from > 2000 || article.text.slice(from, to).includes('\n')) return undefined;
  const found = article.spans.filter((s) => s.start >= from && s.end <= to && roleOfSpan(s, labels) === 'stance');
  return found.length === 1 ? found[0] : undefined;
}

export function usesSpan(st: Statement, spanId: string): boolean {
  return st.actorSpanId === spanId || st.claimSpanId === spanId || st.stanceSpanId === spanId;
}

/** The statements that fall with a span (it is their actor or claim) and those that only lose their stance. */
export function spanUsage(statements: readonly Statement[], spanId: string): { removed: Statement[]; unstanced: Statement[] } {
  const removed: Statement[] = [];
  const unstanced: Statement[] = [];
  for (const st of statements) {
    if (st.actorSpanId === spanId || st.claimSpanId === spanId) removed.push(st);
    else if (st.stanceSpanId === spanId) unstanced.push(st);
  }
  return { removed, unstanced };
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
