/**
 * Test oracle: a TypeScript port of the checks brat itself makes on a document, so an export is
 * held against brat's rules rather than against our reading of the standoff spec. Ported from
 * nlplab/brat at commit 44ecd825810167eed2a5d8ad875d832218e734e8 (v1.3 "Crunchy Frog" line,
 * the newest commit of the repository):
 *
 * - `server/src/annotation.py`: how the .ann is split into lines (`open_textfile` uses
 *   `codecs.open`, whose `readlines` splits at every `str.splitlines` boundary),
 *   `_parse_ann_lines` (ID, TAB, data, tail), `_split_textbound_data` and the text-bound checks
 *   of `TextAnnotations._parse_textbound_annotation` (offsets within the text, fragments not
 *   overlapping, the text field equal to the fragments' texts joined by DISCONT_SEP " ");
 *   `TextBoundAnnotation.same_span` / `contains` / `first_start` / `last_end`.
 * - `server/src/verify_annotations.py`: `verify_annotation_types` (text-bound and event types
 *   known to annotation.conf), `check_textbound_overlap` and `verify_entity_overlap`.
 * - `server/src/projectconfig.py`: `__read_term_hierarchy` (the parts our annotation.conf
 *   uses: sections, `|` alternatives, comma-separated `KEY:TYPES` arguments),
 *   `__directory_relations_by_arg_num` (how `<ANY>`, `<ENTITY>`, `<EVENT>` match),
 *   `overlap_types`, `span_can_contain`, `spans_can_be_equal`, `spans_can_cross`,
 *   `is_physical_entity_type`.
 *
 * Offsets and lengths count code points, as Python `str` does. Messages are brat's own.
 */

/** Python's `str.splitlines(keepends=True)`. */
export function pythonSplitlines(s: string): string[] {
  const out: string[] = [];
  // eslint-disable-next-line no-control-regex -- Python's line boundaries include U+001C–U+001E
  const re = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g;
  let from = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(s.slice(from, m.index + m[0].length));
    from = m.index + m[0].length;
  }
  if (from < s.length) out.push(s.slice(from));
  return out;
}

interface ConfRelation {
  type: string;
  args: Map<string, string[]>;
  argList: string[];
  special: Map<string, string[]>;
}

export interface BratConfig {
  entityTypes: Set<string>;
  eventTypes: Set<string>;
  relations: ConfRelation[];
}

const RESERVED = ['ANY', 'ENTITY', 'RELATION', 'EVENT', 'NONE', 'EMPTY', 'REL-TYPE', 'URL', 'URLBASE', 'UNICODE', 'GLYPH-POS', 'DEFAULT', 'NORM', 'OVERLAP', 'OVL-TYPE', 'INHERIT'].map((n) => `<${n}>`);
const SPECIAL_RELATION_TYPES = new Set(['ENTITY-NESTING', '<OVERLAP>']);

/** The [entities], [events] and [relations] sections of annotation.conf, as brat reads them. */
export function parseAnnotationConf(conf: string): BratConfig {
  const sections = new Map<string, string[]>();
  let section = '';
  for (const raw of pythonSplitlines(conf)) {
    const line = raw.replace(/[\r\n]+$/, '');
    const head = /^\s*\[(.*)\]\s*$/.exec(line);
    if (head) {
      section = head[1];
      continue;
    }
    if (!sections.has(section)) sections.set(section, []);
    sections.get(section)!.push(line);
  }
  const terms = (name: string) => {
    const out: { terms: string[]; args: string[] }[] = [];
    for (const l of sections.get(name) ?? []) {
      if (l.trim() === '' || /^\s*#/.test(l) || /^\s*-+\s*$/.test(l)) continue;
      for (const m of l.matchAll(/(<.*?>)/g)) if (!RESERVED.includes(m[1])) throw new Error(`undefined macro ${m[1]} in configuration`);
      const m = /^(\s*)(\S+)(?:\s+(.*))?$/.exec(l);
      if (!m) throw new Error(`Error parsing line: '${l}'`);
      out.push({
        terms: m[2].split('|').map((t) => t.trim()).filter((t) => t !== '').map((t) => (t.startsWith('!') ? t.slice(1) : t)),
        args: (m[3] ?? '').split(',').map((a) => a.trim()).filter((a) => a !== ''),
      });
    }
    return out;
  };
  const relations = terms('relations').map(({ terms: t, args }): ConfRelation => {
    const rel: ConfRelation = { type: t[0], args: new Map(), argList: [], special: new Map() };
    for (const a of args) {
      const m = /^(\S*?):(\S*)$/.exec(a);
      if (!m) throw new Error(`Project configuration: Failed to parse argument '${a}'`);
      const [, key, atypes] = m;
      if (RESERVED.includes(key)) {
        rel.special.set(key, key === '<REL-TYPE>' ? atypes.split('-') : key === '<NORM>' ? atypes.split('|') : [atypes]);
        continue;
      }
      const name = /^(\S+?)(\{\S+\}|\?|\*|\+|)$/.exec(key)![1];
      rel.argList.push(name);
      rel.args.set(name, atypes.split('|'));
    }
    return rel;
  });
  return {
    entityTypes: new Set(terms('entities').map((e) => e.terms[0])),
    eventTypes: new Set(terms('events').map((e) => e.terms[0])),
    relations,
  };
}

/** `__directory_relations_by_arg_num(directory, num, atype, include_special=True)`. */
function relationsByArg(conf: BratConfig, num: 0 | 1, atype: string): ConfRelation[] {
  const rels: ConfRelation[] = [];
  for (const r of conf.relations) {
    if (r.argList.length !== 2) continue;
    for (const t of r.args.get(r.argList[num]) ?? []) {
      if (
        t === atype ||
        t === '<ANY>' ||
        atype === '<ANY>' ||
        (conf.entityTypes.has(t) && atype === '<ENTITY>') ||
        (conf.eventTypes.has(t) && atype === '<EVENT>') ||
        (conf.entityTypes.has(atype) && t === '<ENTITY>') ||
        (conf.eventTypes.has(atype) && t === '<EVENT>')
      )
        rels.push(r);
    }
  }
  return rels;
}

/** `ProjectConfiguration.overlap_types(inner, outer)`. */
function overlapTypes(conf: BratConfig, inner: string, outer: string): Set<string> {
  const t2r = relationsByArg(conf, 1, outer);
  const types = relationsByArg(conf, 0, inner).filter((r) => SPECIAL_RELATION_TYPES.has(r.type) && t2r.includes(r));
  const ovl = types.filter((r) => r.type === '<OVERLAP>');
  const nst = types.filter((r) => r.type === 'ENTITY-NESTING');
  const out = new Set<string>();
  if (ovl.length) {
    for (const r of ovl) for (const val of r.special.get('<OVL-TYPE>') ?? []) for (const v of val.split('|')) out.add(v);
  } else if (nst.length) out.add('contain');
  return out;
}

const spanCanContain = (c: BratConfig, inner: string, outer: string) => {
  const o = overlapTypes(c, inner, outer);
  return o.has('contain') || o.has('<ANY>') || overlapTypes(c, outer, inner).has('<ANY>');
};
const eitherWay = (what: string) => (c: BratConfig, t1: string, t2: string) => {
  const a = overlapTypes(c, t1, t2);
  const b = overlapTypes(c, t2, t1);
  return a.has(what) || a.has('<ANY>') || b.has(what) || b.has('<ANY>');
};
const spansCanBeEqual = eitherWay('equal');
const spansCanCross = eitherWay('cross');

interface TextBound {
  id: string;
  type: string;
  spans: [number, number][];
}

export interface BratIssue {
  /** The annotation id, or `line N` for a line brat could not parse. */
  annId: string;
  description: string;
}

const DISCONT_SEP = ' ';

/** `TextAnnotations._parse_textbound_annotation`: the fragments, or the error brat reports. */
function parseTextBound(id: string, data: string, dataTail: string, doc: string[]): TextBound | string {
  const sp = data.indexOf(' ');
  if (sp < 0) return 'syntax error';
  const type = data.slice(0, sp);
  const spans: [number, number][] = [];
  for (const spanStr of data.slice(sp + 1).split(';')) {
    const parts = spanStr.split(' ');
    // `start_str, end_str = span_str.split(' ', 2)` fails unless there are exactly two parts.
    if (parts.length !== 2) return 'syntax error';
    const endStr = parts[1].replace(/\s+$/, '');
    if (/\s/.test(endStr)) return `Error parsing textbound "${id}\t${data}". (Using space instead of tab?)`;
    if (!/^\s*[+-]?\d+\s*$/.test(parts[0]) || !/^[+-]?\d+$/.test(endStr)) return 'syntax error';
    spans.push([Number(parts[0]), Number(endStr)]);
  }
  const seen: [number, number][] = [];
  for (const [start, end] of spans) {
    if (start > end) return 'Text-bound annotation start > end.';
    if (start < 0) return 'Text-bound annotation start < 0.';
    if (end > doc.length) return 'Text-bound annotation offset exceeds text length.';
    for (const [os, oe] of seen) if (end >= os && start < oe) return 'Text-bound annotation spans overlap';
    seen.push([start, end]);
  }
  const tail = [...dataTail];
  const spanlen = spans.reduce((n, [s, e]) => n + e - s, 0) + (spans.length - 1) * DISCONT_SEP.length;
  // brat logs "Text-bound annotation missing text … Filling from reference text" and keeps the
  // annotation, so a span of only whitespace (whose text field `.strip()`s to nothing) is read.
  if (dataTail.trim() === '' && spanlen > 0) return { id, type, spans };
  if (tail[0] !== '\t') return 'Text-bound annotation missing tab before text (expected format "ID\\tTYPE START END\\tTEXT").';
  if (spanlen > tail.length - 1) return `Text-bound annotation text "${tail.slice(1).join('')}" shorter than marked span(s)`;
  const text = tail.slice(1, spanlen + 1).join('');
  const rest = tail.slice(spanlen + 1).join('');
  const spantexts = spans.map(([s, e]) => doc.slice(s, e).join(''));
  const reftext = spantexts.join(DISCONT_SEP);
  if (text !== reftext) {
    const oldStyle = spantexts.join('');
    if (!text.startsWith(oldStyle))
      return `Text-bound annotation text "${text}" does not match marked span(s) ${JSON.stringify(spans)} text "${reftext.replace(/\n/g, '\\n')}" in document`;
  }
  if (rest !== '' && !/^\s/.test(rest)) return `Text-bound annotation text "${text}" not separated from rest of line ("${rest}") by space!`;
  return { id, type, spans };
}

const firstStart = (a: TextBound) => Math.min(...a.spans.map(([s]) => s));
const lastEnd = (a: TextBound) => Math.max(...a.spans.map(([, e]) => e));
const sameSpan = (a: TextBound, b: TextBound) => {
  const key = (x: TextBound) => [...new Set(x.spans.map(([s, e]) => `${s},${e}`))].sort().join(';');
  return key(a) === key(b);
};
const contains = (outer: TextBound, inner: TextBound) => inner.spans.every(([os, oe]) => outer.spans.some(([s, e]) => os >= s && oe <= e));

/**
 * What brat reports for one document: lines it cannot parse (as `annotation.py` logs them) and
 * the issues of `verify_annotation_types` and `verify_entity_overlap`.
 */
export function verifyBratDocument(text: string, ann: string, conf: BratConfig): BratIssue[] {
  const doc = [...text];
  const issues: BratIssue[] = [];
  const textbounds: TextBound[] = [];
  const events: { id: string; type: string }[] = [];
  pythonSplitlines(ann).forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab < 0) {
      issues.push({ annId: `line ${i + 1}`, description: `cannot parse line: ${JSON.stringify(line)}` });
      return;
    }
    const id = line.slice(0, tab);
    const idTail = line.slice(tab + 1);
    if (!/^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$/.test(id) && id !== '*') {
      issues.push({ annId: `line ${i + 1}`, description: `invalid id ${JSON.stringify(id)}` });
      return;
    }
    const delim = idTail.indexOf('\t');
    const [data, dataTail] = delim < 0 ? [idTail, ''] : [idTail.slice(0, delim), idTail.slice(delim)];
    if (id[0] === 'T') {
      const tb = parseTextBound(id, data, dataTail, doc);
      if (typeof tb === 'string') issues.push({ annId: id, description: tb });
      else textbounds.push(tb);
    } else if (id[0] === 'E') {
      events.push({ id, type: data.split(' ')[0].split(':')[0] });
    }
  });

  for (const e of events) if (!conf.eventTypes.has(e.type)) issues.push({ annId: e.id, description: `Error: ${e.type} is not a known event type (check configuration?)` });
  for (const t of textbounds)
    if (!conf.eventTypes.has(t.type) && !conf.entityTypes.has(t.type))
      issues.push({ annId: t.id, description: `Error: ${t.type} is not a known textbound type (check configuration?)` });

  const physical = textbounds.filter((a) => conf.entityTypes.has(a.type));
  for (const a1 of physical) {
    for (const a2 of physical) {
      if (a1 === a2 || !(firstStart(a2) < lastEnd(a1) && lastEnd(a2) > firstStart(a1))) continue;
      if (sameSpan(a1, a2)) {
        if (!spansCanBeEqual(conf, a1.type, a2.type)) issues.push({ annId: a1.id, description: `Error: ${a1.type} cannot have identical span with ${a2.type} ${a2.id}` });
      } else if (contains(a2, a1)) {
        if (!spanCanContain(conf, a1.type, a2.type)) issues.push({ annId: a1.id, description: `Error: ${a1.type} cannot be contained in ${a2.type} (${a2.id})` });
      } else if (contains(a1, a2)) {
        if (!spanCanContain(conf, a2.type, a1.type)) issues.push({ annId: a1.id, description: `Error: ${a1.type} cannot contain ${a2.type} (${a2.id})` });
      } else if (!spansCanCross(conf, a1.type, a2.type)) {
        issues.push({ annId: a1.id, description: `Error: annotation cannot have crossing span with ${a2.id}` });
      }
    }
  }
  return issues;
}
