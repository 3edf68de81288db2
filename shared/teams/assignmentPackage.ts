/**
 * What an assignment package holds (docs/packages.md), in the container of package.ts:
 *   schema.json          the lead's label schema
 *   entities.json        the lead's actor entities and claim concepts
 *   articles/<id>.json   one per assigned article: its text and metadata, no spans
 * The lead's spans and statements do not travel: the annotator codes the article blind, which is
 * what a reliability coefficient assumes. The article's status does not travel either: it is the
 * annotator's progress, starting at not_started.
 */
import { z } from 'zod';
import { FormatError } from '../formats/codec';
import type { ArchiveLimits } from '../formats/inputFiles';
import {
  ArticleMetaSchema,
  ArticleSchema,
  EntitySchema,
  IdSchema,
  LabelSchemaDefSchema,
  type Article,
  type Entity,
  type LabelSchemaDef,
} from '../domain/model';
import { buildPackage, jsonBytes, parseEntry, readPackage, type PackageFile, type PackageHeader, type PackageManifest } from './package';

export const SCHEMA_ENTRY = 'schema.json';
export const ENTITIES_ENTRY = 'entities.json';
export const articleEntry = (id: string) => `articles/${id}.json`;
const ARTICLE_ENTRY = /^articles\/([^/]+)\.json$/;

/** An article as a package carries it: metadata and text. */
export const PackageArticleSchema = ArticleMetaSchema.pick({ id: true, title: true, source: true, url: true, date: true, createdAt: true }).extend({
  text: ArticleSchema.shape.text,
});
export type PackageArticle = z.infer<typeof PackageArticleSchema>;

export interface AssignmentContent {
  schema: LabelSchemaDef;
  entities: readonly Entity[];
  /** In the order the annotator's library will list them. */
  articles: readonly PackageArticle[];
}

export interface AssignmentPackage extends AssignmentContent {
  fileName: string;
  /** package.json as read. */
  info: PackageManifest;
}

/** The part of an article that travels in a package. */
export function packageArticle(article: Article): PackageArticle {
  const { id, title, source, url, date, createdAt, text } = article;
  return { id, title, ...(source !== undefined ? { source } : {}), ...(url !== undefined ? { url } : {}), ...(date !== undefined ? { date } : {}), createdAt, text };
}

export function assignmentFiles(content: AssignmentContent): PackageFile[] {
  return [
    { path: SCHEMA_ENTRY, bytes: jsonBytes(content.schema) },
    { path: ENTITIES_ENTRY, bytes: jsonBytes(content.entities) },
    ...content.articles.map((a) => ({ path: articleEntry(a.id), bytes: jsonBytes(PackageArticleSchema.parse(a)) })),
  ];
}

export function buildAssignmentPackage(header: Omit<PackageHeader, 'kind'>, content: AssignmentContent): Promise<Uint8Array> {
  return buildPackage({ ...header, kind: 'assignment' }, assignmentFiles(content));
}

/**
 * Read and verify an assignment package: the container's checks (package.ts), then its kind,
 * its entries (schema.json, entities.json and articles/<id>.json, nothing else), and each
 * entry's content, every problem naming the file and the entry.
 */
export async function readAssignmentPackage(fileName: string, bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<AssignmentPackage> {
  const pkg = await readPackage(fileName, bytes, limits);
  const { info: manifest } = pkg;
  if (manifest.kind !== 'assignment')
    throw new FormatError(fileName, 'entry package.json', `a ${manifest.kind} package, not an assignment package`);
  const schema = parseEntry(pkg, SCHEMA_ENTRY, LabelSchemaDefSchema);
  const entities = parseEntry(pkg, ENTITIES_ENTRY, z.array(EntitySchema));
  const articles: PackageArticle[] = [];
  for (const { path } of manifest.entries) {
    if (path === SCHEMA_ENTRY || path === ENTITIES_ENTRY) continue;
    const id = ARTICLE_ENTRY.exec(path)?.[1];
    if (id === undefined || !IdSchema.safeParse(id).success)
      throw new FormatError(fileName, `entry ${path}`, 'an assignment package holds only schema.json, entities.json and articles/<id>.json');
    const article = parseEntry(pkg, path, PackageArticleSchema);
    if (article.id !== id) throw new FormatError(fileName, `entry ${path}`, `holds article ${article.id}, not ${id}`);
    articles.push(article);
  }
  return { fileName, info: manifest, schema, entities, articles };
}
