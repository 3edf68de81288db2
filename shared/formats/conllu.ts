/**
 * CoNLL-U (`conllu`): what UD tools and the `conllu` Python package read. Each document opens
 * with `# newdoc id = <article id>` and `# title = …`; each sentence has `# sent_id` and
 * `# text`, then one line per token of ten TAB-separated columns (ID FORM LEMMA UPOS XPOS FEATS
 * HEAD DEPREL DEPS MISC, `_` where unknown). Our span layers go in MISC as `Actor=B|Claim=I`
 * (IOB2 per label, so labels may overlap), with `SpaceAfter=No` where the text has no space
 * after the token, so `# text` and the import reproduce the spacing inside a sentence. Token
 * lines start with their integer ID, so a `#hashtag` token is never read as a comment.
 *
 * Import reads that form: MISC entries whose value is B, I, E, S, L or U are tag layers,
 * other MISC entries are ignored, multiword-token ranges (`1-2`) and empty nodes (`1.1`) are
 * skipped. Sentences are joined with newlines: LOSSY (offsets, newlines inside a sentence and
 * whitespace runs are gone).
 */
import type { Article } from '../domain/model';
import { FormatError, type ExportContext, type FormatCodec, type ImportedArticle, type InputFile, type ParsedCorpus } from './codec';
import { expandArchives, fileText, pathParts } from './inputFiles';
import { WarningLog } from './warnings';
import type { CodecLosses } from './losses';
import { CONLL_TOKEN_LOSSES, labelWords, sentencesOf, tagArticle, textAndSpans, type ReadToken } from './conllTags';

/** The comment text of a value: one line. */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029\x85]+/g, ' ');

/** The CoNLL-U block of one article. */
export function articleToConllu(article: Article, ctx: ExportContext, labels: string[]): string {
  const { tokens, tags } = tagArticle(article, ctx);
  if (!tokens.length) {
    // A document of comments alone would read as an empty sentence in CoNLL-U readers.
    ctx.warn?.(`${article.title}: not written (no words to write as tokens)`);
    return '';
  }
  const lines = [`# newdoc id = ${oneLine(article.id)}`, `# title = ${oneLine(article.title)}`];
  sentencesOf(tokens).forEach((sentence, si) => {
    let text = '';
    const rows = sentence.map((k, i) => {
      const next = sentence[i + 1];
      const spaceAfter = next === undefined || tokens[next].start > tokens[k].end;
      text += tokens[k].text + (spaceAfter && next !== undefined ? ' ' : '');
      const misc = tags[k].flatMap((p, c) => (p ? [`${labels[c]}=${p}`] : []));
      if (!spaceAfter) misc.push('SpaceAfter=No');
      return [String(i + 1), tokens[k].text, '_', '_', '_', '_', '_', '_', '_', misc.join('|') || '_'].join('\t');
    });
    lines.push(`# sent_id = ${oneLine(article.id)}-${si + 1}`, `# text = ${text}`, ...rows, '');
  });
  return lines.join('\n') + '\n';
}

const ID = /^[1-9]\d*$/;
const SKIPPED_ID = /^(\d+-\d+|\d+\.\d+)$/;
const LAYER_VALUE = /^[BIESLU]$/;

interface Doc {
  id?: string;
  title?: string;
  sentences: ReadToken[][];
}

/** The columns between FORM and MISC: UD's analyses, which the workbench has no place for. */
const ANALYSIS_COLUMNS = ['LEMMA', 'UPOS', 'XPOS', 'FEATS', 'HEAD', 'DEPREL', 'DEPS'];

export function parseConlluText(fileName: string, content: string, warnings: WarningLog = new WarningLog(conlluLosses)): ImportedArticle[] {
  const docs: Doc[] = [];
  let doc: Doc | undefined;
  let sentence: { token: string; layers: Map<string, string>; noSpaceAfter: boolean }[] = [];
  const current = () => (doc ??= { sentences: [] });
  const endSentence = () => {
    if (!sentence.length) return;
    // One layer per label seen in the sentence; tokens without it are O.
    const labels = [...new Set(sentence.flatMap((t) => [...t.layers.keys()]))];
    current().sentences.push(
      sentence.map((t) => ({
        text: t.token,
        tags: labels.map((l) => (t.layers.has(l) ? `${t.layers.get(l)}-${l}` : 'O')),
        ...(t.noSpaceAfter ? { noSpaceAfter: true } : {}),
      })),
    );
    sentence = [];
  };
  const fail = (i: number, problem: string): never => {
    throw new FormatError(fileName, `line ${i + 1}`, problem);
  };
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') {
      endSentence();
      return;
    }
    if (line.startsWith('#')) {
      if (sentence.length) fail(i, 'a comment line inside a sentence (CoNLL-U comments come before the tokens)');
      const m = /^#\s*(newdoc id|newdoc|title)\s*(?:=\s*(.*))?$/.exec(line);
      if (m && m[1].startsWith('newdoc')) {
        if (doc?.sentences.length) docs.push(doc);
        doc = { sentences: [], ...(m[2]?.trim() ? { id: m[2].trim() } : {}) };
      } else if (m && m[1] === 'title' && doc && !doc.sentences.length) doc.title = m[2]?.trim();
      return;
    }
    const fields = line.split('\t');
    if (fields.length !== 10) fail(i, `expected 10 TAB-separated columns (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), found ${fields.length}`);
    const [id, form, , , , , , , , misc] = fields;
    if (SKIPPED_ID.test(id)) return;
    const lost = (what: string) => warnings.lost('tokenColumns', `${fileName} line ${i + 1}: token "${form}" ${what}`);
    fields.slice(2, 9).forEach((cell, c) => {
      if (cell !== '_') lost(`${ANALYSIS_COLUMNS[c]} ${cell}`);
    });
    if (!ID.test(id)) fail(i, `"${id}" is not a token ID`);
    if (Number(id) !== sentence.length + 1) fail(i, `token ID ${id} out of sequence (expected ${sentence.length + 1})`);
    if (!form) fail(i, 'the FORM column is empty');
    const layers = new Map<string, string>();
    let noSpaceAfter = false;
    for (const entry of misc === '_' ? [] : misc.split('|')) {
      const eq = entry.indexOf('=');
      const key = entry.slice(0, eq);
      const value = entry.slice(eq + 1);
      if (key === 'SpaceAfter' && value === 'No') noSpaceAfter = true;
      else if (eq > 0 && LAYER_VALUE.test(value)) layers.set(key, value);
      else if (key !== 'SpaceAfter') lost(`MISC ${entry}`);
    }
    sentence.push({ token: form, layers, noSpaceAfter });
  });
  endSentence();
  if (doc?.sentences.length) docs.push(doc);
  const stem = pathParts(fileName).stem;
  return docs.map((d, n) => ({
    ...(d.id ? { id: d.id } : {}),
    title: d.title || (docs.length > 1 ? `${stem} ${n + 1}` : stem),
    ...textAndSpans(d.sentences),
    statements: [],
  }));
}

function parseConllu(files: InputFile[]): ParsedCorpus {
  const warnings = new WarningLog(conlluLosses);
  const articles = expandArchives(files).flatMap((f) => parseConlluText(f.name, fileText(f), warnings));
  if (articles.length) warnings.add('CoNLL-U carries no offsets: the texts were rebuilt from the tokens (SpaceAfter=No kept, one sentence per line)');
  return { articles, warnings: warnings.list() };
}

const exportLabels = new WeakMap<ExportContext, string[]>();
/** MISC holds `Key=Value|Key=Value`: a label word may not contain `=` or `|`. */
const labelsOf = (ctx: ExportContext) => exportLabels.get(ctx) ?? exportLabels.set(ctx, labelWords(ctx, 'CoNLL-U MISC', /[\s=|]+/g)).get(ctx)!;

const conlluLosses: CodecLosses = {
  title: 'CoNLL-U',
  export: CONLL_TOKEN_LOSSES,
  import: [{ kind: 'tokenColumns' }],
};

export const conlluCodec: FormatCodec = {
  name: 'conllu',
  description: 'CoNLL-U, ten columns with the label layers in MISC (keeps article ids and titles; lossy: text rebuilt from tokens, no statements)',
  layout: 'single',
  extension: 'conllu',
  mimeType: 'text/plain',
  losses: conlluLosses,
  parse: parseConllu,
  begin(ctx) {
    labelsOf(ctx);
    return [];
  },
  article(article, ctx) {
    return [{ text: articleToConllu(article, ctx, labelsOf(ctx)) }];
  },
};
