/**
 * A test oracle: a port of spaCy's `spacy convert -c ner` reader, from spaCy 3.8.15
 * (github.com/explosion/spaCy at f69c32f7a033366ec0d49ec94e5a4feb885d5157):
 * - spacy/training/converters/conll_ner_to_docs.py `conll_ner_to_docs`: documents are split at
 *   the exact string "-DOCSTART- -X- O O", sentences at "\n\n"; each line is str.split(); fewer
 *   than two columns raises E903; the words are the first column, the tags the last;
 * - spacy/training/iob_utils.py `iob_to_biluo` / `_consume_ent`: a lone tag whose label (after
 *   its two-character prefix) is empty raises E177 "Ill-formed IOB input detected: <tag>".
 * The path taken is the one for a file that has both sentence breaks and document delimiters
 * (no automatic segmentation).
 */
import { pyStrip, pySplit } from './python';

export const SPACY_DOC_DELIMITER = '-DOCSTART- -X- O O';

export interface SpacyDoc {
  words: string[];
  /** Entities as [label, first token, last token]. */
  ents: [string, number, number][];
}

function iobToBiluo(input: string[]): string[] {
  const tags = [...input];
  const out: string[] = [];
  while (tags.length) {
    while (tags.length && tags[0] === 'O') out.push(tags.shift()!);
    if (!tags.length) break;
    const tag = tags.shift()!;
    const targetIn = 'I' + tag.slice(1);
    const targetLast = 'L' + tag.slice(1);
    let length = 1;
    while (tags.length && (tags[0] === targetIn || tags[0] === targetLast)) {
      length++;
      tags.shift();
    }
    const label = tag.slice(2);
    if (length === 1) {
      if (label.length === 0) throw new Error(`[E177] Ill-formed IOB input detected: ${tag}`);
      out.push(`U-${label}`);
    } else out.push(`B-${label}`, ...Array.from({ length: length - 2 }, () => `I-${label}`), `L-${label}`);
  }
  return out;
}

/** spacy/training/iob_utils.py `tags_to_entities` for BILUO tags. */
function entities(tags: string[]): [string, number, number][] {
  const out: [string, number, number][] = [];
  let start: number | undefined;
  tags.forEach((tag, i) => {
    if (tag === 'O' || tag === '-') return;
    if (tag.startsWith('U')) out.push([tag.slice(2), i, i]);
    else if (tag.startsWith('B')) start = i;
    else if (tag.startsWith('L')) {
      out.push([tag.slice(2), start!, i]);
      start = undefined;
    }
  });
  return out;
}

export function spacyConllNerToDocs(input: string): SpacyDoc[] {
  const docs: SpacyDoc[] = [];
  for (const raw of pyStrip(input).split(SPACY_DOC_DELIMITER)) {
    const conllDoc = pyStrip(raw);
    if (!conllDoc) continue;
    const words: string[] = [];
    const biluo: string[] = [];
    for (const rawSent of conllDoc.split('\n\n')) {
      const sent = pyStrip(rawSent);
      if (!sent) continue;
      const lines = sent.split('\n').map(pyStrip).filter((l) => l);
      const rows = lines.map(pySplit);
      // zip(*rows) keeps as many columns as the shortest row has.
      const width = Math.min(...rows.map((r) => r.length));
      if (width < 2) throw new Error('[E903] The token-per-line NER file is not formatted correctly');
      words.push(...rows.map((r) => r[0]));
      biluo.push(...iobToBiluo(rows.map((r) => r[width - 1])));
    }
    docs.push({ words, ents: entities(biluo) });
  }
  return docs;
}
