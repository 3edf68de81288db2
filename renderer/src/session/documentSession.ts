/**
 * The open article and what is derived from it, in plain TypeScript (no React, no zustand):
 * its paragraphs and the spans per paragraph ("buckets", document/paragraphBuckets.ts). Every
 * change to the article goes through `open`, `apply` or `replace`, which keep the buckets in
 * step and report which paragraphs changed, so no caller can forget them. The store copies
 * `state` into its `article`/`paragraphs`/`buckets` fields; listeners hear which paragraphs
 * changed.
 *
 * A first step towards issue 10's DocumentSession: the confirmed copy, the outbox and history
 * still live in the document and history slices.
 */
import { applyEdits, type Edit } from '../../../shared/domain/edits';
import type { Article, Span } from '../../../shared/domain/model';
import { splitParagraphs } from '../../../shared/text/paragraphs';
import { buildBuckets, rebuildBuckets, updateBuckets, type Bucket, type TextRange } from '../document/paragraphBuckets';

export interface DocumentState {
  readonly article: Article | null;
  readonly paragraphs: readonly TextRange[];
  /** Spans per paragraph; a bucket keeps its identity while its spans are unchanged. */
  readonly buckets: readonly Bucket[];
}
/** Which paragraphs' buckets changed: all of them (another article, or none), or these indexes. */
export type ParagraphChange = { readonly all: true } | { readonly all: false; readonly paragraphs: readonly number[] };
export type ChangeListener = (change: ParagraphChange) => void;

const CLOSED: DocumentState = { article: null, paragraphs: [], buckets: [] };

/** The versions of the spans a batch touches, before and after it: what the buckets need. */
function changedSpans(before: Article, after: Article, edits: readonly Edit[]): [Span[], Span[]] {
  // New spans only (a label key): `applyEdits` inserts the edit's span objects themselves, and
  // none existed before. No need to scan 20,000 spans twice.
  if (edits.every((e) => e.type === 'addSpan')) return [[], edits.map((e) => e.span)];
  const ids = new Set<string>();
  for (const e of edits) {
    if (e.type === 'addSpan') ids.add(e.span.id);
    else if (e.type === 'updateSpan' || e.type === 'removeSpan') ids.add(e.id);
  }
  if (!ids.size) return [[], []];
  const pick = (spans: readonly Span[]) => spans.filter((s) => ids.has(s.id));
  return [pick(before.spans), pick(after.spans)];
}

function changedParagraphs(before: readonly Bucket[], after: readonly Bucket[]): number[] {
  const changed: number[] = [];
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) changed.push(i);
  return changed;
}

export class DocumentSession {
  #state: DocumentState = CLOSED;
  readonly #listeners = new Set<ChangeListener>();

  get state(): DocumentState {
    return this.#state;
  }

  /** Show this article (null: none, or still loading); every paragraph is new. */
  open(article: Article | null): DocumentState {
    if (!article) return this.#set(CLOSED, { all: true });
    const paragraphs = splitParagraphs(article.text);
    return this.#set({ article, paragraphs, buckets: buildBuckets(paragraphs, article.spans) }, { all: true });
  }

  /** Apply a batch of edits; throws (and changes nothing) when it does not fit the article, as `applyEdits` does. */
  apply(edits: readonly Edit[], labelIds?: ReadonlySet<string>): DocumentState {
    const { article: before, paragraphs, buckets } = this.#state;
    if (!before) throw new Error('No article is open to edit.');
    const after = applyEdits(before, edits, labelIds);
    const [oldVersions, newVersions] = changedSpans(before, after, edits);
    return this.#change({ article: after, paragraphs, buckets: updateBuckets(paragraphs, buckets, oldVersions, newVersions) });
  }

  /** The same article with other contents (a refused batch rolled back, entity links remapped); its text is unchanged. */
  replace(article: Article): DocumentState {
    const { paragraphs, buckets } = this.#state;
    return this.#change({ article, paragraphs, buckets: rebuildBuckets(paragraphs, article.spans, buckets) });
  }

  /** Hear which paragraphs changed after each open, apply and replace. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #change(next: DocumentState): DocumentState {
    return this.#set(next, { all: false, paragraphs: changedParagraphs(this.#state.buckets, next.buckets) });
  }

  #set(next: DocumentState, change: ParagraphChange): DocumentState {
    this.#state = next;
    this.#listeners.forEach((l) => l(change));
    return next;
  }
}
