/**
 * The annotator layers a lead collected (shared/domain/layers.ts): one file per (article,
 * annotator), `<workspace>/layers/<articleId>/<layerFileKey(annotator)>.json`, each written
 * whole and atomically by writeFileDurably. One write touches one layer, never two, and never the
 * article file: the own (gold) layer stays in the article, edited through the store's journal.
 *
 * Only the process holding the workspace lock writes here (collect, delete, recovery). A file that
 * is not JSON or not a layer record is reported naming it and left untouched.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { AnnotatorLayerRecordSchema, layerFileKey, type AnnotatorLayerRecord } from '../../shared/domain/layers';
import { describeZodError } from '../../shared/domain/zodErrors';
import { writeFileDurably } from './durableJsonFile';
import { checkLayerRecord } from './layerRecordCheck';

export const LAYERS_DIR_NAME = 'layers';

export const layersRoot = (workspaceDir: string) => path.join(workspaceDir, LAYERS_DIR_NAME);
export const articleLayersDir = (workspaceDir: string, articleId: string) => path.join(layersRoot(workspaceDir), articleId);
export const layerFile = (workspaceDir: string, articleId: string, annotator: string) =>
  path.join(articleLayersDir(workspaceDir, articleId), `${layerFileKey(annotator)}.json`);

const isLayerFileName = (name: string) => name.startsWith('annotator-') && name.endsWith('.json');

/**
 * Parsed layer files by path, each with the stamp (size, mtime, inode) it was read at: opening an
 * article with layers, the library's curation progress and the agreement read the same files
 * again and again (0.4 s for 3 layers × 20,000 spans), as the store keeps parsed articles. A
 * collect replaces a file by a rename, which changes its stamp. Least recently read first; the
 * span budget bounds it (a span takes a few hundred bytes).
 */
const parsedLayers = new Map<string, { stamp: string; record: AnnotatorLayerRecord }>();
const CACHED_SPANS = 300_000;
let cachedSpans = 0;

function forget(file: string): void {
  const known = parsedLayers.get(file);
  if (!known) return;
  parsedLayers.delete(file);
  cachedSpans -= known.record.spans.length;
}

function remember(file: string, stamp: string, record: AnnotatorLayerRecord): void {
  forget(file);
  parsedLayers.set(file, { stamp, record });
  cachedSpans += record.spans.length;
  for (const oldest of parsedLayers.keys()) {
    if (cachedSpans <= CACHED_SPANS || oldest === file) break;
    forget(oldest);
  }
}

/**
 * The checked record in `file`. Callers share it (it may come from the cache): it and its lists
 * are frozen, so a caller that would change them in place fails at once instead of changing what
 * the next reader gets.
 */
async function readLayerFile(file: string, articleId: string): Promise<AnnotatorLayerRecord> {
  const ioError = (err: unknown) => new WorkbenchError('io', `cannot read ${file}: ${(err as Error).message}`, file);
  let stamp: string;
  try {
    const st = await fsp.stat(file);
    stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch (err) {
    throw ioError(err);
  }
  const known = parsedLayers.get(file);
  if (known?.stamp === stamp && known.record.articleId === articleId) {
    remember(file, stamp, known.record);
    return known.record;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await fsp.readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw ioError(err);
    throw new WorkbenchError('corrupt_file', `${file} is not valid JSON (${(err as Error).message}); it was left untouched`, file);
  }
  const parsed = checkLayerRecord(raw);
  if (!parsed.success) throw new WorkbenchError('corrupt_file', `${file} is not a valid layer record (${describeZodError(parsed.error)}); it was left untouched`, file);
  const record = parsed.data;
  if (record.articleId !== articleId || path.basename(file) !== `${layerFileKey(record.annotator)}.json`)
    throw new WorkbenchError('corrupt_file', `${file} holds ${record.annotator}'s layer of article ${record.articleId}, not what its name says; it was left untouched`, file);
  Object.freeze(record.spans);
  Object.freeze(record.statements);
  Object.freeze(record.entities);
  remember(file, stamp, Object.freeze(record));
  return record;
}

/** An annotator's layer of an article, or null when none was collected. */
export async function readLayer(workspaceDir: string, articleId: string, annotator: string): Promise<AnnotatorLayerRecord | null> {
  const file = layerFile(workspaceDir, articleId, annotator);
  try {
    await fsp.access(file);
  } catch {
    return null;
  }
  return readLayerFile(file, articleId);
}

/** Every collected layer of an article, by annotator name (sorted by UTF-16 code units). */
export async function listLayers(workspaceDir: string, articleId: string): Promise<AnnotatorLayerRecord[]> {
  const dir = articleLayersDir(workspaceDir, articleId);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const records: AnnotatorLayerRecord[] = [];
  for (const name of names.filter(isLayerFileName).sort()) records.push(await readLayerFile(path.join(dir, name), articleId));
  return records.sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
}

/** Which articles have collected layers, and how many each (file names only: nothing is read). */
export async function layerCounts(workspaceDir: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let ids: string[];
  try {
    ids = await fsp.readdir(layersRoot(workspaceDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return counts;
    throw err;
  }
  for (const id of ids) {
    const names = await fsp.readdir(path.join(layersRoot(workspaceDir), id)).catch(() => [] as string[]);
    const n = names.filter(isLayerFileName).length;
    if (n) counts.set(id, n);
  }
  return counts;
}

/**
 * What an article's collected layers are now, as a string that changes whenever one is written,
 * replaced or removed (file names, sizes and mtimes; nothing is read): a cache key.
 */
export async function layerStamps(workspaceDir: string, articleId: string): Promise<string> {
  const dir = articleLayersDir(workspaceDir, articleId);
  const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter(isLayerFileName).sort();
  const stamps = await Promise.all(names.map(async (n) => fsp.stat(path.join(dir, n)).then((st) => `${n}:${st.size}:${st.mtimeMs}`, () => `${n}:gone`)));
  return stamps.join('|');
}

/** Write one layer record atomically (the one write a collect makes per article and annotator). */
export async function writeLayer(workspaceDir: string, record: AnnotatorLayerRecord): Promise<void> {
  const parsed = AnnotatorLayerRecordSchema.parse(record);
  await fsp.mkdir(articleLayersDir(workspaceDir, parsed.articleId), { recursive: true });
  await writeFileDurably(layerFile(workspaceDir, parsed.articleId, parsed.annotator), `${JSON.stringify(parsed)}\n`);
}

/** Remove every layer of an article (it was deleted). */
export async function removeArticleLayers(workspaceDir: string, articleId: string): Promise<void> {
  const dir = articleLayersDir(workspaceDir, articleId);
  for (const file of [...parsedLayers.keys()]) if (path.dirname(file) === dir) forget(file);
  await fsp.rm(dir, { recursive: true, force: true });
}

/**
 * Layers of articles the workspace no longer lists (a delete stopped between its manifest write
 * and its file removals) and temp files of layer writes that were stopped: removed, and said.
 */
export async function removeLayerLeftovers(workspaceDir: string, known: ReadonlySet<string>): Promise<string[]> {
  let ids: string[];
  try {
    ids = await fsp.readdir(layersRoot(workspaceDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const orphans = ids.filter((id) => !known.has(id));
  let temps = 0;
  for (const id of ids.filter((i) => known.has(i))) {
    const dir = path.join(layersRoot(workspaceDir), id);
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith('.') && n.endsWith('.tmp'))) {
      await fsp.rm(path.join(dir, name), { force: true });
      temps++;
    }
  }
  for (const id of orphans) await fsp.rm(path.join(layersRoot(workspaceDir), id), { recursive: true, force: true });
  const notices: string[] = [];
  if (orphans.length)
    notices.push(`removed the collected layers of ${orphans.length} deleted article${orphans.length === 1 ? '' : 's'} from ${layersRoot(workspaceDir)}: ${orphans.slice(0, 10).join(', ')}`);
  if (temps) notices.push(`removed ${temps} temporary layer file${temps === 1 ? '' : 's'} left by writes that were stopped mid-way in ${layersRoot(workspaceDir)}`);
  return notices;
}
