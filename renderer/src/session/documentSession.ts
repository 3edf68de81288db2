/**
 * The open article and everything derived from it, in plain TypeScript (no React, no zustand,
 * tested in Node): its paragraphs, the spans per paragraph ("buckets",
 * document/paragraphBuckets.ts), the copy the service last confirmed, the outbox of batches not
 * yet acknowledged, and the undo/redo history.
 *
 * - `apply(edits, description)` is the one place an edit enters: it is applied optimistically,
 *   recorded in the history (with its inverse) and queued in the outbox. `undo` and `redo`
 *   send an entry's inverse or its edits the same way.
 * - The outbox sends one batch at a time, in order, through `deps.send`. An acknowledged batch
 *   moves the confirmed copy; a refused one rolls the article back to the confirmed copy plus
 *   the later batches that still fit, and takes the history moves of all dropped batches back.
 * - Every change publishes the new state and which paragraphs changed. The state is immutable and
 *   `getState()` returns the same object until the next change, so React reads it directly with
 *   `useSyncExternalStore` (store/useDocument.ts) and the paragraph hub re-renders only the
 *   paragraphs that changed. No caller keeps buckets by hand, and nothing copies the state.
 */
import { applyEdits, invertEdits, type Edit } from '../../../shared/domain/edits';
import type { SpanPlaceIndexes } from '../../../shared/agreement/curation';
import type { ArticleLayer } from '../../../shared/api/teamContract';
import type { Article, ArticleSummary, Span, Statement } from '../../../shared/domain/model';
import { splitParagraphs } from '../../../shared/text/paragraphs';
import { buildBuckets, rebuildBuckets, updateBuckets, type Bucket, type TextRange } from './paragraphBuckets';
import { EMPTY_HISTORY, mapHistory, moveHistory, revertHistory, type EditHistory, type HistoryEntry, type HistoryMove } from './editHistory';

export interface PendingBatch {
  readonly id: string;
  readonly articleId: string;
  readonly edits: readonly Edit[];
  readonly move: HistoryMove;
}

export interface DocumentState extends EditHistory {
  /** The article as the user sees it: the confirmed copy with the outbox's batches applied. */
  readonly article: Article | null;
  /** The article as the service last acknowledged it. */
  readonly confirmed: Article | null;
  readonly paragraphs: readonly TextRange[];
  /** Spans per paragraph; a bucket keeps its identity while its spans are unchanged. */
  readonly buckets: readonly Bucket[];
  /** Batches not yet acknowledged, of any article, in order; the first one is being sent. */
  readonly outbox: readonly PendingBatch[];
  /** Set when the service refused a batch; cleared by the next acknowledgement. */
  readonly saveError: string | null;
  /**
   * The other layers shown with the article (docs/teams.md "Layers"): the annotators' layers
   * collected for it, read-only, in name order. The article's own spans are the layer edits go to
   * (gold in a lead's workspace). Empty for an article without collected layers.
   */
  readonly layers: readonly ArticleLayer[];
  /**
   * Where the coded layers' spans differ, as the service computed it with them (positions in
   * their span lists, shared/agreement/curation.ts); null when it sent none (then the Curation tab computes them).
   */
  readonly layerPlaces: SpanPlaceIndexes | null;
  /**
   * The text is open and its spans and statements are on their way (`openText`, then
   * `completeAnnotations`): the page draws the text first. Nothing can be edited or undone until
   * they are in (apply and undo throw); commands wait for `whenAnnotated`.
   */
  readonly annotationsPending: boolean;
}

/** Which paragraphs' buckets changed: all of them (another article, or none), or these indexes. */
export type ParagraphChange = { readonly all: true } | { readonly all: false; readonly paragraphs: readonly number[] };
/** Spans that may be gone after the change: the ids a batch removed, or `all` (check them all). */
export type RemovedSpans = 'all' | readonly string[];
export type ChangeListener = (change: ParagraphChange, state: DocumentState, removed: RemovedSpans) => void;

export interface SessionDeps {
  /** Save a batch (the API's editArticle). */
  send(articleId: string, edits: readonly Edit[]): Promise<ArticleSummary>;
  newId(prefix: string): string;
  /** A batch was saved: the library's row for the article. */
  saved?(summary: ArticleSummary): void;
  /** A batch was refused and undone. */
  refused?(error: unknown): void;
}

export const SAVE_ERROR = 'Changes not saved';

const CLOSED: DocumentState = {
  article: null,
  confirmed: null,
  paragraphs: [],
  buckets: [],
  outbox: [],
  saveError: null,
  layers: [],
  layerPlaces: null,
  annotationsPending: false,
  ...EMPTY_HISTORY,
};

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

const removedBy = (edits: readonly Edit[]): string[] => edits.flatMap((e) => (e.type === 'removeSpan' ? [e.id] : []));

export class DocumentSession {
  #state: DocumentState = CLOSED;
  /** Resolves whenAnnotated's promise (the annotations came, or the article was closed or replaced). */
  #annotated: (() => void) | null = null;
  #whenAnnotated: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<ChangeListener>();
  readonly #deps: SessionDeps;
  #sending = false;
  #waiters: (() => void)[] = [];

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  get state(): DocumentState {
    return this.#state;
  }

  /**
   * The current state: the same object until the next change (a snapshot for React's
   * `useSyncExternalStore`). An arrow so it can be passed around unbound.
   */
  readonly getState = (): DocumentState => this.#state;

  /** Show this article (null: none, or still loading), with a fresh history; batches of other articles keep going. */
  open(article: Article | null): DocumentState {
    return this.#load(article, false);
  }

  /**
   * Open an article's text and metadata before its spans and statements (which `article` must
   * not have yet): the page draws the text while they travel. Edits wait for completeAnnotations.
   */
  openText(article: Article): DocumentState {
    if (article.spans.length || article.statements.length) throw new Error('openText takes the article without its spans and statements');
    return this.#load(article, true);
  }

  /** Show `article` (or none) afresh, one change published; a waiting whenAnnotated is let go. */
  #load(article: Article | null, annotationsPending: boolean): DocumentState {
    const { outbox, saveError } = this.#state;
    this.#annotated?.();
    this.#annotated = null;
    if (annotationsPending) this.#whenAnnotated = new Promise<void>((resolve) => (this.#annotated = resolve));
    if (!article) return this.#set({ ...CLOSED, outbox, saveError }, { all: true }, 'all');
    const paragraphs = splitParagraphs(article.text);
    return this.#set(
      { ...CLOSED, outbox, saveError, article, confirmed: article, paragraphs, buckets: buildBuckets(paragraphs, article.spans), annotationsPending },
      { all: true },
      'all',
    );
  }

  /**
   * The spans and statements of the article openText opened, read at `updatedAt`. False (and
   * nothing changes) when another article is open now, or the article changed in between (the
   * caller opens it whole then).
   */
  completeAnnotations(articleId: string, updatedAt: string, spans: readonly Span[], statements: readonly Statement[]): boolean {
    const s = this.#state;
    if (!s.annotationsPending || s.article?.id !== articleId || s.article.updatedAt !== updatedAt) return false;
    const article: Article = { ...s.article, spans: [...spans], statements: [...statements] };
    this.#set({ ...s, article, confirmed: article, buckets: buildBuckets(s.paragraphs, article.spans), annotationsPending: false }, { all: true }, 'all');
    this.#annotated?.();
    this.#annotated = null;
    return true;
  }

  /** Resolves once the open article's spans and statements are in (at once when they are, or when it is closed or replaced). */
  whenAnnotated(): Promise<void> {
    return this.#state.annotationsPending ? this.#whenAnnotated : Promise.resolve();
  }

  /** Show these collected layers (and their span places, when the service sent them) with the open article (ignored when another article is open now). */
  setLayers(articleId: string, layers: readonly ArticleLayer[], layerPlaces: SpanPlaceIndexes | null = null): DocumentState {
    const s = this.#state;
    if (s.article?.id !== articleId) return s;
    return this.#set({ ...s, layers, layerPlaces }, { all: false, paragraphs: [] }, []);
  }

  /**
   * Apply a batch the user made, record it for undo under `description`, and send it. Throws
   * (and changes nothing) when it does not fit the article, as `applyEdits` does.
   */
  apply(edits: readonly Edit[], description: string, labelIds?: ReadonlySet<string>): DocumentState {
    const before = this.#open();
    const entry: HistoryEntry = { id: this.#deps.newId('h'), articleId: before.id, description, edits, inverse: invertEdits(before, edits) };
    return this.#send(edits, { kind: 'record', entry }, labelIds);
  }

  /** Undo the last entry of the open article: its inverse is applied and sent. Returns the edits sent, or null. */
  undo(labelIds?: ReadonlySet<string>): readonly Edit[] | null {
    const entry = this.#state.undoStack.at(-1);
    if (!entry || entry.articleId !== this.#state.article?.id || this.#state.annotationsPending) return null;
    this.#send(entry.inverse, { kind: 'undo', entryId: entry.id }, labelIds);
    return entry.inverse;
  }

  /** Redo the last undone entry of the open article. Returns the edits sent, or null. */
  redo(labelIds?: ReadonlySet<string>): readonly Edit[] | null {
    const entry = this.#state.redoStack.at(-1);
    if (!entry || entry.articleId !== this.#state.article?.id || this.#state.annotationsPending) return null;
    this.#send(entry.edits, { kind: 'redo', entryId: entry.id }, labelIds);
    return entry.edits;
  }

  /**
   * The service changed the open article's contents behind the outbox (entity links remapped):
   * rewrite the shown and confirmed copies with `patch` (the text stays) and the history's
   * edits with `rewrite`.
   */
  rewrite(patch: (article: Article) => Article, rewrite: (edits: readonly Edit[]) => readonly Edit[]): DocumentState {
    const s = this.#state;
    const history = mapHistory(s, rewrite);
    if (!s.article) return this.#set({ ...s, ...history }, { all: false, paragraphs: [] }, []);
    const article = patch(s.article);
    const confirmed = s.confirmed && patch(s.confirmed);
    return this.#replace({ ...s, ...history, confirmed }, article);
  }

  /** Resolves once every batch of the article (of any article without one) has been answered. */
  whenSaved(articleId?: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.#state.outbox.some((b) => articleId === undefined || b.articleId === articleId)) resolve();
        else this.#waiters.push(check);
      };
      check();
    });
  }

  /**
   * Hear each change: which paragraphs changed, the new state, and which spans may be gone.
   * Listeners are called in the order they subscribed, after the state has changed. An arrow
   * (bound), so it also serves as `useSyncExternalStore`'s subscribe.
   */
  readonly subscribe = (listener: ChangeListener): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  #open(): Article {
    const article = this.#state.article;
    if (!article) throw new Error('No article is open to edit.');
    if (this.#state.annotationsPending) throw new Error("The article's annotations are still loading.");
    return article;
  }

  #send(edits: readonly Edit[], move: HistoryMove, labelIds?: ReadonlySet<string>): DocumentState {
    const s = this.#state;
    const before = this.#open();
    const after = applyEdits(before, edits, labelIds);
    const [oldVersions, newVersions] = changedSpans(before, after, edits);
    const buckets = updateBuckets(s.paragraphs, s.buckets, oldVersions, newVersions);
    const batch: PendingBatch = { id: this.#deps.newId('b'), articleId: before.id, edits, move };
    const next: DocumentState = { ...s, ...moveHistory(s, move), article: after, buckets, outbox: [...s.outbox, batch] };
    this.#set(next, { all: false, paragraphs: changedParagraphs(s.buckets, buckets) }, removedBy(edits));
    void this.#pump();
    return this.#state;
  }

  /** Send the outbox's first batch; then the next, and so on, one at a time. */
  async #pump(): Promise<void> {
    if (this.#sending) return;
    const batch = this.#state.outbox[0];
    if (!batch) return;
    this.#sending = true;
    try {
      const summary = await this.#deps.send(batch.articleId, batch.edits);
      this.#acknowledged(batch);
      this.#deps.saved?.(summary);
    } catch (err) {
      this.#refused(batch, err);
    } finally {
      this.#sending = false;
      const waiters = this.#waiters;
      this.#waiters = [];
      waiters.forEach((w) => w());
      void this.#pump();
    }
  }

  #acknowledged(batch: PendingBatch) {
    const s = this.#state;
    const outbox = s.outbox.filter((b) => b.id !== batch.id);
    let confirmed = s.confirmed;
    if (s.article?.id === batch.articleId && s.confirmed) {
      // The shown article is the confirmed one with the outbox's batches applied; with none
      // left it *is* the confirmed one. Taking it saves replaying the batch, and a copy of
      // every span (the usual case: each label key is answered before the next).
      if (!outbox.some((b) => b.articleId === batch.articleId)) confirmed = s.article;
      else {
        try {
          confirmed = applyEdits(s.confirmed, batch.edits);
        } catch {
          // The service accepted what we could not replay; the next open reloads from the service.
        }
      }
    }
    this.#set({ ...s, outbox, confirmed, saveError: null }, { all: false, paragraphs: [] }, []);
  }

  #refused(batch: PendingBatch, err: unknown) {
    this.#deps.refused?.(err);
    const s = this.#state;
    const isOpen = s.article?.id === batch.articleId && !!s.confirmed;
    // Replay the open article's later batches on the confirmed copy; drop those that no longer fit.
    let shown = s.confirmed;
    const kept: PendingBatch[] = [];
    const dropped: PendingBatch[] = [];
    for (const b of s.outbox) {
      if (b.id === batch.id) continue;
      if (b.articleId !== batch.articleId) kept.push(b);
      else if (!isOpen || !shown) dropped.push(b);
      else {
        try {
          shown = applyEdits(shown, b.edits);
          kept.push(b);
        } catch {
          dropped.push(b);
        }
      }
    }
    // Take the history moves back, the latest first.
    let history: EditHistory = s;
    for (const b of [...dropped].reverse()) history = revertHistory(history, b.move);
    history = revertHistory(history, batch.move);
    const next: DocumentState = { ...s, ...history, outbox: kept, saveError: SAVE_ERROR };
    if (isOpen && shown) this.#replace(next, shown);
    else this.#set(next, { all: false, paragraphs: [] }, []);
  }

  /** The same article with other contents; its text is unchanged, so only the buckets are rebuilt. */
  #replace(next: DocumentState, article: Article): DocumentState {
    const buckets = rebuildBuckets(next.paragraphs, article.spans, next.buckets);
    return this.#set({ ...next, article, buckets }, { all: false, paragraphs: changedParagraphs(next.buckets, buckets) }, 'all');
  }

  #set(next: DocumentState, change: ParagraphChange, removed: RemovedSpans): DocumentState {
    this.#state = next;
    this.#listeners.forEach((l) => l(change, next, removed));
    return next;
  }
}
