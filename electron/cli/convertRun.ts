/**
 * `workbench convert`: files of one format into a file (or folder, or zip) of another, with
 * no workspace. Each article goes the way `import --add-unknown-labels` into a new workspace
 * and then `export` would take it (parsed by the codec, converted and validated by the
 * import's own convertImportedArticle, labels as convertLabels.ts decides, written by the
 * export's codec and writer), one at a time: the input is read in chunks where the format
 * allows (convertSources.ts) and the output is always streamed (exportWriter.ts), so memory
 * holds one chunk and one article, not the corpus. The output appears only when complete; a
 * bad input, a Ctrl+C or a kill leaves no OUT behind.
 *
 * This module is loaded only when `convert` runs (convertCommand.ts imports it lazily): it
 * brings the import's conversion (importPlan.ts) and the two codecs asked for (convertCodecs.ts),
 * and none of the workspace service.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/api/errors';
import { EntitySchema, LabelSchemaDefSchema, nowIso, type Article, type Entity, type LabelSchemaDef } from '../../shared/domain/model';
import type { ExportContext, FormatCodec, FormatError } from '../../shared/formats/codec';
import type { DocumentGroup } from '../../shared/formats/documentPairs';
import { throwFormatErrors } from '../../shared/formats/fileErrors';
import type { FormatName, FormatOptions } from '../../shared/formats/formatNames';
import { ExportLossTally, LossLineMerger } from '../../shared/formats/losses';
import { checkExportDestination, writeExport } from '../service/exportWriter';
import { convertImportedArticle } from '../service/importPlan';
import { EXIT, requiredString, stringValue, UsageError, type CliContext, type ParsedCommandArgs } from './cliCommand';
import { loadCodec } from './convertCodecs';
import { DocumentConverter, revivedError, writesArticlesAlone, type DocumentConversion } from './convertDocuments';
import { ConvertLabels } from './convertLabels';
import { openConvertInput, type ParsedChunk } from './convertSources';
import { convertedBatches, threadCount } from './convertThreads';

/**
 * Formats whose `begin` fixes the output's columns from the schema's labels (conll.ts and
 * conllu.ts: one tag column per label): every label must be known before the first article is
 * written, so the input is read once for its labels first (twice in all; memory stays bounded).
 */
const LABELS_BEFORE_BEGIN: ReadonlySet<FormatName> = new Set(['conll', 'conllu']);

/** Export warnings printed; the rest are counted (as `workbench export` does). */
const SHOWN_WARNINGS = 20;

/** Points where tests hold a real conversion. */
export interface ConvertHooks {
  /** After article `n` (from 1) was handed to the writer. */
  afterArticle?: (n: number) => Promise<void>;
  /** With several threads, the main thread leaves every document to the worker threads (what a worker does is then all there is). */
  workersOnly?: boolean;
}

async function defaultSchema(dataDir: string): Promise<LabelSchemaDef> {
  const file = path.join(dataDir, 'default-schema.json');
  try {
    return LabelSchemaDefSchema.parse(JSON.parse(await fsp.readFile(file, 'utf8')));
  } catch (err) {
    throw new WorkbenchError('io', `cannot read bundled data ${file}: ${(err as Error).message}`, file);
  }
}

function formatOptions(values: ParsedCommandArgs['values']): FormatOptions {
  const unit = stringValue(values, 'doccano-unit') as FormatOptions['doccanoUnit'];
  return {
    ...(unit ? { doccanoUnit: unit } : {}),
    ...(values.bom ? { bom: true } : {}),
    ...(values['skip-bad-records'] ? { skipBadRecords: true } : {}),
    ...(values['doccano-no-overlap'] ? { doccanoNoOverlap: true } : {}),
  };
}

/** Entities as a new workspace takes them (planImport's planEntities): the first record of an id is kept, a differing one reported. */
class ConvertEntities {
  readonly byId = new Map<string, Entity>();
  private readonly conflicts: string[] = [];
  private conflictCount = 0;

  take(chunk: Pick<ParsedChunk, 'entities' | 'entityFields'>) {
    const fields = chunk.entityFields ?? (Object.keys(EntitySchema.shape) as (keyof Entity)[]);
    for (const entity of chunk.entities ?? []) {
      const before = this.byId.get(entity.id);
      if (!before) this.byId.set(entity.id, entity);
      else if (!fields.every((k) => JSON.stringify(before[k]) === JSON.stringify(entity[k])) && this.conflictCount++ < 5)
        this.conflicts.push(`${entity.id} ("${entity.name}", first "${before.name}")`);
    }
  }

  warnings(): string[] {
    if (!this.conflictCount) return [];
    return [`${this.conflictCount} entity records differ from an earlier record of the same id; the first is kept: ${this.conflicts.join(', ')}${this.conflictCount > 5 ? ', …' : ''}`];
  }
}

/**
 * The import warnings of all chunks, repeated kinds counted once with their first example, as
 * one parse's WarningLog counts them ("KIND: N times, e.g. EXAMPLE"): a brat folder is parsed
 * pair by pair, and 1,000 pairs must not give 1,000 lines of one kind.
 */
class ChunkWarnings {
  private readonly kinds = new Map<string, { count: number; example: string }>();
  /** Loss lines ("N … were not carried (…), first: …"), summed over the chunks and listed first. */
  private readonly losses = new LossLineMerger();

  add(message: string) {
    if (this.losses.take(message)) return;
    const counted = /^(.*?): (\d+) times, e\.g\. (.*)$/s.exec(message);
    const at = message.indexOf(': ');
    const [kind, count, example] = counted
      ? [counted[1], Number(counted[2]), counted[3]]
      : at > 0
        ? [message.slice(0, at), 1, message.slice(at + 2)]
        : [message, 1, ''];
    const seen = this.kinds.get(kind);
    if (seen) seen.count += count;
    else this.kinds.set(kind, { count, example });
  }

  list(): string[] {
    return [...this.losses.lines(), ...[...this.kinds].map(([kind, { count, example }]) =>
      example === '' ? kind : count === 1 ? `${kind}: ${example}` : `${kind}: ${count} times, e.g. ${example}`,
    )];
  }
}

/** An article already in the target format (convertDocuments.ts), as writeExport takes articles: prewritten() writes its text. */
interface PrewrittenArticle {
  prewritten: string;
}
const prewrittenArticle = (text: string) => ({ prewritten: text }) satisfies PrewrittenArticle as unknown as Article;

/**
 * `target` writing articles that were written already (each carries its text): the writer only
 * puts the text where it goes. Their losses were counted where they were written, so none are declared here.
 */
function prewritten(target: FormatCodec): FormatCodec {
  return { ...target, losses: { ...target.losses, export: [] }, article: (article) => [{ text: (article as unknown as PrewrittenArticle).prewritten }] };
}

/** `--threads N`: a whole number from 1. */
function threadsOption(values: ParsedCommandArgs['values']): number | undefined {
  const raw = stringValue(values, 'threads');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads takes a whole number from 1, not "${raw}"`);
  return n;
}

/** `workbench convert` (arguments already parsed by parseCommandArgs). */
export async function runConvert({ values, positionals }: ParsedCommandArgs, ctx: CliContext, hooks: ConvertHooks = {}): Promise<number> {
  const from = requiredString(values, 'from') as FormatName; // checked against `choices` by parseCommandArgs
  const to = requiredString(values, 'to') as FormatName;
  if (positionals.length !== 2) throw new UsageError(positionals.length < 2 ? 'missing OUT' : `unexpected argument "${positionals[2]}" (convert takes one IN and one OUT)`);
  const [inArg, outArg] = positionals;
  if (values['doccano-no-overlap'] && to !== 'doccano') throw new UsageError(`--doccano-no-overlap applies only to doccano output, not ${to}`);
  const options = formatOptions(values);
  const [source, target] = await Promise.all([loadCodec(from), loadCodec(to)]);
  const outPath = path.resolve(ctx.cwd, outArg);
  // Refuse an unusable destination before reading anything.
  await checkExportDestination(target, outPath);
  const input = await openConvertInput(inArg, source, options, ctx.cwd);
  const baseSchema = await defaultSchema(ctx.dataDir);
  const labels = new ConvertLabels(baseSchema);
  const entities = new ConvertEntities();
  const parseWarnings = new ChunkWarnings();
  const exportWarnings: string[] = [];
  let exportWarningCount = 0;
  // One line per kind the target format cannot carry, always shown (the others are cut at SHOWN_WARNINGS).
  const exportLosses: string[] = [];
  const exportCtx: ExportContext = {
    schema: labels.schema,
    options,
    entities: entities.byId,
    warn: (message) => {
      if (exportWarningCount++ < SHOWN_WARNINGS) exportWarnings.push(message);
    },
    lost: (line) => void exportLosses.push(line),
    // What the source format cannot write, its files do not hold: such content in the articles was made up by the import.
    notLost: new Set(source.losses.export.map((d) => d.kind)),
    signal: ctx.signal,
  };
  if (LABELS_BEFORE_BEGIN.has(to)) {
    for await (const chunk of input.chunks(ctx.signal)) labels.meet(chunk.articles);
    exportCtx.schema = labels.schema;
  }
  const counts = { articles: 0, spans: 0, statements: 0 };

  // A brat folder's documents can be converted on several threads when each article's output depends on it alone.
  const threads = input.groups && writesArticlesAlone(to, options) ? threadCount(input.groups.length, threadsOption(values)) : 1;
  const lossTally = new ExportLossTally(target.losses, exportCtx.entities, exportCtx.notLost);

  /**
   * The documents converted on `threads` threads (convertThreads.ts), applied in their order as
   * `articles()` and the export's driver apply them on one: the same warnings, losses, entities,
   * counts and errors, the output already written on each article's thread.
   */
  async function* writtenArticles(groups: readonly DocumentGroup[]): AsyncGenerator<Article> {
    const setting: DocumentConversion = { from, to, options, baseSchema, cwd: ctx.cwd, notLost: [...exportCtx.notLost!] };
    const here = new DocumentConverter(source, target, setting);
    // As pairInput reads them: the first bad file stops the conversion of the others, but all are read, so every bad file is named.
    const errors: FormatError[] = [];
    for await (const batch of convertedBatches(groups, here, setting, threads, ctx.signal, hooks.workersOnly)) {
      lossTally.merge(batch.losses);
      for (const doc of batch.outcomes) {
        if (doc.failure) {
          // The parse fails the conversion at once; an article's conversion only when no earlier file was bad (else it would not have run).
          if (doc.failure.stage === 'parse' || !errors.length) throw revivedError(doc.failure.error);
          continue;
        }
        if (doc.formatErrors) errors.push(...(doc.formatErrors.map(revivedError) as FormatError[]));
        if (errors.length) continue;
        entities.take(doc);
        for (const w of doc.warnings) parseWarnings.add(w);
        for (const written of doc.articles) {
          counts.articles++;
          counts.spans += written.spans;
          counts.statements += written.statements;
          for (const w of written.warnings) exportCtx.warn!(w);
          yield prewrittenArticle(written.text);
          await hooks.afterArticle?.(counts.articles);
        }
      }
    }
    throwFormatErrors(errors);
  }

  async function* articles(): AsyncGenerator<Article> {
    const usedIds = new Set<string>();
    // One time of import for the whole conversion, as an import of the files would give all it adds one (not a time per article).
    const now = nowIso();
    for await (const chunk of input.chunks(ctx.signal)) {
      entities.take(chunk);
      for (const w of chunk.warnings) parseWarnings.add(w);
      if (labels.meet(chunk.articles)) exportCtx.schema = labels.schema;
      for (const [i, imported] of chunk.articles.entries()) {
        const article = convertImportedArticle(imported, labels.idOf, usedIds, chunk.where(i), now);
        counts.articles++;
        counts.spans += article.spans.length;
        counts.statements += article.statements.length;
        yield article;
        await hooks.afterArticle?.(counts.articles);
      }
    }
  }

  const written =
    threads > 1
      ? await writeExport({ codec: prewritten(target), articles: writtenArticles(input.groups!), ctx: exportCtx, outPath, signal: ctx.signal })
      : await writeExport({ codec: target, articles: articles(), ctx: exportCtx, outPath, signal: ctx.signal });
  if (threads > 1) lossTally.report(exportCtx);
  for (const w of [...parseWarnings.list(), ...entities.warnings()]) ctx.stderr(`warning: ${w}\n`);
  for (const w of [...exportLosses, ...exportWarnings]) ctx.stderr(`warning: ${w}\n`);
  if (exportWarningCount > SHOWN_WARNINGS) ctx.stderr(`warning: … and ${exportWarningCount - SHOWN_WARNINGS} more\n`);
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  const shape = written.layout === 'file' ? '' : ` (${written.layout === 'zip' ? 'zip' : 'folder'} of ${written.files} files)`;
  ctx.stdout(
    `converted ${n(counts.articles, 'article')} (${n(counts.spans, 'span')}, ${n(counts.statements, 'statement')}) from ${from} to ${to}: ${written.outPath}${shape}\n`,
  );
  return EXIT.ok;
}
