/**
 * The documents of a brat folder converted one at a time, on whichever thread runs this: each
 * read, parsed by the codec, converted as the import converts it and written in the target
 * format, the steps runConvert takes for each document (convertRun.ts). What comes out of a
 * document is plain data (text, counts, warnings, errors), so that a worker thread can send it
 * and the main thread can apply the documents in their order as if it had converted them all
 * itself (convertThreads.ts): the same output, the same warnings, the same errors.
 *
 * Only for targets whose output for an article depends on that article alone (PER_ARTICLE_TARGETS),
 * not on its place or on the articles before it.
 */
import { WorkbenchError } from '../../shared/api/errors';
import type { ErrorCode } from '../../shared/api/contract';
import { nowIso, type Entity, type LabelSchemaDef } from '../../shared/domain/model';
import { FormatError, type ExportContext, type FormatCodec, type ParsedCorpus } from '../../shared/formats/codec';
import type { DocumentGroup } from '../../shared/formats/documentPairs';
import { formatErrorsOf } from '../../shared/formats/fileErrors';
import type { FormatName, FormatOptions } from '../../shared/formats/formatNames';
import { ExportLossTally, type ExportLossCounts, type ExportLossKind } from '../../shared/formats/losses';
import { convertImportedArticle } from '../service/importPlan';
import { ConvertLabels } from './convertLabels';
import { groupPlace, readGroup } from './convertSources';

/**
 * Targets whose `article` output depends on the article, the export's options and its labels'
 * names alone: not on the article's index, nor on state kept across articles (doccano's
 * `--doccano-no-overlap` tallies what it left out over the whole export, so it is not one).
 */
export function writesArticlesAlone(target: FormatName, options: FormatOptions): boolean {
  return target === 'doccano' && !options.doccanoNoOverlap;
}

/** An error as data, to be thrown again on another thread as the same class with the same message. */
export type TransferredError =
  | { kind: 'format'; file: string; location?: string; problem: string }
  | { kind: 'workbench'; code: ErrorCode; message: string; file?: string; location?: string }
  | { kind: 'other'; message: string; stack?: string; code?: string };

export function transferError(err: unknown): TransferredError {
  if (err instanceof FormatError) return { kind: 'format', file: err.file!, ...(err.location !== undefined ? { location: err.location } : {}), problem: err.problem };
  if (err instanceof WorkbenchError)
    return { kind: 'workbench', code: err.code, message: err.message, ...(err.file !== undefined ? { file: err.file } : {}), ...(err.location !== undefined ? { location: err.location } : {}) };
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return err instanceof Error
    ? { kind: 'other', message: err.message, ...(err.stack ? { stack: err.stack } : {}), ...(typeof code === 'string' ? { code } : {}) }
    : { kind: 'other', message: String(err) };
}

export function revivedError(t: TransferredError): Error {
  if (t.kind === 'format') return new FormatError(t.file, t.location, t.problem);
  if (t.kind === 'workbench') return new WorkbenchError(t.code, t.message, t.file, t.location);
  const err: Error & { code?: string } = new Error(t.message);
  if (t.stack) err.stack = t.stack;
  if (t.code) err.code = t.code;
  return err;
}

/** One article in the target format, with what converting it counted and said. */
export interface RenderedArticle {
  text: string;
  spans: number;
  statements: number;
  /** What the export said of it (ExportContext.warn), in order. */
  warnings: string[];
}

/** What became of one document (a .txt/.ann pair, or a file that is none). */
export interface DocumentOutcome {
  /** The codec's warnings for the document, as its parse gave them. */
  warnings: string[];
  entities?: Entity[];
  entityFields?: ParsedCorpus['entityFields'];
  articles: RenderedArticle[];
  /** The document's files cannot be read: the conversion fails, naming every such file, once all are read. */
  formatErrors?: TransferredError[];
  /** What stopped the conversion at this document: thrown by the parse, or by an article's conversion. */
  failure?: { error: TransferredError; stage: 'parse' | 'convert' };
}

/** The setting every thread of one conversion starts from. */
export interface DocumentConversion {
  from: FormatName;
  to: FormatName;
  options: FormatOptions;
  /** The new workspace's label schema (data/default-schema.json). */
  baseSchema: LabelSchemaDef;
  cwd: string;
  /** What the source format cannot carry, its files do not hold (see ExportContext.notLost). */
  notLost: readonly ExportLossKind[];
}

/** Converts documents on this thread; the loss counts are taken per batch of documents (takeLossCounts). */
export class DocumentConverter {
  private readonly labels: ConvertLabels;
  /** The first record of each entity id, as ConvertEntities keeps them (the export reads names from it). */
  private readonly entities = new Map<string, Entity>();
  private readonly usedIds = new Set<string>();
  private readonly ctx: ExportContext;
  private tally: ExportLossTally;
  /** Warnings of the article being written. */
  private articleWarnings: string[] = [];
  /** The time of import of every article this thread converts (see runConvert). */
  private readonly now = nowIso();

  constructor(
    private readonly source: FormatCodec,
    private readonly target: FormatCodec,
    private readonly setting: DocumentConversion,
  ) {
    this.labels = new ConvertLabels(setting.baseSchema);
    this.ctx = {
      schema: this.labels.schema,
      options: setting.options,
      entities: this.entities,
      warn: (message) => void this.articleWarnings.push(message),
      notLost: new Set(setting.notLost),
    };
    this.tally = this.newTally();
  }

  private newTally() {
    return new ExportLossTally(this.target.losses, this.ctx.entities, this.ctx.notLost);
  }

  /** What the export could not carry of the documents converted since the last call. */
  takeLossCounts(): ExportLossCounts {
    const counts = this.tally.counts();
    this.tally = this.newTally();
    return counts;
  }

  convert(group: DocumentGroup): DocumentOutcome {
    const { source, setting } = this;
    let parsed: ParsedCorpus;
    try {
      parsed = source.parse(readGroup(group.files, source, setting.cwd), setting.options);
    } catch (err) {
      const bad = formatErrorsOf(err);
      if (bad) return { warnings: [], articles: [], formatErrors: bad.map(transferError) };
      return { warnings: [], articles: [], failure: { error: transferError(err), stage: 'parse' } };
    }
    const outcome: DocumentOutcome = {
      warnings: parsed.warnings,
      ...(parsed.entities ? { entities: parsed.entities } : {}),
      ...(parsed.entityFields ? { entityFields: parsed.entityFields } : {}),
      articles: [],
    };
    for (const entity of parsed.entities ?? []) if (!this.entities.has(entity.id)) this.entities.set(entity.id, entity);
    if (this.labels.meet(parsed.articles)) this.ctx.schema = this.labels.schema;
    const where = groupPlace(group);
    for (const [i, imported] of parsed.articles.entries()) {
      try {
        const article = convertImportedArticle(group.title === undefined ? imported : { ...imported, title: group.title }, this.labels.idOf, this.usedIds, where, this.now);
        this.tally.article(article);
        this.articleWarnings = [];
        const text = this.target
          .article(article, this.ctx, i)
          .map((p) => p.text)
          .join('');
        outcome.articles.push({ text, spans: article.spans.length, statements: article.statements.length, warnings: this.articleWarnings });
      } catch (err) {
        return { ...outcome, articles: [], failure: { error: transferError(err), stage: 'convert' } };
      }
    }
    return outcome;
  }
}
