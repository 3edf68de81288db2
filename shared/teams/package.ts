/**
 * The package container (docs/packages.md): one `.wbpkg` file, a zip holding `package.json` (the
 * manifest: what kind of package, for whom, from which lead, and every other entry with its size
 * and SHA-256) and the entries it lists. Assignment packages (assignmentPackage.ts) and, later,
 * work packages are this container with different entries, so building and verifying live here
 * once. Pure: WebCrypto for the checksums and fflate for the zip, so it runs in Node and browsers.
 *
 * Reading never trusts the archive: it is inflated with the import's zip-bomb limits
 * (shared/formats/inputFiles.ts), and a package is accepted only when its manifest parses, every
 * listed entry is there with its size and checksum, and nothing unlisted is there.
 */
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { FormatError } from '../formats/codec';
import { expandArchives, type ArchiveLimits } from '../formats/inputFiles';
import { AnnotatorNameSchema } from '../domain/annotatorName';
import { IdSchema, IsoTimestampSchema } from '../domain/model';

export const PACKAGE_FORMAT = 'workbench-package';
export const PACKAGE_FORMAT_VERSION = 1;
export const PACKAGE_EXTENSION = 'wbpkg';
export const PACKAGE_MANIFEST_ENTRY = 'package.json';

/** Defined in domain/ (layers name annotators too); re-exported here where packages use it. */
export { AnnotatorNameSchema };

export const PackageKindSchema = z.enum(['assignment', 'work']);
export type PackageKind = z.infer<typeof PackageKindSchema>;

/** An entry path: relative, "/"-separated, no "." or ".." segments, no package.json. */
const EntryPathSchema = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/, 'an entry path is relative and uses letters, digits, ".", "_", "-" and "/"')
  .refine((p) => p !== PACKAGE_MANIFEST_ENTRY, { message: `${PACKAGE_MANIFEST_ENTRY} is not listed in itself` });

export const PackageEntrySchema = z.object({
  path: EntryPathSchema,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lower-case hex digits'),
});
export type PackageEntry = z.infer<typeof PackageEntrySchema>;

export const PackageManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  kind: PackageKindSchema,
  packageId: IdSchema,
  createdAt: IsoTimestampSchema,
  /** Whose package it is: the annotator it was assigned to (or whose work it carries). */
  annotator: AnnotatorNameSchema,
  /** The lead's annotator name. */
  lead: AnnotatorNameSchema,
  /** The lead's workspace, so work coming back can be matched to where it was assigned from. */
  sourceWorkspaceId: IdSchema,
  entries: z.array(PackageEntrySchema),
});
export type PackageManifest = z.infer<typeof PackageManifestSchema>;
/** Everything of the manifest but the entry list, which building computes. */
export type PackageHeader = Omit<PackageManifest, 'format' | 'formatVersion' | 'entries'>;

export interface PackageFile {
  path: string;
  bytes: Uint8Array;
}

/** A package whose every entry was found and checked against the manifest. */
export interface VerifiedPackage {
  fileName: string;
  info: PackageManifest;
  /** The entries' bytes by path (package.json not included). */
  entries: ReadonlyMap<string, Uint8Array>;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

const encoder = new TextEncoder();
export const jsonBytes = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/** The manifest of `files` under `header`, with each file's size and checksum. */
export async function packageManifest(header: PackageHeader, files: readonly PackageFile[]): Promise<PackageManifest> {
  const entries: PackageEntry[] = [];
  for (const f of files) entries.push({ path: f.path, bytes: f.bytes.length, sha256: await sha256Hex(f.bytes) });
  return PackageManifestSchema.parse({ format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, ...header, entries });
}

/** The `.wbpkg` bytes: package.json first, then `files` in the order given, deflated. */
export async function buildPackage(header: PackageHeader, files: readonly PackageFile[]): Promise<Uint8Array> {
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`package entry ${f.path} given twice`);
    seen.add(f.path);
  }
  const manifest = await packageManifest(header, files);
  const zippable: Zippable = { [PACKAGE_MANIFEST_ENTRY]: jsonBytes(manifest) };
  for (const f of files) zippable[f.path] = f.bytes;
  // The entries' time is the package's, so the same package built twice is the same bytes.
  return zipSync(zippable, { level: 6, mtime: header.createdAt });
}

const listed = (items: readonly string[], max = 5) => items.slice(0, max).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '');

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

/** Parse an entry's bytes as JSON of `schema`, or fail naming the package and the entry. */
export function parseEntry<S extends z.ZodType>(pkg: VerifiedPackage, path: string, schema: S): z.infer<S> {
  const bytes = pkg.entries.get(path);
  if (!bytes) throw new FormatError(pkg.fileName, `entry ${path}`, 'missing from the package');
  return parseJsonEntry(pkg.fileName, path, bytes, schema);
}

function parseJsonEntry<S extends z.ZodType>(fileName: string, path: string, bytes: Uint8Array, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new FormatError(fileName, `entry ${path}`, `not valid UTF-8 JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new FormatError(fileName, `entry ${path}`, `not what a package holds there (${describeIssues(parsed.error)})`);
  return parsed.data;
}

/** Version and format first, so a newer or foreign file says so instead of listing schema issues. */
function checkFormat(fileName: string, raw: unknown) {
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== PACKAGE_FORMAT)
    throw new FormatError(fileName, `entry ${PACKAGE_MANIFEST_ENTRY}`, `not a workbench package (format is not "${PACKAGE_FORMAT}")`);
  if (typeof head.formatVersion === 'number' && head.formatVersion > PACKAGE_FORMAT_VERSION)
    throw new FormatError(
      fileName,
      `entry ${PACKAGE_MANIFEST_ENTRY}`,
      `made by a newer version of the workbench (package format ${head.formatVersion}; this version reads ${PACKAGE_FORMAT_VERSION})`,
    );
}

/**
 * Inflate a `.wbpkg` within `limits` and check it against its manifest: every listed entry
 * present with its size and SHA-256, nothing unlisted, no entry twice. Each problem is a
 * FormatError naming `fileName` and the entry.
 */
export async function readPackage(fileName: string, bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): Promise<VerifiedPackage> {
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)))
    throw new FormatError(fileName, undefined, 'not a workbench package (not a zip archive)');
  const prefix = `${fileName}/`;
  const found = new Map<string, Uint8Array>();
  for (const entry of expandArchives([{ name: fileName, bytes }], limits)) {
    const path = entry.name.slice(prefix.length);
    if (found.has(path)) throw new FormatError(fileName, `entry ${path}`, 'appears twice in the archive');
    found.set(path, entry.bytes!);
  }
  const manifestBytes = found.get(PACKAGE_MANIFEST_ENTRY);
  if (!manifestBytes) throw new FormatError(fileName, undefined, `not a workbench package (it has no ${PACKAGE_MANIFEST_ENTRY})`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch (e) {
    throw new FormatError(fileName, `entry ${PACKAGE_MANIFEST_ENTRY}`, `not valid UTF-8 JSON (${(e as Error).message})`);
  }
  checkFormat(fileName, raw);
  const manifest = parseJsonEntry(fileName, PACKAGE_MANIFEST_ENTRY, manifestBytes, PackageManifestSchema);
  found.delete(PACKAGE_MANIFEST_ENTRY);

  const listedPaths = new Set<string>();
  for (const entry of manifest.entries) {
    if (listedPaths.has(entry.path)) throw new FormatError(fileName, `entry ${entry.path}`, `listed twice in ${PACKAGE_MANIFEST_ENTRY}`);
    listedPaths.add(entry.path);
    const content = found.get(entry.path);
    if (!content) throw new FormatError(fileName, `entry ${entry.path}`, `listed in ${PACKAGE_MANIFEST_ENTRY} but missing from the archive`);
    const problem =
      content.length !== entry.bytes
        ? `it holds ${content.length} bytes where ${PACKAGE_MANIFEST_ENTRY} lists ${entry.bytes}`
        : (await sha256Hex(content)) !== entry.sha256
          ? `its SHA-256 checksum does not match ${PACKAGE_MANIFEST_ENTRY}`
          : undefined;
    if (problem) throw new FormatError(fileName, `entry ${entry.path}`, `${problem}: the package was changed or damaged after it was made`);
  }
  const unlisted = [...found.keys()].filter((p) => !listedPaths.has(p));
  if (unlisted.length)
    throw new FormatError(fileName, `entry ${unlisted[0]}`, `not listed in ${PACKAGE_MANIFEST_ENTRY} (unlisted entries: ${listed(unlisted)}): the package was changed after it was made`);
  return { fileName, info: manifest, entries: found };
}
