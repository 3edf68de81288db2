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

/**
 * A verified work package whose layers are parsed one at a time, on demand (`layer`), so that
 * collecting a package of 1,000 layers holds its inflated entries but never all its layers as
 * objects at once (bench `teams`). The container, kind and entry names are checked on opening;
 * a layer's content when it is read (a FormatError naming the file and the entry).
 */
export interface OpenedWorkPackage {
  fileName: string;
  info: PackageManifest;
  schema: LabelSchemaDef;
  entities: readonly Entity[];
  /** The articles the package holds a layer of, in the manifest's order. */
  layerIds: readonly string[];
  /** The layer of one of `layerIds`, parsed and checked now. */
  layer(articleId: string): WorkLayer;
}

/** A work package with every layer parsed (openWorkPackage, then each layer read). */
export interface WorkPackage extends WorkContent, OpenedWorkPackage {}

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
 * Open and verify a work package: the container's checks (package.ts), its kind, its entries
 * (schema.json, entities.json and layers/<id>.json, nothing else), the schema and entities.
 * Layers are parsed when asked for. Every problem is a FormatError naming the file and the entry.
 */
export async function openWorkPackage(fileName: string, bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<OpenedWorkPackage> {
  const pkg = await readPackage(fileName, bytes, limits);
  const { info } = pkg;
  if (info.kind !== 'work') throw new FormatError(fileName, 'entry package.json', `an ${info.kind} package, not a work package (open it with open-package)`);
  const schema = parseEntry(pkg, SCHEMA_ENTRY, LabelSchemaDefSchema);
  const entities = parseEntry(pkg, ENTITIES_ENTRY, z.array(EntitySchema));
  const layerIds: string[] = [];
  for (const { path } of info.entries) {
    if (path === SCHEMA_ENTRY || path === ENTITIES_ENTRY) continue;
    const id = LAYER_ENTRY.exec(path)?.[1];
    if (id === undefined || !IdSchema.safeParse(id).success)
      throw new FormatError(fileName, `entry ${path}`, 'a work package holds only schema.json, entities.json and layers/<id>.json');
    layerIds.push(id);
  }
  const ids = new Set(layerIds);
  const layer = (articleId: string): WorkLayer => {
    if (!ids.has(articleId)) throw new FormatError(fileName, `entry ${layerEntry(articleId)}`, 'missing from the package');
    const parsed = parseEntry(pkg, layerEntry(articleId), WorkLayerSchema);
    if (parsed.articleId !== articleId) throw new FormatError(fileName, `entry ${layerEntry(articleId)}`, `holds the layer of article ${parsed.articleId}, not ${articleId}`);
    return parsed;
  };
  return { fileName, info, schema, entities, layerIds, layer };
}

/** Open a work package (openWorkPackage) and parse every layer. */
export async function readWorkPackage(fileName: string, bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<WorkPackage> {
  const opened = await openWorkPackage(fileName, bytes, limits);
  const layers = opened.layerIds.map((id) => opened.layer(id));
  const byId = new Map(layers.map((l) => [l.articleId, l]));
  return { ...opened, layers, layer: (id) => byId.get(id) ?? opened.layer(id) };
}
