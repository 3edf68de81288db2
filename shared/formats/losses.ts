/**
 * What a format cannot carry, declared as data by each codec (`FormatCodec.losses`) and counted
 * per run, so an export or import never drops content without a word: one line per kind, with
 * the count and the first example ("650 span attributes were not carried (doccano has no place
 * for them), first: article "Kishida rejects plan" span s3: source=Reuters").
 *
 * Export kinds are the workbench's own content, found in each article by one generic pass
 * (`ExportLossTally`, run by the export driver for every codec), so a codec cannot forget to
 * report one. Import kinds are foreign content the workbench has no place for; the codec's
 * reader finds them (only it knows the file's shape) and counts them with `WarningLog.lost`,
 * which refuses a kind the codec did not declare. docs/formats.md's loss table is rendered from
 * these declarations and tested against them (losses.test.ts).
 */
import type { Article, Entity } from '../domain/model';

interface KindText {
  /** Singular and plural noun for the warning line ("span attribute"/"span attributes"). */
  one: string;
  many: string;
  /** The row name in docs/formats.md's loss table. */
  row: string;
}

/** The workbench's content, kind by kind, as an export may leave it out. */
export const EXPORT_LOSS_KINDS = {
  articleId: { one: 'article id', many: 'article ids', row: 'article id' },
  articleTitle: { one: 'article title', many: 'article titles', row: 'article title' },
  articleMetadata: { one: 'article metadata field', many: 'article metadata fields', row: 'article source, URL, date, status, created/updated' },
  spanFragments: { one: 'discontinuous span', many: 'discontinuous spans', row: 'discontinuous span fragments' },
  spanNote: { one: 'span note', many: 'span notes', row: 'span note' },
  spanAttribute: { one: 'span attribute', many: 'span attributes', row: 'span attributes (one per key)' },
  entityLink: { one: 'entity link', many: 'entity links', row: 'span entity link' },
  entityRecord: { one: 'entity record', many: 'entity records', row: 'entity record (name, kind, …)' },
  entityDetails: { one: 'entity with details', many: 'entities with details', row: 'entity actor type, aliases, description, attributes' },
  statement: { one: 'statement', many: 'statements', row: 'statement' },
  statementNote: { one: 'statement note', many: 'statement notes', row: 'statement note' },
  annotator: { one: 'annotator name', many: 'annotator names', row: 'span and statement annotator' },
  annotationTimestamps: { one: 'span or statement timestamp pair', many: 'span and statement timestamp pairs', row: 'span and statement created/updated' },
} as const satisfies Record<string, KindText>;
export type ExportLossKind = keyof typeof EXPORT_LOSS_KINDS;

/** Kinds that travel inside another: lost with it, and then not counted again. */
const CONTAINED_IN: Partial<Record<ExportLossKind, ExportLossKind>> = {
  statementNote: 'statement',
  entityRecord: 'entityLink',
  entityDetails: 'entityRecord',
};

/** The kind, among `declared`, whose loss takes `kind` with it (a statement's note goes with the statement). */
export function lostWith(kind: ExportLossKind, declared: readonly LossDeclaration<ExportLossKind>[]): ExportLossKind | undefined {
  for (let outer = CONTAINED_IN[kind]; outer; outer = CONTAINED_IN[outer]) if (declared.some((d) => d.kind === outer)) return outer;
  return undefined;
}

/** Foreign content an import may meet and leave out, kind by kind. */
export const IMPORT_LOSS_KINDS = {
  documentCategories: { one: 'document category', many: 'document categories', row: 'document-level labels (doccano `cats`, classification labels)' },
  documentMeta: { one: 'metadata field', many: 'metadata fields', row: 'other metadata fields (doccano `meta`)' },
  documentComments: { one: 'document comment', many: 'document comments', row: 'document comments (doccano `Comments`)' },
  otherRelations: { one: 'relation that is not a statement', many: 'relations that are not statements', row: 'relations and events that are not statements' },
  otherBodies: { one: 'annotation body that is not a tag or comment', many: 'annotation bodies that are not tags or comments', row: 'annotation bodies other than tags and comments' },
  nonTextResults: { one: 'result that is not a text span', many: 'results that are not text spans', row: 'regions that are not text spans (image, audio, …)' },
  modelPredictions: { one: 'model prediction', many: 'model predictions', row: 'model predictions of a task that has annotations (Label Studio `predictions`)' },
  normalizations: { one: 'normalization or equivalence', many: 'normalizations and equivalences', row: 'normalizations other than `workbench:`, equivalences' },
  annotationAttributes: { one: 'attribute or note of a relation or event', many: 'attributes and notes of relations or events', row: 'attributes and notes of relations and events' },
  otherColumns: { one: 'cell of a column not read', many: 'cells of columns not read', row: 'table columns the import does not read' },
  tokenColumns: { one: 'token column value', many: 'token column values', row: 'token columns that are not layers (POS, lemma, …)' },
} as const satisfies Record<string, KindText>;
export type ImportLossKind = keyof typeof IMPORT_LOSS_KINDS;

/** One kind a codec cannot carry; `reason` replaces "<format> has no place for them". */
export interface LossDeclaration<K extends string> {
  kind: K;
  reason?: string;
}

export interface CodecLosses {
  /** The format's name in loss lines ("doccano", "CoNLL-2003"). */
  title: string;
  /** What an export of the workbench's content leaves out. Empty: it carries everything. */
  export: readonly LossDeclaration<ExportLossKind>[];
  /** Foreign content an import of the format's files may meet and leave out. */
  import: readonly LossDeclaration<ImportLossKind>[];
}

/** The line for `count` losses of one kind. */
export function lossLine(text: KindText, count: number, reason: string, example: string): string {
  return `${count} ${count === 1 ? `${text.one} was` : `${text.many} were`} not carried (${reason}), first: ${example}`;
}

function exportReason(losses: CodecLosses, d: LossDeclaration<ExportLossKind>): string {
  return d.reason ?? `${losses.title} has no place for them`;
}

export function importReason(d: LossDeclaration<ImportLossKind>): string {
  return d.reason ?? 'the workbench has no place for them';
}

interface Counted {
  count: number;
  example: string;
}

/** What a tally counted: per kind, how many and the first example. */
export type ExportLossCounts = [kind: ExportLossKind, count: number, example: string][];

/** A value from a file, as an example in a loss line: JSON, cut at 60 characters. */
export function briefValue(value: unknown): string {
  const s = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

const quoteTitle = (title: string) => `article "${title.length > 60 ? `${title.slice(0, 60)}…` : title}"`;
const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s).replace(/[\r\n]+/g, ' ');

/**
 * Counts, over one export, the content of every article that the codec declared it cannot
 * carry, and reports one line per kind at the end. Statements lost as a whole are not counted
 * again for their notes, annotators and timestamps; entities are counted once each.
 */
export class ExportLossTally {
  private readonly declared: ReadonlyMap<ExportLossKind, LossDeclaration<ExportLossKind>>;
  private readonly counted = new Map<ExportLossKind, Counted>();
  private readonly entitiesSeen = new Set<string>();

  constructor(
    private readonly losses: CodecLosses,
    private readonly entities?: ReadonlyMap<string, Entity>,
    notLost?: ReadonlySet<ExportLossKind>,
  ) {
    this.declared = new Map(losses.export.filter((d) => !lostWith(d.kind, losses.export) && !notLost?.has(d.kind)).map((d) => [d.kind, d]));
  }

  private add(kind: ExportLossKind, example: () => string): void {
    if (!this.declared.has(kind)) return;
    const entry = this.counted.get(kind);
    if (entry) entry.count++;
    else this.counted.set(kind, { count: 1, example: example() });
  }

  /** Count what `article` holds of the declared kinds. One pass over its spans and statements. */
  article(article: Article): void {
    if (!this.declared.size) return;
    const where = quoteTitle(article.title);
    this.add('articleId', () => `${where}: ${article.id}`);
    this.add('articleTitle', () => `${where} (id ${article.id})`);
    for (const field of ['source', 'url', 'date', 'status', 'createdAt', 'updatedAt'] as const) {
      const value = article[field];
      if (value) this.add('articleMetadata', () => `${where}: ${field}=${shorten(value)}`);
    }
    // Which kinds a span or statement can show is asked once per article, not per record (this
    // runs for every span): a field is read only where its kind is declared lost.
    const d = this.declared;
    const [fragments, notes, attributes, annotators, timestamps] = (['spanFragments', 'spanNote', 'spanAttribute', 'annotator', 'annotationTimestamps'] as const).map((k) => d.has(k));
    const links = d.has('entityLink') || d.has('entityRecord') || d.has('entityDetails');
    if (fragments || notes || attributes || annotators || timestamps || links) {
      // A span's place is made only for an example: no function per span (there are tens of thousands).
      const place = (s: Article['spans'][number]) => `${where} span ${s.id}`;
      for (const s of article.spans) {
        if (fragments && s.fragments) this.add('spanFragments', () => `${place(s)}: ${s.fragments!.map((f) => `${f.start}-${f.end}`).join(';')} (UTF-16 units)`);
        if (notes && s.note) this.add('spanNote', () => `${place(s)}: ${shorten(s.note!)}`);
        if (attributes && s.attributes) for (const [key, value] of Object.entries(s.attributes)) this.add('spanAttribute', () => `${place(s)}: ${key}=${shorten(value)}`);
        if (annotators && s.annotator) this.add('annotator', () => `${place(s)}: ${s.annotator}`);
        if (timestamps) this.add('annotationTimestamps', () => `${place(s)}: created ${s.createdAt}`);
        if (links && s.entityId) {
          this.add('entityLink', () => `${place(s)}: entity ${s.entityId}`);
          this.entity(s.entityId, place(s));
        }
      }
    }
    if (d.has('statement')) {
      for (const st of article.statements) this.add('statement', () => `${where} statement ${st.id} (${st.polarity})`);
      return;
    }
    if (!d.has('statementNote') && !annotators && !timestamps) return;
    const place = (st: Article['statements'][number]) => `${where} statement ${st.id}`;
    for (const st of article.statements) {
      if (st.note) this.add('statementNote', () => `${place(st)}: ${shorten(st.note!)}`);
      if (st.annotator) this.add('annotator', () => `${place(st)}: ${st.annotator}`);
      if (timestamps) this.add('annotationTimestamps', () => `${place(st)}: created ${st.createdAt}`);
    }
  }

  /** An entity's record and details, once per entity. */
  private entity(id: string, span: string): void {
    if (this.entitiesSeen.has(id)) return;
    const entity = this.entities?.get(id);
    if (!entity) return; // a link to no record: nothing more to lose
    this.entitiesSeen.add(id);
    this.add('entityRecord', () => `entity ${id} "${shorten(entity.name)}" (linked from ${span})`);
    const details = [
      entity.actorType && `actor type ${entity.actorType}`,
      entity.aliases.length && `${entity.aliases.length} alias(es)`,
      entity.description && 'a description',
      Object.keys(entity.attributes).length && `${Object.keys(entity.attributes).length} attribute(s)`,
    ].filter(Boolean);
    if (details.length) this.add('entityDetails', () => `entity ${id} "${shorten(entity.name)}": ${details.join(', ')}`);
  }

  /** What this tally counted so far (see `merge`). */
  counts(): ExportLossCounts {
    return [...this.counted].map(([kind, { count, example }]) => [kind, count, example]);
  }

  /**
   * Add what another tally of the same export counted over articles that come after this one's
   * (`workbench convert` writes documents on several threads): counts add up and the first
   * example stays, as if this tally had counted those articles too. A tally that counts entity
   * records counts each entity once over the whole export, which two tallies cannot tell: it
   * refuses.
   */
  merge(counts: ExportLossCounts): void {
    if (this.declared.has('entityRecord') || this.declared.has('entityDetails'))
      throw new Error(`the ${this.losses.title} export counts each entity once: its loss tally cannot be split across threads`);
    for (const [kind, count, example] of counts) {
      const entry = this.counted.get(kind);
      if (entry) entry.count += count;
      else this.counted.set(kind, { count, example });
    }
  }

  /** Give the lines to the export context's `lost`, else to its `warn`. */
  report(ctx: { lost?: (line: string) => void; warn?: (message: string) => void }): void {
    const report = ctx.lost ?? ctx.warn;
    if (report) for (const line of this.lines()) report(line);
  }

  /** One line per kind counted, in the order the codec declared them. */
  lines(): string[] {
    return this.losses.export.flatMap((d) => {
      const c = this.counted.get(d.kind);
      return c ? [lossLine(EXPORT_LOSS_KINDS[d.kind], c.count, exportReason(this.losses, d), c.example)] : [];
    });
  }
}

/** Declares nothing: the format carries all of the workbench's content (native JSONL). */
export const CARRIES_EVERYTHING = { export: [], import: [] } as const;

const LOSS_LINE = /^(\d+) (.+?) (?:was|were) not carried \((.*)\), first: (.*)$/s;
const KIND_OF_NOUN = new Map<string, KindText>(
  [...Object.values(EXPORT_LOSS_KINDS), ...Object.values(IMPORT_LOSS_KINDS)].flatMap((k): [string, KindText][] => [
    [k.one, k],
    [k.many, k],
  ]),
);

/**
 * Sums loss lines of one kind written by several runs (`workbench convert` parses a brat folder
 * pair by pair), keeping the first example: "2 … first: A" and "3 … first: B" give "5 … first: A".
 */
export class LossLineMerger {
  private readonly merged = new Map<string, { text: KindText; count: number; reason: string; example: string }>();

  /** Take `line` if it is a loss line (true), else leave it (false). */
  take(line: string): boolean {
    const m = LOSS_LINE.exec(line);
    const text = m && KIND_OF_NOUN.get(m[2]);
    if (!m || !text) return false;
    const key = `${text.row}\u0000${m[3]}`;
    const seen = this.merged.get(key);
    if (seen) seen.count += Number(m[1]);
    else this.merged.set(key, { text, count: Number(m[1]), reason: m[3], example: m[4] });
    return true;
  }

  lines(): string[] {
    return [...this.merged.values()].map((e) => lossLine(e.text, e.count, e.reason, e.example));
  }
}
