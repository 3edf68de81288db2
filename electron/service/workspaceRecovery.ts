/**
 * Recovery when a workspace opens (the caller holds the workspace lock, so no other process
 * writes it): what a killed process or a lost file left behind, repaired and said in a notice.
 *   - a missing workspace.json while article files remain: the index is a cache, rebuilt from
 *     the article files (never an empty workspace shown over existing articles);
 *   - leftovers: article files and journals the manifest does not list (an import or delete
 *     stopped before it finished) and temp files of writes that were stopped mid-way;
 *   - a workspace that an import was creating and never finished: its files are removed;
 *   - files uploaded for an import that was never committed (`.uploads/`, see uploads.ts).
 * Only names this program writes are touched; anything else in the folder is left alone.
 */
import { promises as fsp, statSync } from 'node:fs';
import path from 'node:path';
import { IdSchema, summarizeArticle, type Article, type Label } from '../../shared/domain/model';
import { ARTICLES_DIR_NAME, MANIFEST_FILE_NAME, type ArticleIndexEntry, type Manifest } from './storedRecords';
import { UPLOADS_DIR_NAME } from './uploads';

/** Temp files of writeFileDurably: `.<name>.<pid>.<time>.tmp` beside the file written. */
const isTempOf = (name: string, target?: string) => name.startsWith(`.${target ?? ''}`) && name.endsWith('.tmp');
const isId = (stem: string) => IdSchema.safeParse(stem).success;

export interface ArticlesFolder {
  /** Ids of `articles/<id>.json`. */
  articleIds: string[];
  journalIds: string[];
  temps: string[];
}

export async function listArticlesFolder(articlesDir: string): Promise<ArticlesFolder> {
  let names: string[];
  try {
    names = await fsp.readdir(articlesDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { articleIds: [], journalIds: [], temps: [] };
    throw err;
  }
  const folder: ArticlesFolder = { articleIds: [], journalIds: [], temps: [] };
  for (const name of names.sort()) {
    const match = /^(.+)\.(json|journal)$/.exec(name);
    if (isTempOf(name)) folder.temps.push(name);
    else if (match && isId(match[1])) (match[2] === 'json' ? folder.articleIds : folder.journalIds).push(match[1]);
  }
  return folder;
}

const listed = (ids: string[], max = 10) => ids.slice(0, max).join(', ') + (ids.length > max ? `, … (${ids.length - max} more)` : '');
const files = (n: number, one = 'file') => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Remove article files and journals not in `known` and every temp file of ours; returns what
 * was removed, one notice per kind. With `known` empty it clears what an unfinished creation wrote.
 */
export async function removeLeftovers(dir: string, known: ReadonlySet<string>): Promise<string[]> {
  const articlesDir = path.join(dir, ARTICLES_DIR_NAME);
  const folder = await listArticlesFolder(articlesDir);
  const orphanArticles = folder.articleIds.filter((id) => !known.has(id));
  const orphanJournals = folder.journalIds.filter((id) => !known.has(id));
  const temps = [
    ...folder.temps.map((name) => path.join(articlesDir, name)),
    ...(await fsp.readdir(dir)).filter((name) => isTempOf(name, `${MANIFEST_FILE_NAME}.`)).map((name) => path.join(dir, name)),
  ];
  await Promise.all([
    ...orphanArticles.map((id) => fsp.rm(path.join(articlesDir, `${id}.json`), { force: true })),
    ...orphanJournals.map((id) => fsp.rm(path.join(articlesDir, `${id}.journal`), { force: true })),
    ...temps.map((file) => fsp.rm(file, { force: true })),
  ]);
  const notices: string[] = [];
  const uploads = await removeUploads(dir);
  if (uploads) notices.push(`removed ${files(uploads, 'uploaded file')} of an import that was never finished from ${path.join(dir, UPLOADS_DIR_NAME)}`);
  if (orphanArticles.length)
    notices.push(
      `removed ${files(orphanArticles.length, 'article file')} from ${articlesDir} that ${MANIFEST_FILE_NAME} does not list ` +
        `(written by an import or left by a delete that was stopped before it finished): ${listed(orphanArticles)}`,
    );
  if (orphanJournals.length)
    notices.push(`removed ${files(orphanJournals.length, 'edit journal')} of articles that no longer exist from ${articlesDir}: ${listed(orphanJournals)}`);
  if (temps.length) notices.push(`removed ${files(temps.length, 'temporary file')} left by writes that were stopped mid-way: ${listed(temps, 3)}`);
  return notices;
}

/** Remove the uploads folder a closed session left (a killed app); returns how many files it held. */
async function removeUploads(dir: string): Promise<number> {
  const uploadsDir = path.join(dir, UPLOADS_DIR_NAME);
  let names: string[];
  try {
    names = await fsp.readdir(uploadsDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  await fsp.rm(uploadsDir, { recursive: true, force: true });
  return names.length;
}

/** An index entry for an article file that cannot be read: listed (as broken), never dropped. */
export function placeholderEntry(articlesDir: string, id: string): ArticleIndexEntry {
  const mtime = statSync(path.join(articlesDir, `${id}.json`), { throwIfNoEntry: false })?.mtime ?? new Date();
  const at = mtime.toISOString();
  return { id, title: id, status: 'not_started', createdAt: at, updatedAt: at, length: 0, spanCounts: {}, statementCount: 0 };
}

/** Colour of a label recreated from the ids the articles use (the user renames and recolours it). */
const RECOVERED_LABEL_COLOR = '#6b7280';
const MAX_LABELS = 50;

/**
 * The index of a workspace whose manifest was lost, from its article files: `fresh` (default
 * schema and settings) with every article listed (in creation order; unreadable ones last, as
 * broken) and the labels the articles use added to the schema. `read` reads and validates one
 * article (replaying its journal), throwing for a broken file.
 */
export async function rebuildManifest(
  dir: string,
  ids: string[],
  fresh: Manifest,
  read: (id: string) => Promise<Article>,
): Promise<{ manifest: Manifest; notices: string[] }> {
  const articlesDir = path.join(dir, ARTICLES_DIR_NAME);
  const readable: ArticleIndexEntry[] = [];
  const broken: string[] = [];
  const labelIds = new Set<string>();
  const entityIds = new Set<string>();
  let linkedSpans = 0;
  for (const id of ids) {
    let article: Article;
    try {
      article = await read(id);
    } catch {
      broken.push(id);
      continue;
    }
    for (const span of article.spans) {
      labelIds.add(span.labelId);
      if (span.entityId) {
        entityIds.add(span.entityId);
        linkedSpans++;
      }
    }
    const st = statSync(path.join(articlesDir, `${id}.json`));
    readable.push({ ...summarizeArticle(article), stamp: { size: st.size, mtimeMs: st.mtimeMs } });
  }
  readable.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));

  const known = new Set(fresh.schema.labels.map((l) => l.id));
  const missing = [...labelIds].filter((id) => !known.has(id)).sort();
  const added: Label[] = missing.slice(0, Math.max(0, MAX_LABELS - known.size)).map((id) => ({ id, name: id, color: RECOVERED_LABEL_COLOR }));

  const notices = [
    `${MANIFEST_FILE_NAME} was missing; the index was rebuilt from ${files(ids.length, 'article file')} in ${articlesDir}, ` +
      `with the default label schema and settings`,
  ];
  if (broken.length) notices.push(`${files(broken.length, 'article file')} could not be read and ${broken.length === 1 ? 'is' : 'are'} listed as broken: ${listed(broken)}`);
  if (added.length) notices.push(`labels the articles use were missing from the default schema and were added under their ids (rename them as needed): ${listed(added.map((l) => l.id))}`);
  if (added.length < missing.length) notices.push(`the schema holds at most ${MAX_LABELS} labels; spans with these labels have no label in the schema: ${listed(missing.slice(added.length))}`);
  if (entityIds.size)
    notices.push(
      `${linkedSpans} spans link to ${entityIds.size} actors or concepts whose records (names, types, aliases) were kept only in ` +
        `${MANIFEST_FILE_NAME} and are lost; the links remain`,
    );
  const manifest: Manifest = {
    ...fresh,
    schema: { ...fresh.schema, labels: [...fresh.schema.labels, ...added] },
    articles: [...readable, ...broken.map((id) => placeholderEntry(articlesDir, id))],
  };
  return { manifest, notices };
}
