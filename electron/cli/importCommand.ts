/**
 * `workbench import`: parse files with a codec and add their articles to a workspace through
 * the same plan as the app's Import dialog (planImport → commitImportPlan): labels mapped onto
 * the schema, everything validated first, then one all-or-nothing write. A failed import
 * writes nothing, and leaves no workspace behind if it had to create one. JSONL files (native
 * and doccano) are not read whole: they are streamed twice, to check and then to write
 * (electron/service/streamedImport.ts), so a corpus of any size imports in bounded memory.
 */
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import type { FormatOptions } from '../../shared/api/contract';
import type { ArticleSummary, Label } from '../../shared/domain/model';
import type { FormatCodec, InputFile, ParsedCorpus } from '../../shared/formats/codec';
import { FormatErrors } from '../../shared/formats/fileErrors';
import { getCodec } from '../../shared/formats/registry';
// Not previewImport/commitImport: the CLI reports what the plan holds and the preview does not
// (the ids of the labels it adds, the planned article ids with their span counts), and reads its
// files from disk, a JSONL corpus streamed in two passes where the API would first need it copied
// into the workspace as an upload. Both paths are the ones the operations run (importRequest.ts).
import { commitImportPlan, planImport, type ImportPlan } from '../service/interchange';
import { LISTED_ARTICLES, commitScan, planScan, readsLineByLine, scanLineFiles, type LineScan, type ListedArticle, type ScanPlan } from '../service/streamedImport';
import type { AddArticlesHooks, WorkspaceStore } from '../service/workspaceStore';
import {
  FORMAT_OPTION,
  UsageError,
  EXIT,
  formatValue,
  listValue,
  requiredString,
  stringValue,
  type CliCommand,
  type CliContext,
  type OptionValues,
  type ParsedCommandArgs,
} from './cliCommand';
import { openOrCreateWorkspace } from './cliWorkspace';
import { inputFilePaths, readInputFiles } from './readInputFiles';

/** "Speaker=actor" → ["Speaker", "actor"]; split at the last "=" since label ids never contain one. */
export function parseLabelMapArg(arg: string): [string, string] {
  const i = arg.lastIndexOf('=');
  if (i <= 0 || i === arg.length - 1) throw new UsageError(`--map expects LABEL=ID (or LABEL=add), got "${arg}"`);
  return [arg.slice(0, i), arg.slice(i + 1)];
}

/** A --map target as a label id of the schema: by id, or by name (case-insensitive), or "add". */
export function resolveMapTarget(target: string, labels: readonly Label[], flag: string): string {
  if (target === 'add') return 'add';
  const byId = labels.find((l) => l.id === target);
  if (byId) return byId.id;
  const byName = labels.find((l) => l.name.toLowerCase() === target.toLowerCase());
  if (byName) return byName.id;
  throw new WorkbenchError(
    'invalid_input',
    `--map ${flag}: the workspace has no label "${target}" (labels: ${labels.map((l) => `${l.id} (${l.name})`).join(', ')}; or use "add")`,
  );
}

/** The --map flags of a team package command (package label ID=workspace LABEL), resolved; undefined when none was given. */
export function packageLabelMapping(values: OptionValues, labels: readonly Label[]): Record<string, string> | undefined {
  const mapArgs = listValue(values, 'map').map(parseLabelMapArg);
  return mapArgs.length ? Object.fromEntries(mapArgs.map(([id, to]) => [id, resolveMapTarget(to, labels, `${id}=${to}`)])) : undefined;
}

export function formatOptionsFrom(values: OptionValues): FormatOptions {
  const unit = stringValue(values, 'doccano-unit') as FormatOptions['doccanoUnit'];
  return {
    ...(unit ? { doccanoUnit: unit } : {}),
    ...(values.bom ? { bom: true } : {}),
    ...(values['skip-bad-records'] ? { skipBadRecords: true } : {}),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Parse whole files. A codec that reads on after a bad file (brat) names every bad one in one
 * error; the import then says that nothing was written and how to import the rest.
 */
function parseNamingBadFiles(codec: FormatCodec, files: InputFile[], options: FormatOptions): ParsedCorpus {
  try {
    return codec.parse(files, options);
  } catch (err) {
    if (!(err instanceof FormatErrors)) throw err;
    throw new WorkbenchError(
      err.code,
      `${err.message}\nNothing was imported. --skip-bad-records imports the rest, reporting each record or file left out.`,
      err.file,
      err.location,
    );
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary:
    'Import annotated articles into a workspace (created when DIR has none). All or nothing: on any error nothing is written.',
  usage: 'import --workspace DIR --format FORMAT [--map LABEL=ID]... [--add-unknown-labels] PATH...',
  positionals: { name: 'PATH...', description: 'files or folders to import (brat: a folder of .txt/.ann pairs or a .zip; csv: the tables or their .zip)', min: 1 },
  options: {
    workspace: { type: 'string', value: 'DIR', required: true, description: 'the workspace folder' },
    format: FORMAT_OPTION,
    map: {
      type: 'string',
      value: 'LABEL=ID',
      multiple: true,
      description: 'map a label unknown to the schema onto a label id (or name) of the schema; ID "add" adds it',
    },
    'add-unknown-labels': { type: 'boolean', description: 'add every unknown label not mapped with --map to the schema' },
    'doccano-unit': { type: 'string', value: 'UNIT', choices: ['utf16', 'grapheme'], description: 'doccano: what the offsets count' },
    'skip-bad-records': {
      type: 'boolean',
      description: 'leave out bad spans (reversed, empty, outside the text, duplicate id, …) and the statements using them, reporting each on stderr, instead of refusing the files',
    },
    'dry-run': { type: 'boolean', description: 'check and report what would be imported; write nothing' },
  },
  examples: [
    'workbench import --workspace ~/corpus --format jsonl export.jsonl',
    'workbench import --workspace ~/corpus --format brat --map Speaker=actor --add-unknown-labels brat-folder/',
    'workbench import --workspace ~/corpus --format csv --dry-run tables.zip',
  ],

  run: (args, ctx) => runImport(args, ctx),
};

/**
 * An import, whether its files are parsed whole (planImport → commitImportPlan) or streamed in
 * two passes (streamedImport.ts): planned for a label mapping (cheap to redo), then committed.
 */
interface PreparedImport {
  plan(labelMapping: Record<string, string>): Omit<ImportPlan, 'articles'>;
  /** The first articles of the last plan (ids as planned). */
  listed(): ListedArticle[];
  /** Write the last plan, all or nothing. */
  commit(): Promise<ArticleSummary[]>;
}

function wholeImport(corpus: ParsedCorpus, files: readonly InputFile[], store: WorkspaceStore): PreparedImport {
  const existing = store.articleIds();
  let last: ImportPlan | undefined;
  return {
    plan: (labelMapping) => (last = planImport(corpus, { labelMapping, files }, store.schema.labels, existing, store.entities)),
    listed: () => last!.articles.slice(0, LISTED_ARTICLES).map((a) => ({ id: a.id, title: a.title, spans: a.spans.length })),
    commit: () => commitImportPlan(last!, store),
  };
}

function streamedImport(scan: LineScan, store: WorkspaceStore, signal: AbortSignal, hooks: AddArticlesHooks): PreparedImport {
  let last: ScanPlan | undefined;
  return {
    plan: (labelMapping) => (last = planScan(scan, labelMapping, store.schema.labels, store.entities)),
    listed: () => scan.listed,
    commit: () => commitScan(scan, last!, store, signal, hooks),
  };
}

/** Points where the tests hold a real import: after every check, before anything is written; and those of addArticles. */
export interface ImportHooks extends AddArticlesHooks {
  beforeWrite?: () => Promise<void>;
}

/** `workbench import`. */
export async function runImport({ values, positionals }: ParsedCommandArgs, ctx: CliContext, hooks: ImportHooks = {}): Promise<number> {
  const dir = path.resolve(ctx.cwd, requiredString(values, 'workspace'));
  const format = formatValue(values);
  const mapArgs = listValue(values, 'map').map(parseLabelMapArg);
  const options = formatOptionsFrom(values);
  const codec = getCodec(format);
  const lineFiles = (await inputFilePaths(positionals, codec, ctx.cwd)).map((name) => ({ name, path: path.resolve(ctx.cwd, name) }));
  // JSONL files are streamed in two passes once the workspace is open (memory holds one
  // article, not the corpus); other files are read and parsed whole first.
  const streamed = await readsLineByLine(lineFiles, codec, options);
  const files = streamed ? [] : await readInputFiles(positionals, codec, ctx.cwd);
  const corpus = streamed ? undefined : parseNamingBadFiles(codec, files, options);
  ctx.signal.throwIfAborted();

  const { session, discardIfNew } = await openOrCreateWorkspace(dir, ctx);
  let succeeded = false;
  try {
    const { store } = session;
    const labels = store.schema.labels;
    const labelMapping: Record<string, string> = {};
    for (const [name, target] of mapArgs) labelMapping[name] = resolveMapTarget(target, labels, `${name}=${target}`);
    const prepared = corpus
      ? wholeImport(corpus, files, store)
      : streamedImport(await scanLineFiles(lineFiles, codec, options, store.articleIds(), ctx.signal), store, ctx.signal, hooks);
    let plan = prepared.plan(labelMapping);
    if (values['add-unknown-labels'] && plan.unresolvedLabels.length) {
      for (const name of plan.unresolvedLabels) labelMapping[name] = 'add';
      plan = prepared.plan(labelMapping);
    }
    for (const [name] of mapArgs)
      if (!plan.preview.unknownLabels.includes(name))
        ctx.stderr(`warning: --map ${name}=… ignored: no span in the input has a label "${name}" unknown to the schema\n`);
    for (const w of plan.preview.warnings) ctx.stderr(`warning: ${w}\n`);
    if (plan.unresolvedLabels.length)
      throw new WorkbenchError(
        'invalid_input',
        `labels not in the workspace's schema: ${plan.unresolvedLabels.map((l) => `"${l}"`).join(', ')}. ` +
          `Map each with --map LABEL=ID (labels: ${labels.map((l) => l.id).join(', ')}) or add them with --add-unknown-labels`,
      );
    ctx.signal.throwIfAborted();

    const what = `${plural(plan.preview.articles, 'article')} (${plural(plan.preview.spans, 'span')}, ${plural(plan.preview.statements, 'statement')})`;
    if (values['dry-run']) {
      ctx.stdout(`would import ${what} into ${dir}; nothing written (--dry-run)\n`);
      printPlan(plan, prepared.listed(), ctx);
      return EXIT.ok;
    }
    await hooks.beforeWrite?.();
    const summaries = await prepared.commit();
    succeeded = true;
    ctx.stdout(`imported ${what} into ${dir}\n`);
    printPlan(plan, prepared.listed().map((a, i) => ({ ...a, id: summaries[i].id })), ctx);
    return EXIT.ok;
  } finally {
    await session.close();
    if (!succeeded) await discardIfNew();
  }
}

function printPlan(plan: Omit<ImportPlan, 'articles'>, listed: readonly ListedArticle[], ctx: CliContext) {
  if (plan.newLabels.length)
    ctx.stdout(`added labels: ${plan.newLabels.map((l) => `${l.name} (id ${l.id})`).join(', ')}\n`);
  if (plan.newEntities.length) ctx.stdout(`added ${plural(plan.newEntities.length, 'entity', 'entities')} that the spans link to\n`);
  for (const a of listed) ctx.stdout(`  ${a.id}  ${a.title}  (${plural(a.spans, 'span')})\n`);
  if (plan.preview.articles > listed.length) ctx.stdout(`  … and ${plan.preview.articles - listed.length} more\n`);
}
