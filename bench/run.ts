/**
 * `npm run bench`: every benchmark, printed as one table. Figures are never asserted and this
 * is not part of `npm test`.
 *   npm run bench                      all sections
 *   npm run bench -- --only browser    one section: node, browser, ipc, library, network, interchange, convert, agreement, teams, curation, soak or host
 *   npm run bench -- --only soak --seed 42   the crash soak replaying the choices of seed 42
 * The browser, ipc, library and curation sections need `npx vite build` and a Chromium ($CHROMIUM_PATH or /usr/bin/chromium);
 * ipc also `npm run build:electron`.
 */
import { parseArgs } from 'node:util';
import { benchBrowser } from './browserBench';
import { benchHost } from './hostBench';
import { benchIpc } from './ipcBench';
import { benchLibrary } from './libraryBench';
import { benchAgreement } from './agreementBench';
import { benchSoak } from './crashSoak';
import { benchTeams } from './teamsBench';
import { benchCuration } from './curationBench';
import { ConvertBenchSkipped, benchConvert } from './convertBench';
import { benchInterchange } from './interchangeBench';
import { benchNetworkDraw } from './networkDrawBench';
import { benchListWorkspace, benchPersistSpan, type Figure } from './nodeBench';

interface Section {
  id: 'node' | 'browser' | 'ipc' | 'library' | 'network' | 'interchange' | 'convert' | 'agreement' | 'teams' | 'curation' | 'soak' | 'host';
  title: string;
  run(args: { seed?: number }): Promise<Figure[]>;
}

/** The network benchmark belongs to shared/network; it may not exist in every checkout. */
async function networkFigures(): Promise<Figure[]> {
  // A computed specifier: the type-check must not depend on the module being there.
  const specifier = ['..', 'shared', 'network', 'benchmark'].join('/');
  let mod: { benchmarkNetwork?: () => Figure[] | Promise<Figure[]> };
  try {
    mod = await import(specifier);
  } catch (err) {
    throw new SkipSection(`shared/network/benchmark is not available (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof mod.benchmarkNetwork !== 'function') throw new SkipSection('shared/network/benchmark has no benchmarkNetwork()');
  return mod.benchmarkNetwork();
}

class SkipSection extends Error {}

const SECTIONS: Section[] = [
  { id: 'node', title: 'Service (Node)', run: async () => [...(await benchPersistSpan()), ...(await benchListWorkspace())] },
  { id: 'browser', title: 'Renderer (headless Chromium, browser host)', run: () => benchBrowser() },
  {
    id: 'ipc',
    title: 'Electron IPC: the same open through the shell stand-in beside the browser host; structured clone in Node',
    run: () => benchIpc(),
  },
  { id: 'library', title: 'The library with 100,000 articles (headless Chromium, browser host)', run: () => benchLibrary() },
  {
    id: 'network',
    title: 'Discourse networks (compute in Node, draw in headless Chromium)',
    run: async () => [...(await networkFigures()), ...(await benchNetworkDraw())],
  },
  { id: 'interchange', title: 'Import and export, 10,000 articles × 100 spans (Node, a child process per run)', run: () => benchInterchange() },
  {
    id: 'convert',
    title: 'workbench convert: 1,000 PolNeAR brat documents to doccano, against a 30-line Python converter (wall time with start-up)',
    run: () => benchConvert().catch((err) => Promise.reject(err instanceof ConvertBenchSkipped ? new SkipSection(err.message) : err)),
  },
  { id: 'agreement', title: 'Agreement: 1,000 articles × 3 annotators × 100 spans + 20 statements (Node)', run: () => benchAgreement() },
  {
    id: 'teams',
    title: 'Team work: 10 work packages of 1,000 articles × 100 spans + 20 statements collected, agreement, export-work (Node, a child process per command)',
    run: () => benchTeams(),
  },
  { id: 'curation', title: 'Curation view: 1 MB article with 3 annotator layers × 20,000 spans (headless Chromium, browser host)', run: () => benchCuration() },
  { id: 'host', title: 'Browser host: a 200 MB request body and one over the limit (the host in a child process)', run: () => benchHost() },
  {
    id: 'soak',
    title: 'Crash and race soak: 30 SIGKILLs of the host under 6 clients, 10 of `workbench import`',
    run: ({ seed }) => benchSoak({ seed }),
  },
];

function format(f: Figure): string {
  if (f.unit === '') return String(f.value); // a count
  const digits = f.unit === '×' ? 2 : Math.abs(f.value) >= 100 ? 0 : 1;
  const value = f.value.toFixed(digits);
  return f.unit === '×' ? `${value}×` : `${value} ${f.unit}`;
}

function printTable(rows: Array<{ section: string; name: string; goal: string; measured: string }>): void {
  const headers = { section: 'section', name: 'figure', goal: 'goal', measured: 'measured' };
  const cols = ['section', 'name', 'goal', 'measured'] as const;
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(headers[c].length, ...rows.map((r) => r[c].length))]));
  const line = (r: Record<(typeof cols)[number], string>) => `| ${cols.map((c) => r[c].padEnd(width[c])).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${cols.map((c) => '-'.repeat(width[c] + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, seed: { type: 'string' } } });
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed takes an integer; got "${values.seed}"`);
  const wanted = values.only?.length ? SECTIONS.filter((s) => values.only!.includes(s.id)) : SECTIONS;
  if (!wanted.length) throw new Error(`--only takes ${SECTIONS.map((s) => s.id).join(', ')}`);
  const rows: Array<{ section: string; name: string; goal: string; measured: string }> = [];
  let failed = false;
  for (const section of wanted) {
    const started = performance.now();
    process.stdout.write(`${section.title} ... `);
    try {
      const figures = await section.run({ seed });
      console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      for (const f of figures) rows.push({ section: section.id, name: f.name, goal: f.goal ?? '', measured: format(f) });
    } catch (err) {
      if (err instanceof SkipSection) console.log(`skipped: ${err.message}`);
      else {
        failed = true;
        console.log(`failed: ${(err as Error).message}`);
      }
    }
  }
  console.log('');
  printTable(rows);
  if (failed) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
