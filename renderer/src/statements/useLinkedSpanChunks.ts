/**
 * Statement links are drawn between highlights, but on a long article a paragraph chunk far
 * from the viewport draws no highlights (document/chunkActivity.ts), so a link to a claim a few
 * screens away would have no end to draw to. When a span is selected (or a statement is being
 * linked), wake the chunks of every span its statements (or the draft) use.
 */
import { useEffect } from 'react';
import type { WorkbenchStore } from '../store/createWorkbenchStore';
import { useDocument, useWorkbench } from '../store/StoreContext';
import { documentOf } from '../store/documentState';
import type { ChunkActivity } from '../document/chunkActivity';
import { chunkAtOffset } from '../document/paragraphChunks';
import { usesSpan } from './linking';
import { selectLinkDraft } from './statementsSlice';

export function useLinkedSpanChunks(store: WorkbenchStore, activity: ChunkActivity): void {
  const selectedId = useWorkbench((s) => s.selectedSpanId);
  const statements = useDocument((doc) => doc.article?.statements);
  const draft = useWorkbench(selectLinkDraft);
  useEffect(() => {
    const { article, paragraphs } = documentOf(store.getState());
    if (!article || !paragraphs.length) return;
    const ids = new Set<string>();
    if (selectedId)
      for (const st of statements ?? [])
        if (usesSpan(st, selectedId)) for (const id of [st.actorSpanId, st.claimSpanId, st.stanceSpanId]) if (id) ids.add(id);
    for (const id of [draft?.actorSpanId, draft?.claimSpanId, draft?.stanceSpanId]) if (id) ids.add(id);
    if (!ids.size) return;
    for (const span of article.spans) if (ids.has(span.id)) activity.activate(chunkAtOffset(paragraphs, span.start));
  }, [store, activity, selectedId, statements, draft]);
}
