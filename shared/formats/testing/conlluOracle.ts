/**
 * Test oracles for CoNLL-U:
 * - `conlluParse`: a port of the `conllu` Python package 6.0.0 (github.com/EmilStenstrom/conllu at
 *   3c48b422421012223587806b8476ddb1be0acd78), conllu/parser.py: `parse_sentences` (blocks
 *   between lines whose strip() is empty), `parse_token_and_metadata` (a stripped line starting
 *   with "#" is a comment, `parse_pair_value` splits it at the first "="; any other line is a
 *   token), `parse_line` (fields split at a TAB or a run of two or more spaces, a single field
 *   raises), `parse_id_value` and `parse_dict_value` (MISC as `Key=Value|…`, "_" for none).
 * - `conlluValidate`: the CoNLL-U format rules of universaldependencies.org/format.html that
 *   UD's validate.py checks at level 1: exactly ten TAB-separated fields; comments only before
 *   a sentence's first token; word IDs 1, 2, 3 … in order (ranges `n-m` and empty nodes `n.k`
 *   allowed); no empty field; no whitespace in FORM except space; `# sent_id` and `# text` in
 *   every sentence, `# text` equal to the FORMs joined with a space unless `SpaceAfter=No`.
 */
import { pyStrip } from './python';

export interface ConlluToken {
  id: number | string;
  form: string;
  misc: Record<string, string | null> | null;
}

export interface ConlluSentence {
  metadata: Record<string, string | null>;
  tokens: ConlluToken[];
}

function parseSentenceBlocks(data: string): string[] {
  const out: string[] = [];
  let buf: string[] = [];
  // Python text-mode iteration over a StringIO yields lines ending at "\n".
  for (const line of data.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (pyStrip(line) === '') {
      if (buf.length) out.push(buf.join('').trimEnd());
      buf = [];
    } else buf.push(line);
  }
  if (buf.length) out.push(buf.join('').trimEnd());
  return out;
}

function parseId(value: string): number | string | null {
  if (!value || value === '_') return null;
  if (/^(?:0|[1-9][0-9]*)$/.test(value)) return Number(value);
  const range = /^([1-9][0-9]*)-([1-9][0-9]*)$/.exec(value);
  if (range && Number(range[2]) >= Number(range[1])) return value;
  if (/^[0-9][0-9]*\.[1-9][0-9]*$/.test(value)) return value;
  throw new Error(`ParseException: '${value}' is not a valid ID.`);
}

const nullable = (v: string | undefined) => (!v || v === '_' ? null : v);

function parseDict(value: string): Record<string, string | null> | null {
  if (nullable(value) === null) return null;
  const out: Record<string, string | null> = {};
  for (const part of value.split('|')) {
    const key = part.split('=')[0];
    if (nullable(key) === null) continue;
    out[key] = part.includes('=') ? nullable(part.split('=')[1]) : '';
  }
  return out;
}

/** `conllu.parse(data)` with the default fields. */
export function conlluParse(data: string): ConlluSentence[] {
  return parseSentenceBlocks(data).map((block) => {
    const metadata: Record<string, string | null> = {};
    const tokens: ConlluToken[] = [];
    for (const raw of block.split('\n')) {
      const line = pyStrip(raw);
      if (!line) continue;
      if (line.startsWith('#')) {
        const [k, ...rest] = line.slice(1).split('=');
        const key = k.trim();
        const value = rest.length ? rest.join('=').trim() : null;
        if (key === 'newdoc' || key === 'newpar') metadata[key] = value;
        else if (key && value) metadata[key] = value;
        continue;
      }
      const fields = line.split(/\t| {2,}/);
      if (fields.length === 1) throw new Error('ParseException: Invalid line format, line must contain either tabs or two spaces.');
      tokens.push({ id: parseId(fields[0]) ?? '_', form: fields[1], misc: fields.length > 9 ? parseDict(fields[9]) : null });
    }
    return { metadata, tokens };
  });
}

/** Every violation of the CoNLL-U format rules above, as "line N: problem". */
export function conlluValidate(data: string): string[] {
  const errors: string[] = [];
  const lines = data.split('\n');
  if (lines[lines.length - 1] !== '') errors.push('the file does not end with a newline');
  let comments: string[] = [];
  let words: { form: string; spaceAfter: boolean }[] = [];
  let inSentence = false;
  let sentenceLine = 0;
  const endSentence = (n: number) => {
    if (!inSentence) return;
    if (!comments.some((c) => /^# sent_id = \S/.test(c))) errors.push(`line ${sentenceLine}: sentence without # sent_id`);
    const text = comments.find((c) => c.startsWith('# text = '))?.slice('# text = '.length);
    if (text === undefined) errors.push(`line ${sentenceLine}: sentence without # text`);
    else {
      const joined = words.map((w, i) => w.form + (w.spaceAfter && i < words.length - 1 ? ' ' : '')).join('');
      if (joined !== text) errors.push(`line ${n}: # text "${text}" is not the tokens "${joined}"`);
    }
    comments = [];
    words = [];
    inSentence = false;
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    if (line === '') {
      if (!inSentence && comments.length) errors.push(`line ${n}: comments not followed by a sentence`);
      endSentence(n);
      comments = [];
      return;
    }
    if (line.startsWith('#')) {
      if (inSentence) errors.push(`line ${n}: comment inside a sentence`);
      comments.push(line);
      return;
    }
    if (!inSentence) sentenceLine = n;
    inSentence = true;
    const cols = line.split('\t');
    if (cols.length !== 10) {
      errors.push(`line ${n}: ${cols.length} columns instead of 10`);
      return;
    }
    if (cols.some((c) => c === '')) errors.push(`line ${n}: an empty field`);
    const [id, form, , , , , , , , misc] = cols;
    if (/[^\S ]/.test(form) || form.trim() !== form) errors.push(`line ${n}: whitespace in FORM`);
    if (/^\d+-\d+$|^\d+\.\d+$/.test(id)) return;
    if (id !== String(words.length + 1)) errors.push(`line ${n}: ID ${id} where ${words.length + 1} was expected`);
    words.push({ form, spaceAfter: !misc.split('|').includes('SpaceAfter=No') });
  });
  if (inSentence) errors.push('the last sentence is not followed by a blank line');
  return errors;
}
