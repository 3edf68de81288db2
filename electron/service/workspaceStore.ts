/**
 * The storage layer: the only code that touches a workspace's files. A lowdb database for
 * the manifest and one per article, all through DurableJsonFile, so saving an edit rewrites
 * only that article's file, durably, before the edit is acknowledged.
 *
 * Edits are made durable by appending them to the article's journal (see articleJournal.ts)
 * and folded into the article file by compaction when the annotator pauses.
 *
 * Consistency: an article file is written first, the manifest after. The manifest's article
 * index is a cache (counts, status) that may lag an article file after a crash; `open`
 * compares each file's size/mtime stamp and re-reads the files that changed. Membership (which
 * articles exist) is decided by the manifest alone, which makes creating, deleting and
 * importing many articles atomic: one manifest write commits them. So when a workspace opens,
 * article files and journals the manifest does not list are leftovers of a stopped import or
 * delete and are removed; only a missing manifest makes the article files the index again
 * (rebuilt from them). See workspaceRecovery.ts; what opening repaired is in `notices`.
 *
 * Operations on one article (commit, compaction, save, delete, a read from disk) run one at a
 * time in its queue, and look the article up in the manifest by id after every await: a
 * position in the list is stale as soon as another article is added or deleted.
 */
import { promises as fsp, statSync } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { WorkbenchError } from '../../shared/api/errors';
import { describeZodError } from '../../shared/domain/zodErrors';
import {
  summarizeArticle,
  type Article,
  type ArticleSummary,
  type Entity,
  type LabelSchemaDef,
  type WorkspaceSettings,
} from '../../shared/domain/model';
import { applyEdits, type Edit } from '../../shared/domain/edits';
import { articleProblems } from '../../shared/domain/articleInvariants';
import { appendJournalEntry, readJournal, removeJournal, repairTornTail } from './articleJournal';
import { DurableJsonFile, type DurableFs } from './durableJsonFile';
import { removeArticleLayers, removeLayerLeftovers } from './layerStore';
import { listArticlesFolder, placeholderEntry, rebuildManifest, removeLeftovers } from './workspaceRecovery';
import {
  ARTICLES_DIR_NAME,
  ArticleFileSchema,
  MANIFEST_FILE_NAME,
  ManifestSchema,
  ARTICLE_FILE_FORMAT_VERSION,
  STORAGE_FORMAT_VERSION,
  migrateManifest,
  type ArticleIndexEntry,
  type FileStamp,
  type Manifest,
} from './storedRecords';

export interface WorkspaceStoreOptions {
  fs?: DurableFs;
  /** Delay before a manifest write that only refreshes cached counts (article files are already durable). */
  indexFlushDelayMs?: number;
  /** Idle time after the last edit before an article's journal is folded into its file. */
  compactDelayMs?: number;
  /** Compact at once when a journal holds this many entries. */
  compactAfterEntries?: number;
}

/** Serialises async work per key (one article's file operations never interleave). */
export class KeyedQueue {
  private tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** The last articles added that stay in the article cache (it keeps 16; an import's others are read again on demand). */
const REMEMBERED_AFTER_ADD = 16;

export interface AddArticlesHooks {
  /** Runs after the last article file is written, before the manifest write that commits them (crash tests stop there). */
  beforeCommit?: () => Promise<void>;
}

interface JournalState {
  /** Revision of the article as last acknowledged. */
  rev: number;
  /** Entries in the journal file not yet folded into the article file. */
  pending: number;
  timer: NodeJS.Timeout | null;
}

/** How `WorkspaceStore.open` treats a folder without a workspace. */
export interface StoreOpening {
  /** Create a workspace there (default); false: fail with "not a workspace". */
  create?: boolean;
  /** Mark a workspace created now as unfinished until articles are committed (see Manifest.incomplete). */
  markCreation?: boolean;
}

export class WorkspaceStore {
  private manifestDb!: Low<Manifest>;
  private readonly articleCache = new Map<string, Article>();
  /** Article files that failed to read, with the message naming the file and the problem. */
  private readonly brokenArticles = new Map<string, string>();
  private indexFlushTimer: NodeJS.Timeout | null = null;
  private indexFlushPending: Promise<void> | null = null;
  private readonly fileQueue = new KeyedQueue();
  private readonly journals = new Map<string, JournalState>();
  /** What opening found and repaired or removed, for the hosts to tell the user (the CLI on stderr). */
  readonly notices: string[] = [];
  /** True when this open created the workspace (nothing was there). */
  created = false;

  private constructor(
    readonly dir: string,
    private readonly options: WorkspaceStoreOptions,
  ) {}

  get manifestFile() {
    return path.join(this.dir, MANIFEST_FILE_NAME);
  }
  get articlesDir() {
    return path.join(this.dir, ARTICLES_DIR_NAME);
  }
  articleFile(id: string) {
    return path.join(this.articlesDir, `${id}.json`);
  }
  journalFile(id: string) {
    return path.join(this.articlesDir, `${id}.journal`);
  }

  /**
   * Open an existing workspace (the caller holds its lock). With no manifest: rebuild the index
   * from the article files if there are any, else create the workspace with `initial`.
   */
  static async open(dir: string, initial: () => Promise<Manifest>, options: WorkspaceStoreOptions = {}, opening: StoreOpening = {}) {
    const store = new WorkspaceStore(dir, options);
    const adapter = new DurableJsonFile<Manifest>(store.manifestFile, { indent: 2, fs: options.fs });
    let manifest = await store.readManifest(adapter);
    if (manifest?.incomplete) {
      // An import creating this workspace was killed: remove what it wrote, the manifest last
      // (if this is stopped too, the next open finds the mark and finishes the job).
      const removed = await removeLeftovers(dir, new Set());
      await fsp.unlink(store.manifestFile);
      await fsp.rmdir(store.articlesDir).catch(() => undefined);
      store.notices.push(
        `${dir} was being created by an import that was stopped before it finished; what it had written was removed` +
          (removed.length ? ` (${removed.join('; ')})` : ''),
      );
      manifest = null;
    }
    if (manifest) {
      const { manifest: current, migratedFrom } = migrateManifest(manifest);
      store.manifestDb = new Low(adapter, current);
      if (migratedFrom !== null) {
        // Marked at once: from this write on, an app of the old format refuses the workspace.
        await store.flushIndexNow();
        store.notices.push(`${store.manifestFile} was upgraded from workspace format ${migratedFrom} to ${STORAGE_FORMAT_VERSION} (it can now hold collected annotator layers); versions of the app before this one will refuse to open it`);
      }
    } else {
      const { articleIds } = await listArticlesFolder(store.articlesDir);
      if (articleIds.length) await store.rebuildIndex(adapter, articleIds, await initial());
      else {
        if (opening.create === false)
          throw new WorkbenchError('invalid_input', [`${dir} is not a workspace (it has no ${MANIFEST_FILE_NAME})`, ...store.notices].join('; '), dir);
        const fresh = await initial();
        store.manifestDb = new Low(adapter, opening.markCreation ? { ...fresh, incomplete: true } : fresh);
        await fsp.mkdir(store.articlesDir, { recursive: true });
        await store.manifestDb.write();
        store.created = true;
      }
    }
    await fsp.mkdir(store.articlesDir, { recursive: true });
    store.notices.push(...(await removeLeftovers(dir, store.articleIds())));
    store.notices.push(...(await removeLayerLeftovers(dir, store.articleIds())));
    await store.reconcileIndex();
    return store;
  }

  private async readManifest(adapter: DurableJsonFile<Manifest>): Promise<Manifest | null> {
    const raw = await adapter.read();
    if (raw === null) return null;
    const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
    if (typeof version === 'number' && version > STORAGE_FORMAT_VERSION)
      throw new WorkbenchError(
        'corrupt_file',
        `${this.manifestFile} was written by a newer version of Annotation Workbench (workspace format ${version}; this version reads formats up to ${STORAGE_FORMAT_VERSION}); it was left untouched: open it with that version or a later one`,
        this.manifestFile,
      );
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success)
      throw new WorkbenchError(
        'corrupt_file',
        `${this.manifestFile} is not a valid workspace manifest (${describeZodError(parsed.error)}); it was left untouched`,
        this.manifestFile,
      );
    return parsed.data;
  }

  /** The manifest was lost: list every article file again (see rebuildManifest) and write it. */
  private async rebuildIndex(adapter: DurableJsonFile<Manifest>, ids: string[], fresh: Manifest) {
    // Listed first so that readArticle accepts them; the rebuilt list replaces these entries.
    this.manifestDb = new Low(adapter, { ...fresh, articles: ids.map((id) => placeholderEntry(this.articlesDir, id)) });
    const rebuilt = await rebuildManifest(this.dir, ids, fresh, (id) => this.readArticle(id));
    this.manifestDb.data = rebuilt.manifest;
    this.notices.push(...rebuilt.notices);
    await this.flushIndexNow();
  }

  get manifest(): Manifest {
    return this.manifestDb.data;
  }

  get schema(): LabelSchemaDef {
    return this.manifest.schema;
  }

  // The narrow views other modules read instead of the manifest (only this file and
  // workspaceRecovery.ts touch it, so its invariants are kept in one place; scripts/boundaries.test.ts
  // checks that). They are read-only: changes go through updateManifest, addArticles or deleteArticle.

  get settings(): Readonly<WorkspaceSettings> {
    return this.manifest.settings;
  }

  /** The workspace's actor entities and claim concepts. */
  get entities(): readonly Entity[] {
    return this.manifest.entities;
  }

  /** The article index, in library order. */
  get articleEntries(): readonly Readonly<ArticleIndexEntry>[] {
    return this.manifest.articles;
  }

  /** The ids of every article, as a fresh set the caller may change. */
  articleIds(): Set<string> {
    return new Set(this.manifest.articles.map((a) => a.id));
  }

  /**
   * Summaries for the library, including articles whose file is broken (with `error`): those
   * in library order from `start` up to `end` (all of them by default, as Array.slice counts).
   */
  listSummaries(start = 0, end?: number): ArticleSummary[] {
    return this.manifest.articles.slice(start, end).map((entry) => {
      const error = this.brokenArticles.get(entry.id);
      const summary = this.summaryOfEntry(entry);
      return error ? { ...summary, error } : summary;
    });
  }

  /**
   * An index entry without its file stamp, made once per entry: entries are replaced, never
   * changed, when their article changes, so listing 100,000 of them again copies none.
   */
  private summaryOfEntry(entry: Readonly<ArticleIndexEntry>): ArticleSummary {
    let summary = this.entrySummaries.get(entry);
    if (!summary) {
      const { stamp: _stamp, ...rest } = entry;
      summary = rest;
      this.entrySummaries.set(entry, summary);
    }
    return summary;
  }
  private readonly entrySummaries = new WeakMap<Readonly<ArticleIndexEntry>, ArticleSummary>();

  hasArticle(id: string) {
    return this.manifest.articles.some((a) => a.id === id);
  }

  async readArticle(id: string): Promise<Article> {
    if (!this.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
    // Reading from disk runs in the article's queue: a read that overlapped an edit could
    // otherwise finish after it and put the article as it was before the edit into the cache.
    return this.articleCache.get(id) ?? this.fileQueue.run(id, () => this.articleInQueue(id));
  }

  /**
   * The article and its revision: the number of acknowledged changes folded into it (journal
   * entries and whole saves), which only grows while the article exists. A work package carries
   * it, so the lead can tell a later layer from an earlier one.
   */
  async readArticleWithRevision(id: string): Promise<{ article: Article; revision: number }> {
    if (!this.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
    return this.fileQueue.run(id, async () => {
      const article = await this.articleInQueue(id);
      return { article, revision: this.journals.get(id)?.rev ?? 0 };
    });
  }

  /** The article, from the cache or its file and journal; only called inside the article's queue. */
  private async articleInQueue(id: string): Promise<Article> {
    // It may have been deleted while this waited in the queue.
    if (!this.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
    const cached = this.articleCache.get(id);
    if (cached) return cached;
    const file = this.articleFile(id);
    let raw: unknown;
    try {
      raw = await new DurableJsonFile<unknown>(file, { fs: this.options.fs }).read();
    } catch (err) {
      if (err instanceof WorkbenchError) this.brokenArticles.set(id, err.message);
      throw err;
    }
    if (raw === null) {
      const message = `the article file ${file} is missing`;
      this.brokenArticles.set(id, message);
      throw new WorkbenchError('corrupt_file', message, file);
    }
    const parsed = ArticleFileSchema.safeParse(raw);
    if (!parsed.success) {
      const message = `${file} is not a valid article file (${describeZodError(parsed.error)}); it was left untouched`;
      this.brokenArticles.set(id, message);
      throw new WorkbenchError('corrupt_file', message, file);
    }
    // Valid JSON of the right shape can still break the invariants (a span past the end of the text).
    const problems = articleProblems(parsed.data.article);
    if (problems.length) {
      const message = `${file} is not a valid article file (${problems.join('; ')}); it was left untouched`;
      this.brokenArticles.set(id, message);
      throw new WorkbenchError('corrupt_file', message, file);
    }
    let article = parsed.data.article;
    if (article.id !== id) {
      const message = `${file} holds article ${article.id}, expected ${id}; it was left untouched`;
      this.brokenArticles.set(id, message);
      throw new WorkbenchError('corrupt_file', message, file);
    }
    // Replay acknowledged edits that were not yet folded into the article file.
    let rev = parsed.data.revision ?? 0;
    let pending = 0;
    try {
      const journal = await readJournal(this.journalFile(id));
      for (const entry of journal.entries) {
        if (entry.rev <= rev) continue;
        article = { ...applyEdits(article, entry.edits), updatedAt: entry.at };
        rev = entry.rev;
        pending++;
      }
      if (journal.tornTail) {
        const dropped = await repairTornTail(this.journalFile(id));
        this.notices.push(
          `${this.journalFile(id)} ended in an edit that was never acknowledged (the process stopped while saving it); its ${dropped} bytes were cut off`,
        );
      }
    } catch (err) {
      const message = err instanceof WorkbenchError ? err.message : `${this.journalFile(id)}: ${(err as Error).message}`;
      this.brokenArticles.set(id, message);
      throw err instanceof WorkbenchError ? err : new WorkbenchError('corrupt_file', message, this.journalFile(id));
    }
    const state = this.journals.get(id);
    if (state) Object.assign(state, { rev, pending });
    else this.journals.set(id, { rev, pending, timer: null });
    this.brokenArticles.delete(id);
    this.remember(article);
    return article;
  }

  /**
   * Make an edit durable: append it to the article's journal (fsynced) and remember the
   * resulting article. `after` is `applyEdits(current, edits)` as the service computed it.
   */
  async commitEdits(id: string, edits: Edit[], after: Article): Promise<ArticleSummary> {
    return this.fileQueue.run(id, async () => {
      // Checked in the queue: a delete of this article runs in the same queue, before or after.
      if (!this.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
      const state = this.journals.get(id) ?? { rev: 0, pending: 0, timer: null };
      await appendJournalEntry(this.journalFile(id), { rev: state.rev + 1, at: after.updatedAt, edits }, this.options.fs);
      state.rev++;
      state.pending++;
      this.journals.set(id, state);
      this.remember(after);
      this.updateIndexEntry(after);
      this.scheduleIndexFlush();
      this.scheduleCompaction(id, state);
      return summarizeArticle(after);
    });
  }

  /** Fold an article's journal into its file now. */
  async compact(id: string): Promise<void> {
    await this.fileQueue.run(id, async () => {
      const state = this.journals.get(id);
      if (!state || state.pending === 0 || !this.hasArticle(id)) return;
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      const article = await this.articleInQueue(id);
      const stamp = await this.writeArticleFile(article, state.rev);
      await removeJournal(this.journalFile(id));
      state.pending = 0;
      this.updateIndexEntry(article, stamp);
      this.scheduleIndexFlush();
    });
  }

  private scheduleCompaction(id: string, state: JournalState) {
    if (state.pending >= (this.options.compactAfterEntries ?? 200)) {
      void this.compact(id).catch((err) => console.error(`compaction of ${this.articleFile(id)} failed:`, err));
      return;
    }
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      this.compact(id).catch((err) => console.error(`compaction of ${this.articleFile(id)} failed:`, err));
    }, this.options.compactDelayMs ?? 2000);
    state.timer.unref?.();
  }

  /** Durably write an existing article's file, then refresh its cached summary. */
  async saveArticle(article: Article): Promise<ArticleSummary> {
    return this.fileQueue.run(article.id, async () => {
      if (!this.hasArticle(article.id)) throw new WorkbenchError('not_found', `no article with id ${article.id}`);
      const state = this.journals.get(article.id) ?? { rev: 0, pending: 0, timer: null };
      state.rev++;
      const stamp = await this.writeArticleFile(article, state.rev);
      await removeJournal(this.journalFile(article.id));
      state.pending = 0;
      this.journals.set(article.id, state);
      this.remember(article);
      this.updateIndexEntry(article, stamp);
      this.scheduleIndexFlush();
      return summarizeArticle(article);
    });
  }

  /**
   * Add articles atomically: each article's file is written as it arrives (an import streams
   * them, so none is kept: memory holds one article and its index entry), then one manifest
   * write makes them all part of the workspace. On any failure, up to and including that write,
   * the files written so far are removed and the manifest stays as it was.
   */
  async addArticles(
    articles: Iterable<Article> | AsyncIterable<Article>,
    alsoChangeManifest?: (m: Manifest) => void,
    hooks: AddArticlesHooks = {},
  ): Promise<ArticleSummary[]> {
    const manifestBefore = structuredClone({ schema: this.manifest.schema, settings: this.manifest.settings, entities: this.manifest.entities });
    const taken = new Set(this.manifest.articles.map((a) => a.id));
    const written = new Set<string>();
    const entries: ArticleIndexEntry[] = [];
    const latest: Article[] = [];
    let listed = false;
    try {
      for await (const article of articles) {
        if (taken.has(article.id)) throw new WorkbenchError('conflict', `article ${article.id} already exists`);
        taken.add(article.id);
        const stamp = await this.writeArticleFile(article);
        written.add(article.id);
        entries.push({ ...summarizeArticle(article), stamp });
        latest.push(article);
        if (latest.length > REMEMBERED_AFTER_ADD) latest.shift();
      }
      await hooks.beforeCommit?.();
      // Articles added meanwhile (the app's own "new article") have random ids; a clash is still refused.
      for (const a of this.manifest.articles) if (written.has(a.id)) throw new WorkbenchError('conflict', `article ${a.id} already exists`);
      listed = true;
      for (const entry of entries) this.manifest.articles.push(entry);
      alsoChangeManifest?.(this.manifest);
      await this.flushIndexNow();
    } catch (err) {
      // Roll back: the manifest never listed them, so removing the files restores the old state.
      if (listed) this.manifest.articles = this.manifest.articles.filter((a) => !written.has(a.id));
      this.manifest.schema = manifestBefore.schema;
      this.manifest.settings = manifestBefore.settings;
      this.manifest.entities = manifestBefore.entities;
      const ids = [...written];
      for (let i = 0; i < ids.length; i += 256)
        await Promise.all(ids.slice(i, i + 256).map((id) => fsp.unlink(this.articleFile(id)).catch(() => undefined)));
      throw err;
    }
    for (const a of latest) this.remember(a);
    return entries.map(({ stamp: _s, ...summary }) => summary);
  }

  /**
   * Remove an article: the manifest write commits it, then its files go. It runs in the
   * article's queue, so an edit, compaction or save of it finishes before, or finds it gone.
   */
  async deleteArticle(id: string): Promise<void> {
    await this.fileQueue.run(id, async () => {
      if (!this.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
      this.manifest.articles = this.manifest.articles.filter((a) => a.id !== id);
      await this.flushIndexNow();
      this.articleCache.delete(id);
      this.brokenArticles.delete(id);
      const state = this.journals.get(id);
      if (state?.timer) clearTimeout(state.timer);
      this.journals.delete(id);
      await fsp.unlink(this.articleFile(id)).catch(() => undefined);
      await removeJournal(this.journalFile(id));
      await removeArticleLayers(this.dir, id);
    });
  }

  async updateManifest(mutate: (m: Manifest) => void): Promise<void> {
    mutate(this.manifest);
    await this.flushIndexNow();
  }

  /**
   * Stop the pending index and compaction timers without writing anything: what a process that
   * dies leaves behind. Only the crash-recovery tests use it, so that a "dead" store's timers do
   * not write into a folder a later test has removed.
   */
  abandonTimers(): void {
    if (this.indexFlushTimer) clearTimeout(this.indexFlushTimer);
    this.indexFlushTimer = null;
    for (const state of this.journals.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
    }
  }

  /** Write any pending index refresh now (on close, and before commands that need it on disk). */
  async flush(): Promise<void> {
    for (const [id, state] of this.journals) if (state.pending > 0) await this.compact(id);
    if (this.indexFlushTimer) {
      clearTimeout(this.indexFlushTimer);
      this.indexFlushTimer = null;
      await this.flushIndexNow();
    }
    await this.indexFlushPending;
  }

  private async flushIndexNow() {
    if (this.indexFlushTimer) {
      clearTimeout(this.indexFlushTimer);
      this.indexFlushTimer = null;
    }
    // The write that commits the first articles of a workspace an import creates also says it is finished.
    if (this.manifest.incomplete && this.manifest.articles.length) delete this.manifest.incomplete;
    const write = this.manifestDb.write();
    this.indexFlushPending = write.catch(() => undefined);
    await write;
  }

  private scheduleIndexFlush() {
    if (this.indexFlushTimer) return;
    this.indexFlushTimer = setTimeout(() => {
      this.indexFlushTimer = null;
      this.flushIndexNow().catch((err) => console.error(`failed to write ${this.manifestFile}:`, err));
    }, this.options.indexFlushDelayMs ?? 300);
    this.indexFlushTimer.unref?.();
  }

  private async writeArticleFile(article: Article, revision = 0): Promise<FileStamp> {
    const file = this.articleFile(article.id);
    const db = new Low(new DurableJsonFile<z.input<typeof ArticleFileSchema>>(file, { fs: this.options.fs }), {
      formatVersion: ARTICLE_FILE_FORMAT_VERSION,
      offsetUnit: 'utf-16',
      revision,
      article,
    });
    await db.write();
    const st = await fsp.stat(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  }

  /**
   * Replace an article's index entry, looked up by id at the time of writing: positions in the
   * list shift when another article is deleted while this one's file is being written.
   * Keeps the old stamp unless given a new one; does nothing if the article is gone.
   */
  private updateIndexEntry(article: Article, stamp?: FileStamp) {
    const i = this.manifest.articles.findIndex((a) => a.id === article.id);
    if (i >= 0) this.manifest.articles[i] = { ...summarizeArticle(article), stamp: stamp ?? this.manifest.articles[i].stamp };
  }

  private remember(article: Article) {
    this.articleCache.delete(article.id);
    this.articleCache.set(article.id, article);
    // Keep a handful of recently used articles in memory; the rest are re-read on demand.
    while (this.articleCache.size > 16) {
      const oldest = this.articleCache.keys().next().value as string;
      this.articleCache.delete(oldest);
    }
  }

  /** Re-read article files whose size/mtime no longer match the index (edits after the last index write). */
  private async reconcileIndex() {
    let changed = false;
    // One listing of the folder says which articles have a journal: on a workspace of 5,000
    // articles, asking the file system 5,000 times took as long as all the stats together.
    const names = new Set(await fsp.readdir(this.articlesDir));
    // The stats are synchronous on purpose: 5,000 of them take ~30 ms in one go, but 30 to
    // 250 ms as promises queued on libuv's four threads, depending on what else the machine
    // does (and each promise's garbage lengthened the collections after it). This runs once,
    // while the workspace opens, before anything else is served.
    const stale: string[] = [];
    for (const entry of this.manifest.articles) {
      const st = statSync(this.articleFile(entry.id), { throwIfNoEntry: false });
      if (!st) this.brokenArticles.set(entry.id, `the article file ${this.articleFile(entry.id)} is missing`);
      else if (names.has(path.basename(this.journalFile(entry.id))) || !entry.stamp || entry.stamp.size !== st.size || entry.stamp.mtimeMs !== st.mtimeMs)
        stale.push(entry.id);
    }
    // Articles changed since the index was written, or with edits still in a journal: read
    // (replaying the journal), fold the journal in, and summarise again.
    await Promise.all(
      stale.map(async (id) => {
        try {
          const article = await this.readArticle(id);
          if (names.has(path.basename(this.journalFile(id)))) await this.compact(id);
          const st = await fsp.stat(this.articleFile(id));
          this.updateIndexEntry(article, { size: st.size, mtimeMs: st.mtimeMs });
          changed = true;
        } catch {
          // readArticle recorded the problem in brokenArticles; the library shows it.
        }
      }),
    );
    if (changed) await this.flushIndexNow();
  }
}
