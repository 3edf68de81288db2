/**
 * What a work package holds (docs/packages.md): an annotator's layer of the articles a lead
 * assigned them, going back to the lead, in the container of package.ts:
 *   schema.json          the annotator's label schema (checked against the lead's on collect)
 *   entities.json        the annotator's entities and concepts that their spans link to
 *   layers/<id>.json     one per article: the annotator's spans, statements, status and revision
 * The text does not travel back: the lead has it, and the layer names its SHA-256 so that a layer
 * made on another text is refused. Offsets count UTF-16 code units, end exclusive (model.ts).
 */
import { z } from 'zod';
import { FormatError } from '../formats/codec';
import type { ArchiveLimits } from '../formats/inputFiles';
import { ArticleStatusSchema, EntitySchema, IdSchema, IsoTimestampSchema, LabelSchemaDefSchema, SpanSchema, StatementSchema, type Entity, type LabelSchemaDef } from '../domain/model';
import { SCHEMA_ENTRY, ENTITIES_ENTRY } from './assignmentPackage';
import { buildPackage, jsonBytes, parseEntry, readPackage, sha256Hex, type PackageHeader, type PackageManifest } from './package';

export const layerEntry = (articleId: string) => `layers/${articleId}.json`;
const LAYER_ENTRY = /^layers\/([^/]+)\.json$/;

/** One article's layer as a work package carries it. */
export const WorkLayerSchema = z.object({
  articleId: IdSchema,
  /** The annotator's revision of the article; each saved change raises it. */
  revision: z.number().int().nonnegative(),
  status: ArticleStatusSchema,
  updatedAt: IsoTimestampSchema,
  /** SHA-256 (hex) of the article's text as UTF-8. */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  spans: z.array(SpanSchema),
  statements: z.array(StatementSchema).default([]),
});
export type WorkLayer = z.infer<typeof WorkLayerSchema>;

export interface WorkContent {
  schema: LabelSchemaDef;
  entities: readonly Entity[];
  layers: readonly WorkLayer[];
}

export interface WorkPackage extends WorkContent {
  fileName: string;
  info: PackageManifest;
}

export const textSha256 = (text: string) => sha256Hex(new TextEncoder().encode(text));

/** The entities the layers' spans link to, in registry order. */
export function linkedEntities(registry: readonly Entity[], layers: readonly Pick<WorkLayer, 'spans'>[]): Entity[] {
  const linked = new Set<string>();
  for (const layer of layers) for (const span of layer.spans) if (span.entityId) linked.add(span.entityId);
  return registry.filter((e) => linked.has(e.id));
}

export function buildWorkPackage(header: Omit<PackageHeader, 'kind'>, content: WorkContent): Promise<Uint8Array> {
  return buildPackage({ ...header, kind: 'work' }, [
    { path: SCHEMA_ENTRY, bytes: jsonBytes(content.schema) },
    { path: ENTITIES_ENTRY, bytes: jsonBytes(content.entities) },
    ...content.layers.map((l) => ({ path: layerEntry(l.articleId), bytes: jsonBytes(WorkLayerSchema.parse(l)) })),
  ]);
}

/**
 * Read and verify a work package: the container's checks (package.ts), its kind, its entries
 * (schema.json, entities.json and layers/<id>.json, nothing else), each entry's content. Every
 * problem is a FormatError naming the file and the entry.
 */
export async function readWorkPackage(fileName: string, bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<WorkPackage> {
  const pkg = await readPackage(fileName, bytes, limits);
  const { info } = pkg;
  if (info.kind !== 'work') throw new FormatError(fileName, 'entry package.json', `an ${info.kind} package, not a work package (open it with open-package)`);
  const schema = parseEntry(pkg, SCHEMA_ENTRY, LabelSchemaDefSchema);
  const entities = parseEntry(pkg, ENTITIES_ENTRY, z.array(EntitySchema));
  const layers: WorkLayer[] = [];
  for (const { path } of info.entries) {
    if (path === SCHEMA_ENTRY || path === ENTITIES_ENTRY) continue;
    const id = LAYER_ENTRY.exec(path)?.[1];
    if (id === undefined || !IdSchema.safeParse(id).success)
      throw new FormatError(fileName, `entry ${path}`, 'a work package holds only schema.json, entities.json and layers/<id>.json');
    const layer = parseEntry(pkg, path, WorkLayerSchema);
    if (layer.articleId !== id) throw new FormatError(fileName, `entry ${path}`, `holds the layer of article ${layer.articleId}, not ${id}`);
    layers.push(layer);
  }
  return { fileName, info, schema, entities, layers };
}
