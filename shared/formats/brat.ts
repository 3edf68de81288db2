/**
 * brat standoff: `NAME.txt` (the text, UTF-8, never modified) + `NAME.ann` (one annotation per
 * line). Offsets count Unicode CODE POINTS of the .txt (a CR is one), converted to UTF-16 here
 * with OffsetConverter. See docs/formats.md for the full mapping.
 *
 * Statements are written as brat events, each with its own trigger and a polarity attribute:
 *
 *   T4⇥Statement 6 15⇥denounced          trigger: the stance span's extent (else the claim's)
 *   E1⇥Statement:T4 Actor:T1 Claim:T3 Stance:T2
 *   A3⇥Polarity E1 oppose
 *   #2⇥AnnotatorNotes E1⇥the statement's note
 *
 * The trigger T has the event's type, as brat requires, and is not read back as a span. `R`
 * relations whose type is a polarity word (`Supports Arg1:T1 Arg2:T3`) and PolNeAR-style
 * `Attribution` events (Source/Cue/Content) are read as statements too.
 */
import { OffsetConverter, OffsetError } from '../text/offsets';
import { EntitySchema, type Article, type Entity, type Polarity } from '../domain/model';
import {
  FormatError,
  type ExportContext,
  type ExportPiece,
  type FormatCodec,
  type ImportedArticle,
  type ImportedSpan,
  type ImportedStatement,
  type InputFile,
  type ParsedCorpus,
} from './codec';
import { titlesBelowCommonFolder } from './documentPairs';
import { expandArchives, fileText, pathParts, slugify } from './inputFiles';
import { labelNamer } from './fields';
import { polarityOfLabel } from './statementRelations';
import { WarningLog } from './warnings';
import { BadRecordPolicy } from './badRecords';
import { throwFormatErrors } from './fileErrors';
import type { FormatOptions } from './formatNames';
import type { CodecLosses } from './losses';

/** The event (and trigger) type that carries a workbench statement. */
export const BRAT_STATEMENT_TYPE = 'Statement';
export const BRAT_POLARITY_ATTRIBUTE = 'Polarity';
/** `N` lines with this database name carry a span's entity id. */
export const BRAT_ENTITY_DB = 'workbench';
/** The note type brat's UI writes; notes of this type are a span's or statement's `note`. */
export const BRAT_NOTE_TYPE = 'AnnotatorNotes';
/**
 * Span attributes under this prefix are brat's own, kept for the way back and never written as
 * `A` lines: the domain keeps a span's fragments sorted (shared/domain/model.ts), so the order a
 * T line lists them in is kept here, and notes of other types than AnnotatorNotes keep their type.
 */
export const BRAT_ATTRIBUTE_PREFIX = 'brat:';
/**
 * The file's order of a discontinuous span's fragments when it is not the text order: for each
 * fragment of the T line, its 1-based place among the sorted fragments (`T1⇥Actor 209 236;91 186`
 * gives fragments 91-186, 209-236 and order "2 1").
 */
export const BRAT_FRAGMENT_ORDER = `${BRAT_ATTRIBUTE_PREFIX}fragmentOrder`;
/** `#1⇥Lemma T1⇥run` becomes the span attribute `brat:note:Lemma` = "run". */
export const BRAT_NOTE_ATTRIBUTE_PREFIX = `${BRAT_ATTRIBUTE_PREFIX}note:`;

const ACTOR_ROLES = new Set(['actor', 'source', 'arg1', 'agent', 'speaker']);
const CLAIM_ROLES = new Set(['claim', 'content', 'arg2', 'target', 'message']);
const STANCE_ROLES = new Set(['stance', 'cue']);
const STATEMENT_EVENT_TYPES = new Set(['statement', 'attribution']);

/**
 * One annotation line: its id, the field after it (`head`: "TYPE START END", "TYPE:ID ROLE:ID …")
 * and everything after the next TAB (`rest`: a T line's covered text, a note's text, TABs and
 * all), undefined when the line has no second TAB. A continuation line is joined to the last of
 * the two the record has. Cut with two slices, not split into an array of fields: this runs for
 * every line of every file.
 */
interface AnnRecord {
  line: number;
  id: string;
  head: string;
  rest: string | undefined;
}

/**
 * The characters that end a line for brat: it reads .ann files through Python's `codecs.open`,
 * whose `readlines` splits at every `str.splitlines` boundary, not only at LF
 * (brat `server/src/annotation.py`, `open_textfile` and `_parse_ann_file`).
 */
// eslint-disable-next-line no-control-regex -- brat's line ends include the C0 separators U+001C–U+001E
const BRAT_LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
const BRAT_LINE_BREAKS = new RegExp(`(?:\\r\\n|${BRAT_LINE_BREAK.source})`, 'g');

/** Text as written on one line: line breaks become spaces (brat would read the rest as a new line). */
function coveredForLine(s: string): string {
  return s.replace(BRAT_LINE_BREAKS, ' ');
}

type Range = { start: number; end: number };

/**
 * The pieces of `ranges` that a T line can carry: each range split at line breaks, the breaks
 * left out, as brat's own `annotator.py` (`__create_span`) splits a selection that crosses
 * lines. brat compares each fragment's text with the document exactly, and a line break inside
 * it would end the .ann line, so no fragment may hold one. brat also trims spaces at the cut;
 * we do not (the offsets stay the user's).
 */
export function bratLineFragments(text: string, ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    let from = r.start;
    for (let i = r.start; i <= r.end; i++) {
      if (i < r.end && !BRAT_LINE_BREAK.test(text[i])) continue;
      if (i > from) out.push({ start: from, end: i });
      from = i + 1;
    }
  }
  return out;
}

/** Whether a gap between two fragments is only a line break and the spaces around it: what brat makes of one selection across lines. */
function isLineGap(gap: string): boolean {
  // Blank first: most gaps are words, which it refuses at their first letter.
  return /^\s*$/.test(gap) && BRAT_LINE_BREAK.test(gap);
}

/**
 * Where the TAB after a line's annotation id is, when the line starts an annotation
 * (`/^(?:[TRENAM]\d+|#\d*|\*)\t/`, tested by hand: this runs for every line of every file); else -1.
 */
function recordIdEnd(line: string): number {
  const c = line.charCodeAt(0);
  let i = 1;
  if (c === 0x54 /* T */ || c === 0x45 /* E */ || c === 0x41 /* A */ || c === 0x52 /* R */ || c === 0x4e /* N */ || c === 0x4d /* M */) {
    while (isDigit(line.charCodeAt(i))) i++;
    if (i === 1) return -1;
  } else if (c === 0x23 /* # */) {
    while (isDigit(line.charCodeAt(i))) i++;
  } else if (c !== 0x2a /* * */) return -1;
  return line.charCodeAt(i) === 0x09 ? i : -1;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Split .ann text into records, joining continuation lines (raw newlines inside covered text). */
function readRecords(annName: string, annText: string, warnings: WarningLog): AnnRecord[] {
  const records: AnnRecord[] = [];
  const lines = annText.split('\n');
  // Lines ending in CR (a file written on Windows) lose it; most files have none, and keep their lines as split.
  if (annText.includes('\r')) for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  // 1 + the TAB after the id of each line that starts an annotation, 0 for the others.
  const starts = new Uint32Array(lines.length);
  let plain = true;
  for (let i = 0; i < lines.length; i++) {
    const tab = recordIdEnd(lines[i]);
    if (tab >= 0) starts[i] = tab + 1;
    else if (i < lines.length - 1 || lines[i] !== '') plain = false;
  }
  // A blank line belongs to a continuation only when a continuation line follows it (asked only when some line is no record).
  let nextIsContinuation: Uint8Array | undefined;
  if (!plain) {
    nextIsContinuation = new Uint8Array(lines.length);
    for (let k = lines.length - 2; k >= 0; k--) {
      nextIsContinuation[k] = !starts[k + 1] && lines[k + 1].trim() === '' ? nextIsContinuation[k + 1] : starts[k + 1] ? 0 : 1;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!starts[i]) {
      if (line.trim() === '' && (!records.length || !nextIsContinuation?.[i])) continue;
      if (!records.length) throw new FormatError(annName, `line ${i + 1}`, `not a brat annotation line (expected an id such as "T1" and a TAB): "${line.slice(0, 60)}"`);
      const prev = records[records.length - 1];
      if (prev.rest !== undefined) prev.rest += '\n' + line;
      else prev.head += '\n' + line;
      warnings.count('lines continuing the previous annotation (raw newline in covered text) were joined', `${annName} line ${i + 1}`);
      continue;
    }
    const tab = starts[i] - 1;
    const tab2 = line.indexOf('\t', tab + 1);
    const id = line.slice(0, tab);
    records.push(tab2 < 0 ? { line: i + 1, id, head: line.slice(tab + 1), rest: undefined } : { line: i + 1, id, head: line.slice(tab + 1, tab2), rest: line.slice(tab2 + 1) });
  }
  return records;
}

/** `s.split(/\s+/).filter(Boolean)`: a line's words, cut at plain spaces without the regular expression when no other whitespace is in it. */
function words(s: string): string[] {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Below the space: TAB, line breaks and other controls; from DEL on: NBSP and the other Unicode spaces \s knows.
    if (c < 0x20 || c >= 0x7f) return s.split(/\s+/).filter(Boolean);
  }
  const parts = s.split(' ');
  return s.includes('  ') || s.startsWith(' ') || s.endsWith(' ') || s === '' ? parts.filter(Boolean) : parts;
}

/** The first two parts of `s.split(':')` (the second undefined when there is no colon), without the array. */
function colonPair(s: string): [string, string | undefined] {
  const colon = s.indexOf(':');
  if (colon < 0) return [s, undefined];
  const next = s.indexOf(':', colon + 1);
  return [s.slice(0, colon), next < 0 ? s.slice(colon + 1) : s.slice(colon + 1, next)];
}

/** A span as read, by its id (its label is the T line's type). */
type SpanDraft = ImportedSpan & { id: string };

interface EventDraft {
  id: string;
  type: string;
  trigger: string;
  args: { role: string; target: string }[];
  line: number;
}

const TAB = 0x09;
const SPACE = 0x20;
const COLON = 0x3a;
/** A character of a plain type, role or id: printable ASCII, no space (what simpleTextBound and words read alike). */
const isPlainChar = (c: number) => c > SPACE && c < 0x7f;

/** Digits of an offset the simple path reads (Number() of more could round differently from our arithmetic). */
const MAX_SIMPLE_DIGITS = 15;

/**
 * A T line's head ("TYPE START END", already trimmed) when it has the common shape: a type of
 * printable ASCII, one space, two offsets of ASCII digits with one space between. Such a head is
 * what the general path's /^(\S+)\s+(.+)$/ and /^\s*(\d+)\s+(\d+)\s*$/ read the same way; any
 * other (discontinuous, other spaces, other characters) is left to them (undefined).
 */
function simpleTextBound(head: string): { type: string; start: number; end: number } | undefined {
  let i = 0;
  while (isPlainChar(head.charCodeAt(i))) i++;
  if (i === 0 || head.charCodeAt(i) !== SPACE) return undefined;
  const typeEnd = i;
  let start = 0;
  for (let c = head.charCodeAt(++i); isDigit(c); c = head.charCodeAt(++i)) start = start * 10 + (c - 0x30);
  const startDigits = i - typeEnd - 1;
  if (startDigits === 0 || startDigits > MAX_SIMPLE_DIGITS || head.charCodeAt(i) !== SPACE) return undefined;
  const endFrom = i + 1;
  let end = 0;
  for (let c = head.charCodeAt(++i); isDigit(c); c = head.charCodeAt(++i)) end = end * 10 + (c - 0x30);
  if (i === endFrom || i - endFrom > MAX_SIMPLE_DIGITS || i !== head.length) return undefined;
  return { type: head.slice(0, typeEnd), start, end };
}

/**
 * The annotations of an .ann file read straight from its text into `spans` and `events`, when
 * every line has the plain shape most files have: `T1⇥Type START END⇥covered` (one range, in
 * the text, not empty, the covered text the text's own) or `E1⇥Type:T1 Role:T2 …` (single
 * spaces, one colon a part), ids unique, LF line ends, no blank line but the last. These are the
 * tables the record-by-record reading gives for such a file, without its array of lines, its
 * records and their slices, which were most of the time of reading a big corpus (bench
 * `convert`). False at the first line of another shape, or one that reading would warn about or
 * refuse: then that reading reads the file (the tables hold a part and are dropped).
 */
function readPlainAnnotations(annText: string, text: string, conv: OffsetConverter, spans: Map<string, SpanDraft>, events: Map<string, EventDraft>): boolean {
  // A CR is cut from line ends by the record reading (readRecords): such files go that way.
  if (annText.includes('\r')) return false;
  const length = annText.length;
  const maxOffset = conv.codePointLength;
  let line = 1;
  for (let p = 0; p < length; line++) {
    const kind = annText.charCodeAt(p);
    let i = p + 1;
    while (isDigit(annText.charCodeAt(i))) i++;
    if (i === p + 1 || annText.charCodeAt(i) !== TAB) return false;
    const id = annText.slice(p, i);
    if (spans.has(id) || events.has(id)) return false;
    let eol = annText.indexOf('\n', i);
    if (eol < 0) eol = length;
    if (kind === 0x54 /* T */) {
      const typeStart = ++i;
      while (isPlainChar(annText.charCodeAt(i))) i++;
      if (i === typeStart || annText.charCodeAt(i) !== SPACE) return false;
      const label = annText.slice(typeStart, i);
      // START END, or START END;START END;… for a discontinuous span.
      let ranges: Range[] | undefined;
      let start16: number;
      let end16: number;
      for (;;) {
        let start = 0;
        const startFrom = ++i;
        for (let c = annText.charCodeAt(i); isDigit(c); c = annText.charCodeAt(++i)) start = start * 10 + (c - 0x30);
        if (i === startFrom || i - startFrom > MAX_SIMPLE_DIGITS || annText.charCodeAt(i) !== SPACE) return false;
        let end = 0;
        const endFrom = ++i;
        for (let c = annText.charCodeAt(i); isDigit(c); c = annText.charCodeAt(++i)) end = end * 10 + (c - 0x30);
        if (i === endFrom || i - endFrom > MAX_SIMPLE_DIGITS || end < start || end > maxOffset) return false;
        start16 = conv.codePointToUtf16(start);
        end16 = conv.codePointToUtf16(end);
        if (annText.charCodeAt(i) !== 0x3b /* ; */) break;
        (ranges ??= []).push({ start: start16, end: end16 });
      }
      if (i !== eol && annText.charCodeAt(i) !== TAB) return false;
      // The covered text (all after the TAB, TABs and all) must be the text's: else the record reading reports it.
      if (!ranges) {
        if (end16 <= start16) return false;
        if (i !== eol && !(eol - i - 1 === end16 - start16 && annText.startsWith(text.slice(start16, end16), i + 1))) return false;
        spans.set(id, { id, label, start: start16, end: end16 });
      } else {
        ranges.push({ start: start16, end: end16 });
        const drafted = draftOfRanges(id, label, text, ranges);
        if (!drafted || drafted.merged || (i !== eol && annText.slice(i + 1, eol) !== coveredOfRanges(text, ranges))) return false;
        spans.set(id, drafted.span);
      }
    } else if (kind === 0x45 /* E */) {
      const args: EventDraft['args'] = [];
      let type = '';
      let trigger = '';
      // Parts ROLE:ID (the first TYPE:TRIGGER), one space between them.
      for (let from = i + 1; ; ) {
        let colon = -1;
        let k = from;
        for (let c = annText.charCodeAt(k); k < eol && c !== SPACE; c = annText.charCodeAt(++k)) {
          if (c === COLON && colon < 0) colon = k;
          else if (!isPlainChar(c) || c === COLON) return false;
        }
        if (colon <= from || colon === k - 1) return false;
        const role = annText.slice(from, colon);
        const target = annText.slice(colon + 1, k);
        if (from === i + 1) {
          type = role;
          trigger = target;
        } else args.push({ role, target });
        if (k === eol) break;
        from = k + 1;
      }
      events.set(id, { id, type, trigger, args, line });
    } else return false;
    p = eol + 1;
  }
  return true;
}

/** Parse one .txt/.ann pair. `text` is the .txt exactly as stored. */
export function parseBratDocument(
  title: string,
  text: string,
  annName: string,
  annText: string,
  warnings: WarningLog = new WarningLog(bratLosses),
  /** Receives the entities the N lines name (shared across the documents of one import). */
  entities: Map<string, Entity> = new Map(),
  policy = new BadRecordPolicy(warnings, false),
): ImportedArticle {
  const conv = new OffsetConverter(text);
  const spans = new Map<string, SpanDraft>();
  const events = new Map<string, EventDraft>();
  const relations: { id: string; type: string; args: { role: string; target: string }[]; line: number }[] = [];
  const attributes: { line: number; name: string; target: string; value?: string }[] = [];
  const notes: { line: number; type: string; target: string; note: string }[] = [];
  // N lines may precede the T line they refer to, so they are resolved after all lines are read.
  const entityRefs: { line: number; target: string; entityId: string; name: string }[] = [];
  const seen = new Set<string>();
  const fail = (line: number, problem: string): never => {
    throw new FormatError(annName, `line ${line}`, problem);
  };

  // Text-bound annotations left out as bad records: statements using them are dropped with them.
  const skippedSpanIds = new Set<string>();
  // Most files hold nothing but T and E lines of the plain shape: read straight from the text.
  // Any other is read record by record (the plain reading's part-filled tables are dropped).
  const plain = readPlainAnnotations(annText, text, conv, spans, events);
  /** Whether a line of the file has this id (plain files have T and E lines only). */
  const known = (id: string) => (plain ? spans.has(id) || events.has(id) : seen.has(id));
  if (!plain) {
    spans.clear();
    events.clear();
    for (const rec of readRecords(annName, annText, warnings)) {
      const kind = rec.id[0];
      // `*` and `#` lines may share an id; the others name what other lines refer to.
      const named = kind !== '*' && kind !== '#';
      try {
        if (named && seen.has(rec.id)) fail(rec.line, `duplicate id ${rec.id}`);
        readRecord(rec);
        if (named) seen.add(rec.id);
      } catch (e) {
        policy.caught(e);
        if (kind === 'T' && !seen.has(rec.id)) skippedSpanIds.add(rec.id);
      }
    }
  }

  /** A T line's range in code points as UTF-16 offsets; throws naming the line when it is reversed or outside the text. */
  function utf16Range(rec: AnnRecord, start: number, end: number): Range {
    if (end < start) fail(rec.line, `${rec.id}: end ${end} is before start ${start}`);
    try {
      return { start: conv.codePointToUtf16(start), end: conv.codePointToUtf16(end) };
    } catch (e) {
      if (e instanceof OffsetError) fail(rec.line, `${rec.id}: offsets ${start}-${end} are outside the text (${conv.codePointLength} characters)`);
      throw e;
    }
  }

  /** checkCovered for a span of one range, which most covered texts match (compared in place, without a slice). */
  function checkCoveredRange(rec: AnnRecord, start: number, end: number) {
    const covered = rec.rest;
    if (covered !== undefined && !(covered.length === end - start && text.startsWith(covered, start))) checkCovered(rec, text.slice(start, end));
  }

  /** Report a T line whose covered text (after the second TAB) is not the text at its offsets. */
  function checkCovered(rec: AnnRecord, expected: string) {
    const covered = rec.rest;
    // Equal texts stay equal with their line breaks replaced: the replacing is for the few that differ.
    if (covered !== undefined && covered !== expected && coveredForLine(covered) !== coveredForLine(expected))
      warnings.count('covered text differs from the .txt slice (offsets kept)', `${annName} ${rec.id}: "${covered}" vs "${expected}"`);
  }

  /** One annotation line into the tables above; throws a FormatError naming the line. */
  function readRecord(rec: AnnRecord) {
    const kind = rec.id[0];
    const head = rec.head.trim();
    if (kind === 'T') {
      const simple = simpleTextBound(head);
      if (simple) {
        // Most T lines: one range, read without the general path's regular expressions and arrays.
        const { start, end } = utf16Range(rec, simple.start, simple.end);
        if (end <= start) fail(rec.line, `${rec.id}: the span is empty (offsets ${head.slice(simple.type.length + 1)})`);
        checkCoveredRange(rec, start, end);
        spans.set(rec.id, { id: rec.id, label: simple.type, start, end });
        return;
      }
      const m = /^(\S+)\s+(.+)$/.exec(head);
      if (!m) fail(rec.line, `${rec.id}: expected "TYPE START END" after the id`);
      const [, type, offsets] = m!;
      const ranges = offsets.split(';').map((part) => {
        const r = /^\s*(\d+)\s+(\d+)\s*$/.exec(part);
        if (!r) fail(rec.line, `${rec.id}: offsets "${part}" are not "START END" integers`);
        return { start: Number(r![1]), end: Number(r![2]) };
      });
      const converted = ranges.map((r) => utf16Range(rec, r.start, r.end));
      const drafted = draftOfRanges(rec.id, type, text, converted);
      if (!drafted) fail(rec.line, `${rec.id}: the span is empty (offsets ${offsets})`);
      if (drafted!.merged) warnings.count('overlapping fragments of a T line were merged (brat itself refuses them; their order is not kept)', `${annName} ${rec.id}: ${offsets}`);
      checkCovered(rec, coveredOfRanges(text, converted));
      spans.set(rec.id, drafted!.span);
    } else if (kind === 'E') {
      const parts = words(head);
      const [type, trigger] = colonPair(parts[0] ?? '');
      if (!type || !trigger) fail(rec.line, `${rec.id}: expected "TYPE:TRIGGER ROLE:ID …"`);
      const args: EventDraft['args'] = [];
      for (let k = 1; k < parts.length; k++) {
        const [role, target] = colonPair(parts[k]);
        if (!role || !target) fail(rec.line, `${rec.id}: argument "${parts[k]}" is not ROLE:ID`);
        args.push({ role, target: target! });
      }
      events.set(rec.id, { id: rec.id, type, trigger: trigger!, args, line: rec.line });
    } else if (kind === 'R') {
      const parts = words(head);
      if (parts.length < 3) fail(rec.line, `${rec.id}: expected "TYPE Arg1:ID Arg2:ID"`);
      const args = parts.slice(1).map((p) => {
        const [role, target] = p.split(':');
        if (!role || !target) fail(rec.line, `${rec.id}: argument "${p}" is not ROLE:ID`);
        return { role, target };
      });
      relations.push({ id: rec.id, type: parts[0], args, line: rec.line });
    } else if (kind === 'A' || kind === 'M') {
      const parts = words(head);
      if (parts.length < 2) fail(rec.line, `${rec.id}: expected "NAME ID [VALUE]"`);
      attributes.push({ line: rec.line, name: parts[0], target: parts[1], value: parts.length > 2 ? parts.slice(2).join(' ') : undefined });
    } else if (kind === '#') {
      const parts = words(head);
      if (parts.length < 2) fail(rec.line, `${rec.id}: expected "AnnotatorNotes ID" and the note`);
      notes.push({ line: rec.line, type: parts[0], target: parts[1], note: rec.rest ?? '' });
    } else if (kind === 'N') {
      const parts = words(head);
      const [db, ...entry] = (parts[2] ?? '').split(':');
      if (db && db.toLowerCase() === BRAT_ENTITY_DB)
        entityRefs.push({ line: rec.line, target: parts[1] ?? '', entityId: entry.join(':'), name: (rec.rest ?? '').trim() });
      else warnings.lost('normalizations', `${annName} ${rec.id}: ${head}`);
    } else if (kind === '*') {
      warnings.lost('normalizations', `${annName} line ${rec.line}: * ${head}`);
    }
  }

  /**
   * Whether the span ids an annotation refers to are usable: an id the file does not have is a
   * bad record (refused, or skipped), an id of a skipped span drops the annotation with it.
   */
  const refsUsable = (ids: (string | undefined)[], line: number, what: () => string) => {
    for (const id of ids) {
      if (id === undefined || spans.has(id)) continue;
      if (skippedSpanIds.has(id)) policy.dropped({ file: annName, location: `line ${line}` }, `${what()} was dropped: its span ${id} was skipped`);
      else if (!known(id)) policy.reject(annName, `line ${line}`, `${what()} refers to ${id}, which the file does not have`);
      else continue; // an event or relation: not text-bound, reported by the caller
      return false;
    }
    return true;
  };

  // Statements: events of a statement type, and R lines whose type is a polarity.
  const statements: ImportedStatement[] = [];
  const statementByEvent = new Map<string, ImportedStatement>();
  const pureTriggers = new Set<string>();
  for (const ev of events.values()) {
    const type = ev.type.toLowerCase();
    if (!STATEMENT_EVENT_TYPES.has(type)) {
      warnings.lost('otherRelations', `${annName} ${ev.id} (event ${ev.type}; its trigger span is kept)`);
      continue;
    }
    const actor = argumentOfRole(ev.args, ACTOR_ROLES);
    const claim = argumentOfRole(ev.args, CLAIM_ROLES);
    let stance = argumentOfRole(ev.args, STANCE_ROLES);
    const trigger = spans.get(ev.trigger);
    const triggerIsPure = trigger !== undefined && trigger.label.toLowerCase() === type;
    if (triggerIsPure) pureTriggers.add(ev.trigger);
    else if (!stance && trigger && ev.trigger !== actor && ev.trigger !== claim) stance = ev.trigger;
    // Most events name spans of the file: then no reference needs a closer look (refsUsable).
    const allSpans = actor !== undefined && claim !== undefined && spans.has(actor) && spans.has(claim) && (!stance || spans.has(stance));
    if (!allSpans) {
      // A reference to no record is a bad record (refsUsable says so); else the event has no text-bound actor and claim.
      if (refsUsable([actor, claim, stance], ev.line, () => `statement event ${ev.id}`))
        warnings.count('statement events without a text-bound actor and claim were dropped', `${annName} ${ev.id}`);
      // A trigger of the event's own type is no span of its own, so it goes with a dropped event: say so.
      if (triggerIsPure) warnings.count('trigger spans (T lines) of dropped statement events were dropped with them', `${annName} ${ev.trigger} (trigger of ${ev.id})`);
      continue;
    }
    const st: ImportedStatement = stance
      ? { id: ev.id, actorSpanId: actor, claimSpanId: claim, polarity: 'neutral', stanceSpanId: stance }
      : { id: ev.id, actorSpanId: actor, claimSpanId: claim, polarity: 'neutral' };
    statementByEvent.set(ev.id, st);
    statements.push(st);
  }
  for (const r of relations) {
    const polarity = polarityOfLabel(r.type);
    const arg1 = r.args.find((a) => ACTOR_ROLES.has(a.role.toLowerCase()))?.target ?? r.args[0]?.target;
    const arg2 = r.args.find((a) => CLAIM_ROLES.has(a.role.toLowerCase()))?.target ?? r.args[1]?.target;
    if (polarity && !refsUsable([arg1, arg2], r.line, () => `relation ${r.id}`)) continue;
    if (!polarity || !arg1 || !arg2 || !spans.has(arg1) || !spans.has(arg2)) {
      warnings.lost('otherRelations', `${annName} ${r.id} (relation ${r.type})`);
      continue;
    }
    const st: ImportedStatement = { id: r.id, actorSpanId: arg1, claimSpanId: arg2, polarity };
    statementByEvent.set(r.id, st);
    statements.push(st);
  }

  const polaritySet = new Set<string>();
  for (const a of attributes) {
    const span = spans.get(a.target);
    const st = statementByEvent.get(a.target);
    if (st && a.name.toLowerCase() === BRAT_POLARITY_ATTRIBUTE.toLowerCase()) {
      const polarity: Polarity | undefined = polarityOfLabel(a.value ?? '');
      if (polarity) {
        st.polarity = polarity;
        polaritySet.add(a.target);
      } else warnings.count('unknown polarity values (read as neutral)', `${annName} line ${a.line}: ${a.value}`);
    } else if (span && !pureTriggers.has(a.target)) {
      span.attributes = { ...span.attributes, [a.name]: a.value ?? 'true' };
    } else {
      warnings.lost('annotationAttributes', `${annName} line ${a.line}: attribute ${a.name} ${a.target}`);
    }
  }
  // Counted at once, with the first as the example: PolNeAR has no polarities, so this is every event of a corpus.
  let withoutPolarity = 0;
  let firstWithout: string | undefined;
  for (const st of statementByEvent.values()) {
    if (st.id && events.has(st.id) && !polaritySet.has(st.id)) {
      withoutPolarity++;
      firstWithout ??= st.id;
    }
  }
  if (withoutPolarity) warnings.count('statement events without a Polarity attribute (read as neutral)', `${annName} ${firstWithout}`, withoutPolarity);
  const joinNote = (before: string | undefined, note: string) => (before === undefined ? note : `${before}\n${note}`);
  for (const n of notes) {
    const span = spans.get(n.target);
    const st = statementByEvent.get(n.target);
    const note = n.note;
    if (span && !pureTriggers.has(n.target)) {
      if (n.type === BRAT_NOTE_TYPE) span.note = joinNote(span.note, note);
      else {
        // Another note type (`#1⇥Lemma T1⇥run`): kept with its type, so the export writes it back as it was.
        const key = `${BRAT_NOTE_ATTRIBUTE_PREFIX}${n.type}`;
        span.attributes = { ...span.attributes, [key]: joinNote(span.attributes?.[key], note) };
      }
    } else if (st) {
      st.note = joinNote(st.note, note);
      if (n.type !== BRAT_NOTE_TYPE) warnings.count('notes of other types than AnnotatorNotes on statements became the statement note (a statement cannot keep the type)', `${annName} line ${n.line}: ${n.type} ${n.target}`);
    } else warnings.lost('annotationAttributes', `${annName} line ${n.line}: note on ${n.target}`);
  }
  for (const ref of entityRefs) {
    const span = spans.get(ref.target);
    if (span && /^[A-Za-z0-9_-]{1,128}$/.test(ref.entityId)) {
      span.entityId = ref.entityId;
      // brat has no place for the entity's kind: a mention labelled Actor, or the actor of a statement, is an actor; others are concepts.
      const actor = span.label.toLowerCase() === 'actor' || statements.some((st) => st.actorSpanId === ref.target);
      if (ref.name) collectEntity(entities, { id: ref.entityId, kind: actor ? 'actor' : 'concept', name: ref.name }, `${annName} line ${ref.line}`, warnings);
    } else warnings.lost('normalizations', `${annName} line ${ref.line}: ${ref.target} ${ref.entityId}`);
  }

  const out: ImportedSpan[] = [];
  for (const s of spans.values()) if (!pureTriggers.has(s.id)) out.push(s);
  return { title, text, spans: out, statements };
}

/** Event roles without their number, lower-cased ("Source2" → "source"): a corpus has few, and every event asks for three. */
const roleNames = new Map<string, string>();
/** Roles remembered at most (a corpus that made up a role per event would otherwise fill memory). */
const REMEMBERED_ROLES = 1000;

function roleName(role: string): string {
  let name = roleNames.get(role);
  if (name === undefined) {
    name = role.replace(/\d+$/, '').toLowerCase();
    if (roleNames.size < REMEMBERED_ROLES) roleNames.set(role, name);
  }
  return name;
}

/** The target of the first argument whose role (see roleName) is one of `roles`. */
function argumentOfRole(args: EventDraft['args'], roles: ReadonlySet<string>): string | undefined {
  for (const a of args) if (roles.has(roleName(a.role))) return a.target;
  return undefined;
}

/** The fields of an entity a brat N line carries (its id, its name, and its kind through the span's label). */
export const BRAT_ENTITY_FIELDS = ['id', 'kind', 'name'] as const;

/** Add an entity read from an N line; a second N line for the same id keeps the first record (reported when it differs). */
function collectEntity(entities: Map<string, Entity>, fields: Pick<Entity, (typeof BRAT_ENTITY_FIELDS)[number]>, where: string, warnings: WarningLog) {
  const parsed = EntitySchema.safeParse(fields);
  if (!parsed.success) {
    warnings.count('entity names of N lines that are not valid entities were dropped', `${where}: ${fields.name}`);
    return;
  }
  const before = entities.get(fields.id);
  if (!before) entities.set(fields.id, parsed.data);
  else if (before.name !== fields.name || before.kind !== fields.kind)
    warnings.count('N lines name one entity differently (the first is kept)', `${where}: ${fields.id} "${fields.name}" (${fields.kind}), first "${before.name}" (${before.kind})`);
}

/** The covered text a T line of these ranges (UTF-16, in the file's order) should have: their texts joined by a space (brat's DISCONT_SEP). */
function coveredOfRanges(text: string, ranges: readonly Range[]): string {
  return ranges.length === 1 ? text.slice(ranges[0].start, ranges[0].end) : ranges.map((r) => text.slice(r.start, r.end)).join(' ');
}

/**
 * The span of a T line of these ranges (UTF-16, in the file's order; see readFragments), with
 * `merged` when overlapping fragments were merged; undefined when every range is empty.
 */
function draftOfRanges(id: string, label: string, text: string, ranges: readonly Range[]): { span: SpanDraft; merged?: true } | undefined {
  const { fragments, order, merged } = readFragments(text, ranges.filter((r) => r.end > r.start));
  if (!fragments.length) return undefined;
  const span: SpanDraft = {
    id,
    label,
    start: fragments[0].start,
    end: fragments[fragments.length - 1].end,
    ...(fragments.length > 1 ? { fragments } : {}),
    ...(order ? { attributes: { [BRAT_FRAGMENT_ORDER]: order.join(' ') } } : {}),
  };
  return merged ? { span, merged } : { span };
}

/**
 * A T line's fragments (UTF-16, in the file's order) as the domain keeps them: sorted and
 * disjoint (shared/domain/model.ts), with the file's order when it differs. Consecutive
 * fragments separated only by a line break (and spaces) are first joined: brat writes one
 * selection across lines that way (see bratLineFragments), so it is read back as the one range
 * it was. Overlapping fragments, which brat itself refuses, are merged, and no order is kept.
 */
function readFragments(text: string, ranges: Range[]): { fragments: Range[]; order?: number[]; merged?: true } {
  // Most T lines have one range: nothing to join, sort or merge.
  if (ranges.length === 1) return { fragments: [{ start: ranges[0].start, end: ranges[0].end }] };
  const joined: Range[] = [];
  for (const r of ranges) {
    const last = joined[joined.length - 1];
    if (last && r.start >= last.end && isLineGap(text.slice(last.end, r.start))) last.end = r.end;
    else joined.push({ ...r });
  }
  // Most discontinuous spans list their fragments in text order, apart: nothing to sort, merge or remember.
  let inTextOrder = true;
  for (let k = 1; k < joined.length && inTextOrder; k++) inTextOrder = joined[k].start >= joined[k - 1].end;
  if (inTextOrder) return { fragments: joined };
  const sorted = joined.map((r, i) => ({ ...r, i })).sort((a, b) => a.start - b.start || a.end - b.end);
  if (sorted.some((r, k) => k > 0 && r.start < sorted[k - 1].end)) {
    const out: Range[] = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && (r.start < last.end || isLineGap(text.slice(last.end, r.start)))) last.end = Math.max(last.end, r.end);
      else out.push({ start: r.start, end: r.end });
    }
    return { fragments: out, merged: true };
  }
  const fragments = sorted.map(({ start, end }) => ({ start, end }));
  if (sorted.every((r, k) => r.i === k)) return { fragments };
  const order = new Array<number>(sorted.length);
  sorted.forEach((r, k) => (order[r.i] = k + 1));
  return { fragments, order };
}

/**
 * The fragments of a span in the order its brat T line lists them: the stored file order
 * (BRAT_FRAGMENT_ORDER) when it still fits the span's fragments, else the text order, with the
 * stored value as `unfit` (the span was edited since; the export reports it).
 */
export function bratFragmentsInFileOrder(span: { start: number; end: number; fragments?: readonly Range[]; attributes?: Record<string, string> }): { ranges: readonly Range[]; unfit?: string } {
  const ranges = span.fragments ?? [span];
  const stored = span.attributes?.[BRAT_FRAGMENT_ORDER];
  if (stored === undefined) return { ranges };
  const order = stored.trim().split(/\s+/).map(Number);
  const fits =
    order.length === ranges.length &&
    order.every((k) => Number.isInteger(k) && k >= 1 && k <= ranges.length) &&
    new Set(order).size === order.length;
  return fits ? { ranges: order.map((k) => ranges[k - 1]) } : { ranges, unfit: stored };
}

/** One .txt/.ann pair as an article; undefined for a documentation file that is no document. */
function readPair(
  key: string,
  pair: { txt?: InputFile; ann?: InputFile },
  title: string,
  warnings: WarningLog,
  entities: Map<string, Entity>,
  policy: BadRecordPolicy,
): ImportedArticle | undefined {
  if (!pair.txt) throw new FormatError(pair.ann!.name, undefined, `has no matching ${pathParts(key).stem}.txt (brat pairs NAME.txt with NAME.ann)`);
  if (!pair.ann && /^(readme|license|licence|copying|notice)\b/i.test(pathParts(key).stem)) {
    warnings.add(`${pair.txt.name}: documentation file without .ann; ignored`);
    return undefined;
  }
  const text = fileText(pair.txt, { keepUtf8Bom: true });
  if (!pair.ann) warnings.add(`${pair.txt.name}: no matching .ann file; imported without annotations`);
  const annText = pair.ann ? fileText(pair.ann) : '';
  return parseBratDocument(title, text, pair.ann?.name ?? `${key}.ann`, annText, warnings, entities, policy);
}

function parseBrat(files: InputFile[], options: FormatOptions): ParsedCorpus {
  const warnings = new WarningLog(bratLosses);
  const policy = BadRecordPolicy.of(options, warnings);
  const all = expandArchives(files);
  const byStem = new Map<string, { txt?: InputFile; ann?: InputFile }>();
  for (const f of all) {
    const { dir, stem, ext } = pathParts(f.name);
    if (ext !== 'txt' && ext !== 'ann') {
      if (ext !== 'conf' && !/^(readme|license)/i.test(stem)) warnings.add(`${f.name}: not a .txt or .ann file; ignored`);
      continue;
    }
    const key = dir ? `${dir}/${stem}` : stem;
    if (!byStem.has(key)) byStem.set(key, {});
    byStem.get(key)![ext] = f;
  }
  const articles: ImportedArticle[] = [];
  const entities = new Map<string, Entity>();
  const titles = titlesBelowCommonFolder([...byStem.keys()]);
  // A bad document does not stop the others: every bad file is named at the end (or, when
  // skipping bad records, left out and reported), so one run finds them all.
  const errors: FormatError[] = [];
  for (const [key, pair] of [...byStem].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    try {
      const article = readPair(key, pair, titles.get(key)!, warnings, entities, policy);
      if (article) articles.push(article);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      if (policy.skip) warnings.add(`skipped (bad file): ${e.message}`);
      else errors.push(e);
    }
  }
  throwFormatErrors(errors);
  return {
    articles,
    warnings: warnings.list(),
    ...(entities.size ? { entities: [...entities.values()], entityFields: BRAT_ENTITY_FIELDS } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Export

interface BratExportState {
  usedNames: Set<string>;
  labels: Set<string>;
  attributes: Map<string, Set<string>>;
}
const exportState = new WeakMap<ExportContext, BratExportState>();
function stateOf(ctx: ExportContext): BratExportState {
  let s = exportState.get(ctx);
  if (!s) {
    s = { usedNames: new Set(), labels: new Set(), attributes: new Map() };
    exportState.set(ctx, s);
  }
  return s;
}

/**
 * The [relations] line that lets spans of any labels nest, coincide and cross, as the workbench's
 * schema does. Syntax of brat v1.3 (`server/src/projectconfig.py`: TEXTBOUND_OVERLAP_TYPE,
 * OVERLAP_TYPE_ARG `<OVL-TYPE>`, values split at "|").
 */
export const BRAT_OVERLAP_RULE = '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:contain|equal|cross';

/** brat types and attribute names are single tokens: whitespace becomes "_". */
export function bratToken(name: string): string {
  return name.trim().replace(/\s+/g, '_') || '_';
}

function fileBaseName(article: Article, used: Set<string>): string {
  let base = slugify(article.title) || article.id;
  if (used.has(base)) base = `${base}-${article.id}`;
  for (let n = 2; used.has(base); n++) base = `${slugify(article.title) || 'article'}-${article.id}-${n}`;
  used.add(base);
  return base;
}

/** The .ann text for one article. */
export function articleToAnn(article: Article, labelName: (labelId: string) => string, ctx?: ExportContext): string {
  const conv = new OffsetConverter(article.text);
  const lines: string[] = [];
  const tid = new Map<string, string>();
  let t = 0;
  let a = 0;
  let n = 0;
  let note = 0;
  const state = ctx ? stateOf(ctx) : undefined;
  /** "START END;START END⇥TEXT" of a T line: fragments without line breaks, texts joined by one space (brat's DISCONT_SEP). */
  const boundOf = (ranges: readonly Range[]) =>
    `${ranges.map((r) => `${conv.utf16ToCodePoint(r.start)} ${conv.utf16ToCodePoint(r.end)}`).join(';')}\t${ranges.map((r) => article.text.slice(r.start, r.end)).join(' ')}`;
  const noteLine = (target: string, text: string, type = BRAT_NOTE_TYPE) => `#${++note}\t${bratToken(type)} ${target}\t${coveredForLine(text)}`;
  const unfitOrders = new Map<string, string>();
  /** The pieces of a T line for the span: its fragments in the file's order, each split at line breaks. */
  const piecesOf = (span: Article['spans'][number]) => {
    const { ranges, unfit } = bratFragmentsInFileOrder(span);
    if (unfit !== undefined) unfitOrders.set(span.id, `${span.id} ("${unfit}", ${ranges.length} fragment(s))`);
    return bratLineFragments(article.text, ranges);
  };
  let trimmed = 0;
  let unwritable = 0;

  for (const span of article.spans) {
    const pieces = piecesOf(span);
    if (!pieces.length) {
      unwritable++;
      continue;
    }
    if (Math.min(...pieces.map((p) => p.start)) !== span.start || Math.max(...pieces.map((p) => p.end)) !== span.end) trimmed++;
    const id = `T${++t}`;
    tid.set(span.id, id);
    const type = bratToken(labelName(span.labelId));
    state?.labels.add(type);
    lines.push(`${id}\t${type} ${boundOf(pieces)}`);
    const typedNotes: [string, string][] = [];
    for (const [key, value] of Object.entries(span.attributes ?? {})) {
      // brat's own keys are no A lines: the fragment order is in the T line, typed notes are # lines.
      if (key.startsWith(BRAT_NOTE_ATTRIBUTE_PREFIX)) typedNotes.push([key.slice(BRAT_NOTE_ATTRIBUTE_PREFIX.length), value]);
      if (key.startsWith(BRAT_ATTRIBUTE_PREFIX)) continue;
      const name = bratToken(key);
      if (state) {
        if (!state.attributes.has(name)) state.attributes.set(name, new Set());
        state.attributes.get(name)!.add(value === 'true' ? 'true' : bratToken(value));
      }
      lines.push(value === 'true' ? `A${++a}\t${name} ${id}` : `A${++a}\t${name} ${id} ${bratToken(value)}`);
    }
    if (span.entityId) {
      // The entity's name goes where brat shows the normalization's text, so import can recreate the entity.
      const name = ctx?.entities?.get(span.entityId)?.name;
      lines.push(`N${++n}\tReference ${id} ${BRAT_ENTITY_DB}:${span.entityId}${name ? `\t${coveredForLine(name)}` : ''}`);
    }
    if (span.note) lines.push(noteLine(id, span.note));
    for (const [type, value] of typedNotes) lines.push(noteLine(id, value, type));
  }
  let e = 0;
  for (const st of article.statements) {
    const actor = tid.get(st.actorSpanId);
    const claim = tid.get(st.claimSpanId);
    const stance = st.stanceSpanId ? tid.get(st.stanceSpanId) : undefined;
    if (!actor || !claim || (st.stanceSpanId && !stance)) {
      ctx?.warn?.(`${article.title}: statement ${st.id} refers to a missing span; not exported`);
      continue;
    }
    const triggerSpan = article.spans.find((s) => s.id === (st.stanceSpanId ?? st.claimSpanId))!;
    const trigger = `T${++t}`;
    const ev = `E${++e}`;
    lines.push(`${trigger}\t${BRAT_STATEMENT_TYPE} ${boundOf(piecesOf(triggerSpan))}`);
    lines.push(`${ev}\t${BRAT_STATEMENT_TYPE}:${trigger} Actor:${actor} Claim:${claim}${stance ? ` Stance:${stance}` : ''}`);
    lines.push(`A${++a}\t${BRAT_POLARITY_ATTRIBUTE} ${ev} ${st.polarity}`);
    if (st.note) lines.push(noteLine(ev, st.note));
  }
  if (trimmed) ctx?.warn?.(`${article.title}: ${trimmed} span(s) began or ended with a line break, which a brat fragment cannot hold; exported without it`);
  if (unfitOrders.size)
    ctx?.warn?.(`${article.title}: the brat fragment order of ${unfitOrders.size} span(s) no longer fits their fragments (edited since import); written in text order: ${[...unfitOrders.values()].join(', ')}`);
  if (unwritable) ctx?.warn?.(`${article.title}: ${unwritable} span(s) covering only line breaks not exported (a brat fragment cannot hold a line break)`);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** annotation.conf declaring the labels, the Statement event and the attributes used. */
export function bratAnnotationConf(ctx: ExportContext): string {
  const state = stateOf(ctx);
  const entities = [...new Set([...ctx.schema.labels.map((l) => bratToken(l.name)), ...state.labels])];
  const attrs = [...state.attributes].map(([name, values]) => {
    const vals = [...values].filter((v) => v !== 'true');
    return vals.length ? `${name}\tArg:<ENTITY>, Value:${vals.join('|')}` : `${name}\tArg:<ENTITY>`;
  });
  return [
    '# Written by Annotation Workbench. Statements are events: the trigger has type Statement,',
    '# the arguments are the actor, claim and (optional) stance spans, and Polarity is an attribute.',
    '[entities]',
    ...entities,
    '',
    '[relations]',
    // brat flags every nested, identical or crossing pair of entities unless an <OVERLAP> rule
    // allows it (projectconfig.py, overlap_types); the workbench allows all three for any labels.
    BRAT_OVERLAP_RULE,
    '',
    '[events]',
    `${BRAT_STATEMENT_TYPE}\tActor:<ENTITY>, Claim:<ENTITY>, Stance?:<ENTITY>`,
    '',
    '[attributes]',
    `${BRAT_POLARITY_ATTRIBUTE}\tArg:${BRAT_STATEMENT_TYPE}, Value:support|oppose|neutral`,
    ...attrs,
    '',
  ].join('\n');
}

function bratVisualConf(ctx: ExportContext): string {
  return [
    '[labels]',
    ...ctx.schema.labels.map((l) => `${bratToken(l.name)} | ${l.name}`),
    `${BRAT_STATEMENT_TYPE} | ${BRAT_STATEMENT_TYPE}`,
    '',
    '[drawing]',
    ...ctx.schema.labels.map((l) => `${bratToken(l.name)}\tbgColor:${l.color}`),
    `${BRAT_STATEMENT_TYPE}\tbgColor:#e5e7eb`,
    '',
  ].join('\n');
}

/**
 * brat's files hold a document's text and annotations, nothing about the document itself;
 * an entity is an N line (id, name; its kind follows from the span). The workbench has no place
 * for brat's other events and relations, normalizations to other databases, equivalences, and
 * attributes or notes of relations and events.
 */
const bratLosses: CodecLosses = {
  title: 'brat',
  export: [
    { kind: 'articleId' },
    { kind: 'articleTitle', reason: 'brat keeps only a file name made from it' },
    { kind: 'articleMetadata' },
    { kind: 'entityDetails', reason: "brat keeps an entity's id, kind and name" },
    { kind: 'annotator' },
    { kind: 'annotationTimestamps' },
  ],
  import: [{ kind: 'otherRelations' }, { kind: 'normalizations' }, { kind: 'annotationAttributes' }],
};

export const bratCodec: FormatCodec = {
  name: 'brat',
  description: 'brat standoff: NAME.txt + NAME.ann pairs (zip); code-point offsets; statements as Statement events',
  layout: 'multi',
  extension: 'zip',
  mimeType: 'application/zip',
  losses: bratLosses,
  parse(files, options) {
    return parseBrat(files, options);
  },
  article(article, ctx): ExportPiece[] {
    const base = fileBaseName(article, stateOf(ctx).usedNames);
    return [
      { file: `${base}.txt`, text: article.text },
      { file: `${base}.ann`, text: articleToAnn(article, labelNamer(ctx.schema), ctx) },
    ];
  },
  end(ctx) {
    const pieces = [
      { file: 'annotation.conf', text: bratAnnotationConf(ctx) },
      { file: 'visual.conf', text: bratVisualConf(ctx) },
    ];
    exportState.delete(ctx);
    return pieces;
  },
};
