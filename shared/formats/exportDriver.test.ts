import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { collectSingleFile, collectZip, runExport, zipExport } from './exportDriver';
import { FORMAT_CODECS, getCodec } from './registry';
import { FORMAT_NAMES } from './formatNames';
import type { FormatCodec } from './codec';
import { exportContext, exportFiles, importedSpanKeys, articleSpanKeys, makeArticle } from './testing/articles';
import type { Article } from '../domain/model';

const articles: Article[] = [
  makeArticle('🐱 Obama said no.', [{ labelId: 'actor', start: 3, end: 8 }], [], { id: 'a1', title: 'First' }),
  makeArticle('Merkel agreed.\r\nYes.', [{ labelId: 'actor', start: 0, end: 6, note: 'chancellor' }], [], { id: 'a2', title: 'Second' }),
];

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((r) => setTimeout(r, 1));
    yield item;
  }
}

describe('registry', () => {
  it('has a codec for every format name, each naming itself', () => {
    for (const name of FORMAT_NAMES) expect(getCodec(name).name).toBe(name);
    expect(Object.keys(FORMAT_CODECS).sort()).toEqual([...FORMAT_NAMES].sort());
    expect(() => getCodec('nope' as never)).toThrow(/not supported/);
  });
});

describe('runExport', () => {
  it('yields begin, article and end pieces in order from an async source, reporting progress', async () => {
    const progress: number[] = [];
    const pieces = [];
    for await (const p of runExport(getCodec('label-studio'), slowly(articles), exportContext(), (pr) => progress.push(pr.articles))) pieces.push(p);
    expect(pieces[0].text).toBe('[\n');
    expect(pieces[pieces.length - 1].text).toBe('\n]\n');
    expect(progress).toEqual([1, 2]);
    const json = await collectSingleFile(runExport(getCodec('label-studio'), articles, exportContext()));
    expect(JSON.parse(json)).toHaveLength(2);
  });

  it('stops between articles when the signal aborts', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async () => {
      for await (const p of runExport(getCodec('jsonl'), articles, exportContext(), () => controller.abort(), controller.signal)) seen.push(p.text);
    };
    await expect(run()).rejects.toThrow(/abort/i);
    expect(seen).toEqual([expect.stringContaining('"id":"a1"')]);
  });

  it('every single-file codec exports through the driver exactly as through direct calls', async () => {
    for (const codec of Object.values(FORMAT_CODECS).filter((c) => c.layout === 'single')) {
      const direct = exportFiles(codec, articles).get('')!;
      expect(await collectSingleFile(runExport(codec, articles, exportContext())), codec.name).toBe(direct);
    }
  });
});

describe('zipExport', () => {
  it('zips multi-file exports as they stream; the archive re-imports with the same spans', async () => {
    for (const name of ['brat', 'csv'] as const) {
      const codec = getCodec(name);
      const zip = await collectZip(codec, slowly(articles), exportContext({ bom: name === 'csv' }));
      const entries = unzipSync(zip);
      const direct = exportFiles(codec, articles, exportContext({ bom: name === 'csv' }));
      expect(Object.keys(entries).sort(), name).toEqual([...direct.keys()].sort());
      for (const [file, text] of direct) expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(entries[file]), `${name} ${file}`).toBe(text);
      const parsed = codec.parse([{ name: `export.zip`, bytes: zip }], {});
      expect(parsed.articles.map((a) => importedSpanKeys(a, { note: true })), name).toEqual(articles.map((a) => articleSpanKeys(a, { note: true })));
    }
  });

  it('yields bytes before the whole export is done', async () => {
    const many = Array.from({ length: 12 }, (_, i) => makeArticle(Array.from({ length: 800 }, (_, k) => `word${(k * 7919 + i) % 1000}`).join(" "), [], [], { id: `a${i}`, title: `T${i}` }));
    let chunksBeforeEnd = 0;
    let articlesSeen = 0;
    for await (const chunk of zipExport(getCodec('brat'), many, exportContext(), { onProgress: (p) => (articlesSeen = p.articles) })) {
      if (articlesSeen < many.length && chunk.length) chunksBeforeEnd++;
    }
    expect(chunksBeforeEnd).toBeGreaterThan(3);
  });

  it('refuses a codec that writes to a per-article file after it was complete', async () => {
    const bad: FormatCodec = { ...getCodec('jsonl'), layout: 'multi', article: (a) => [{ file: 'all.txt', text: a.text }] };
    await expect(collectZip(bad, articles, exportContext())).rejects.toThrow(/all\.txt after it was complete/);
  });
});
