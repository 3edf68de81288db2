/**
 * Native JSONL: one article per line, exactly the stored Article record (metadata, text,
 * spans with label id, note, annotator, timestamps, and statements). Offsets are UTF-16 code
 * units, and each line says so in `offsetUnit`. Lossless by construction: import parses with
 * the same schema the store uses, export writes keys in schema order, so export → import →
 * export is byte-identical.
 */
import { z } from 'zod';
import { ArticleSchema, type Article } from '../domain/model';
import { describeZodError } from '../api/dispatch';
import { FormatError, type FormatCodec, type ImportedArticle, type InputFile, type ParsedCorpus } from './codec';

export const NATIVE_OFFSET_UNIT = 'utf-16';

const NativeLineSchema = ArticleSchema.extend({ offsetUnit: z.literal(NATIVE_OFFSET_UNIT).optional() });

/** Serialise one article as its JSONL line (no newline). Key order follows the schema. */
export function articleToJsonlLine(article: Article): string {
  const canonical = ArticleSchema.parse(article);
  return JSON.stringify({ offsetUnit: NATIVE_OFFSET_UNIT, ...canonical });
}

export function parseJsonl(file: InputFile): ImportedArticle[] {
  const text = file.text ?? new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const articles: ImportedArticle[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new FormatError(file.name, `line ${i + 1}`, `not valid JSON: ${(e as Error).message}`);
    }
    const parsed = NativeLineSchema.safeParse(json);
    if (!parsed.success) throw new FormatError(file.name, `line ${i + 1}`, describeZodError(parsed.error));
    const { offsetUnit: _unit, ...article } = parsed.data;
    for (const s of article.spans) {
      if (s.end > article.text.length)
        throw new FormatError(file.name, `line ${i + 1}`, `span ${s.id} ends at ${s.end}, beyond the text (${article.text.length})`);
    }
    articles.push({
      ...article,
      spans: article.spans.map(({ labelId, ...s }) => ({ ...s, label: labelId })),
    });
  });
  return articles;
}

export const jsonlCodec: FormatCodec = {
  name: 'jsonl',
  description: 'Native JSONL: one article per line with all spans and statements; lossless',
  layout: 'single',
  extension: 'jsonl',
  mimeType: 'application/jsonl',
  parse(files): ParsedCorpus {
    return { articles: files.flatMap(parseJsonl), warnings: [] };
  },
  article(article) {
    return [{ text: articleToJsonlLine(article) + '\n' }];
  },
};
