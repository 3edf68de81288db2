/**
 * The storage layer: the only code that touches a workspace's files. A lowdb database for
 * the manifest and one per article, all through DurableJsonFile, so saving an edit rewrites
 * only that article's file, durably, before the edit is acknowledged.
 *
 * Consistency: an article file is written first, the manifest after. The manifest's article
 * index is a cache (counts, status) that may lag an article file after a crash; `open`
 * compares each file's size/mtime stamp and re-reads the files that changed. Membership (which
 * articles exist) is decided by the manifest alone, which makes creating, deleting and
 * importing many articles atomic: one manifest write commits them.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { WorkbenchError } from '../../shared/api/errors';
import { describeZodError } from '../../shared/api/dispatch';
import { summarizeArticle, type Article, type ArticleSummary, type LabelSchemaDef } from '../../shared/domain/model';
import { DurableJsonFile, type DurableFs } from './durableJsonFile';
import {
  ARTICLES_DIR_NAME,
  ArticleFileSchema,
  MANIFEST_FILE_NAME,
  ManifestSchema,
  STORAGE_FORMAT_VERSION,
  type ArticleIndexEntry,
  type FileStamp,
  type Manifest,
} from './storedRecords';

export interface WorkspaceStoreOptions {
  fs?: DurableFs;
  /** Delay before a manifest write that only refreshes cached counts (article files are already durable). */
  indexFlushDelayMs?: number;
}

export class WorkspaceStore {
  private manifestDb!: Low<Manifest>;
  private readonly articleCache = new Map<string, Article>();
  /** Article files that failed to read, with the message naming the file and the problem. */
  private readonly brokenArticles = new Map<string, string>();
  private indexFlushTimer: NodeJS.Timeout | null = null;
  private indexFlushPending: Promise<void> | null = null;

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

  /** Open an existing workspace, or create it with `initial` when it has no manifest. */
  static async open(dir: string, initial: () => Promise<Manifest>, options: WorkspaceStoreOptions = {}) {
    const store = new WorkspaceStore(dir, options);
    await fsp.mkdir(store.articlesDir, { recursive: true });
    const adapter = new DurableJsonFile<Manifest>(store.manifestFile, { indent: 2, fs: options.fs });
    const raw = await adapter.read();
    if (raw === null) {
      store.manifestDb = new Low(adapter, await initial());
      await store.manifestDb.write();
    } else {
      const parsed = ManifestSchema.safeParse(raw);
      if (!parsed.success)
        throw new WorkbenchError(
          'corrupt_file',
          `${store.manifestFile} is not a valid workspace manifest (${describeZodError(parsed.error)}); it was left untouched`,
          store.manifestFile,
        );
      store.manifestDb = new Low(adapter, parsed.data);
      await store.reconcileIndex();
    }
    return store;
  }

  get manifest(): Manifest {
    return this.manifestDb.data;
  }

  get schema(): LabelSchemaDef {
    return this.manifest.schema;
  }

  /** Summaries for the library, including articles whose file is broken (with `error`). */
  listSummaries(): ArticleSummary[] {
    return this.manifest.articles.map(({ stamp: _stamp, ...entry }) => {
      const error = this.brokenArticles.get(entry.id);
      return error ? { ...entry, error } : entry;
    });
  }

  hasArticle(id: string) {
    return this.manifest.articles.some((a) => a.id === id);
  }

  async readArticle(id: string): Promise<Article> {
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
    const article = parsed.data.article;
    if (article.id !== id) {
      const message = `${file} holds article ${article.id}, expected ${id}; it was left untouched`;
      this.brokenArticles.set(id, message);
      throw new WorkbenchError('corrupt_file', message, file);
    }
    this.brokenArticles.delete(id);
    this.remember(article);
    return article;
  }

  /** Durably write an existing article's file, then refresh its cached summary. */
  async saveArticle(article: Article): Promise<ArticleSummary> {
    const i = this.manifest.articles.findIndex((a) => a.id === article.id);
    if (i < 0) throw new WorkbenchError('not_found', `no article with id ${article.id}`);
    const stamp = await this.writeArticleFile(article);
    this.remember(article);
    this.manifest.articles[i] = { ...summarizeArticle(article), stamp };
    this.scheduleIndexFlush();
    return summarizeArticle(article);
  }

  /** Add articles atomically: files first, then one manifest write makes them part of the workspace. */
  async addArticles(articles: Article[], alsoChangeManifest?: (m: Manifest) => void): Promise<ArticleSummary[]> {
    const manifestBefore = structuredClone({ schema: this.manifest.schema, settings: this.manifest.settings });
    const written: string[] = [];
    const entries: ArticleIndexEntry[] = [];
    try {
      for (const article of articles) {
        if (this.hasArticle(article.id)) throw new WorkbenchError('conflict', `article ${article.id} already exists`);
        const stamp = await this.writeArticleFile(article);
        written.push(article.id);
        entries.push({ ...summarizeArticle(article), stamp });
      }
      this.manifest.articles.push(...entries);
      alsoChangeManifest?.(this.manifest);
      await this.flushIndexNow();
    } catch (err) {
      // Roll back: the manifest never listed them, so removing the files restores the old state.
      this.manifest.articles = this.manifest.articles.filter((a) => !written.includes(a.id));
      this.manifest.schema = manifestBefore.schema;
      this.manifest.settings = manifestBefore.settings;
      await Promise.all(written.map((id) => fsp.unlink(this.articleFile(id)).catch(() => undefined)));
      throw err;
    }
    for (const a of articles) this.remember(a);
    return entries.map(({ stamp: _s, ...summary }) => summary);
  }

  async deleteArticle(id: string): Promise<void> {
    if (!this.hasArticle(id)) throw new WorkbenchError('not_found', `no article with id ${id}`);
    this.manifest.articles = this.manifest.articles.filter((a) => a.id !== id);
    await this.flushIndexNow();
    this.articleCache.delete(id);
    this.brokenArticles.delete(id);
    await fsp.unlink(this.articleFile(id)).catch(() => undefined);
  }

  async updateManifest(mutate: (m: Manifest) => void): Promise<void> {
    mutate(this.manifest);
    await this.flushIndexNow();
  }

  /** Write any pending index refresh now (on close, and before commands that need it on disk). */
  async flush(): Promise<void> {
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

  private async writeArticleFile(article: Article): Promise<FileStamp> {
    const file = this.articleFile(article.id);
    const db = new Low(new DurableJsonFile<z.input<typeof ArticleFileSchema>>(file, { fs: this.options.fs }), {
      formatVersion: STORAGE_FORMAT_VERSION,
      offsetUnit: 'utf-16',
      article,
    });
    await db.write();
    const st = await fsp.stat(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
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
    await Promise.all(
      this.manifest.articles.map(async (entry, i) => {
        let st;
        try {
          st = await fsp.stat(this.articleFile(entry.id));
        } catch {
          this.brokenArticles.set(entry.id, `the article file ${this.articleFile(entry.id)} is missing`);
          return;
        }
        if (entry.stamp && entry.stamp.size === st.size && entry.stamp.mtimeMs === st.mtimeMs) return;
        try {
          const article = await this.readArticle(entry.id);
          this.manifest.articles[i] = { ...summarizeArticle(article), stamp: { size: st.size, mtimeMs: st.mtimeMs } };
          changed = true;
        } catch {
          // readArticle recorded the problem in brokenArticles; the library shows it.
        }
      }),
    );
    if (changed) await this.flushIndexNow();
  }
}
