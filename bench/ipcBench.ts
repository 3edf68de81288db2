/**
 * IPC benchmarks: what the Electron shell's IPC adds to opening the browser bench's article
 * (1 MB of text, 20,000 spans; browserBench.ts), measured without an Electron binary.
 *  - Open time through the `shell` stand-in (e2e/shell/: the built dist-electron/main.cjs in a
 *    Node child, the real preload in Chromium, each call structured-cloned in the page and
 *    v8-serialised to the main process and back), beside the same open through the browser
 *    host (HTTP). Both run at once on copies of one workspace, opens interleaved so the
 *    machine's load hits them alike; the same click → last paragraph + a frame as browserBench.
 *  - In Node, the hand-over of the getArticle result (the ApiResult envelope around the article)
 *    in both forms, step by step: packed as the IPC handler sends it to the renderer (packReply,
 *    v8.serialize, v8.deserialize, unpackJson) and plain (v8.serialize + v8.deserialize, a
 *    structured clone as Electron's IPC makes it), with the serialised sizes and the page's share.
 * The stand-in's hop (Node IPC to the child, a Playwright binding into the page) is not
 * Electron's, so the shell figure is an upper bound of Electron's, not a measurement of it; the
 * call alone is timed from the page and, without the page's hop, from Node.
 * Needs `npx vite build`, `npm run build:electron` and a Chromium (see e2e/chromium.ts).
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Browser, Page } from 'playwright-core';
import { openWorkspace } from '../electron/service/workspace';
import { REPO_DATA_DIR, RENDERER_DIST_DIR } from '../electron/service/repoPaths';
import { ipcChannel } from '../shared/api/operations';
import { PACKED_REPLY, packedOf, packReply, unpackJson, type PackedReply } from '../shared/api/packedJson';
import { HostProcess } from '../e2e/hostProcess';
import { ShellProcess, SHELL_MAIN } from '../e2e/shell/shellProcess';
import { routeIpc, WindowPage } from '../e2e/shell/shellWindow';
import { benchPage, launchBrowser, openBenchArticles, timeOpen, watchBenchPage, WITH_SPANS, WITHOUT_SPANS, writeBenchWorkspace } from './browserBench';
import { median, type Figure } from './nodeBench';

export interface IpcBenchOptions {
  textBytes?: number;
  spanCount?: number;
  /** Opens measured per article and target (after one warm-up each). */
  openRuns?: number;
  /** Hand-overs measured per form (pack, v8 serialize/deserialize, unpack). */
  cloneRuns?: number;
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Medians of one IPC hand-over's steps, ms, and the serialised size. */
interface HandOver {
  pack: number;
  serialize: number;
  deserialize: number;
  unpack: number;
  bytes: number;
}

/**
 * The hand-over of `result` from the IPC handler to the page: packed or not (`pack`/`unpack`
 * the identity), then v8.serialize in the main process and v8.deserialize in the page, which is
 * what Electron's IPC does to a reply. Forms alternate run by run, so load drift hits both alike.
 */
function timeHandOvers(result: unknown, runs: number): { plain: HandOver; packed: HandOver } {
  const forms = {
    plain: { pack: (v: unknown) => v, unpack: (v: unknown) => v },
    packed: { pack: packReply, unpack: (v: unknown) => unpackJson(packedOf(v as PackedReply)) },
  };
  const samples = { plain: [] as number[][], packed: [] as number[][] };
  const bytes = { plain: 0, packed: 0 };
  // One warm-up round, left out.
  for (let run = -1; run < runs; run++) {
    for (const name of ['plain', 'packed'] as const) {
      const form = forms[name];
      // Start each from a collected heap, as the app opens one article at a time: the other
      // form's garbage is not charged to this one's first step.
      collectGarbage();
      const t0 = performance.now();
      const reply = form.pack(result);
      const t1 = performance.now();
      const buffer = v8.serialize(reply);
      const t2 = performance.now();
      const received: unknown = v8.deserialize(buffer);
      const t3 = performance.now();
      form.unpack(received);
      const t4 = performance.now();
      bytes[name] = buffer.length;
      if (run >= 0) samples[name].push([t1 - t0, t2 - t1, t3 - t2, t4 - t3]);
    }
  }
  const medians = (name: 'plain' | 'packed'): HandOver => {
    const step = (i: number) => median(samples[name].map((s) => s[i]));
    return { pack: step(0), serialize: step(1), deserialize: step(2), unpack: step(3), bytes: bytes[name] };
  };
  return { plain: medians('plain'), packed: medians('packed') };
}

const total = (h: HandOver) => h.pack + h.serialize + h.deserialize + h.unpack;
const steps = (h: HandOver) =>
  `pack ${h.pack.toFixed(1)} + serialize ${h.serialize.toFixed(1)} + deserialize ${h.deserialize.toFixed(1)} + unpack ${h.unpack.toFixed(1)} ms, ${(h.bytes / 1e6).toFixed(2)} MB`;

/** ms for one `workbenchBridge.getArticle` call made in the page, as the renderer makes it (packed reply, not unpacked). */
function timeBridgeCall(page: Page, id: string): Promise<number> {
  return page.evaluate(
    async ({ id, form }) => {
      const bridge = (window as unknown as { workbenchBridge: { getArticle(input: { id: string }, form: string): Promise<unknown> } }).workbenchBridge;
      const t0 = performance.now();
      const reply = await bridge.getArticle({ id }, form);
      if (typeof reply !== 'object' || reply === null || !('$packed' in reply)) throw new Error('getArticle did not answer packed');
      return performance.now() - t0;
    },
    { id, form: PACKED_REPLY },
  );
}

/** The stand-in shell on `dir`, its window shown in a page of `browser` ready for the bench. */
async function startShell(
  browser: Browser,
  tmp: string,
  dir: string,
): Promise<{ shell: ShellProcess; page: Page; url: string; windowUrl: string; pageErrors: string[] }> {
  const shell = ShellProcess.start({
    args: ['--workspace', dir],
    appData: mkdtempSync(path.join(tmp, 'appdata-')),
    userData: mkdtempSync(path.join(tmp, 'userdata-')),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await routeIpc(context, () => shell);
  const windowPage = await WindowPage.create(context);
  const pageErrors = await watchBenchPage(windowPage.page);
  const window = await shell.firstWindow();
  await windowPage.show(shell, window);
  return { shell, page: windowPage.page, url: window.loopbackUrl, windowUrl: window.url, pageErrors };
}

export async function benchIpc(options: IpcBenchOptions = {}): Promise<Figure[]> {
  const textBytes = options.textBytes ?? 1_000_000;
  const spanCount = options.spanCount ?? 20_000;
  const openRuns = Math.max(3, options.openRuns ?? 5);
  const cloneRuns = options.cloneRuns ?? 20;
  if (!existsSync(path.join(RENDERER_DIST_DIR, 'index.html'))) throw new Error('the renderer is not built: run `npx vite build` first');
  if (!existsSync(SHELL_MAIN)) throw new Error('the Electron shell is not built: run `npm run build:electron` first');

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-ipc-'));
  const shellDir = path.join(tmp, 'shell-workspace');
  const hostDir = path.join(tmp, 'host-workspace');
  let shell: ShellProcess | null = null;
  let host: HostProcess | null = null;
  let browser: Browser | null = null;
  try {
    const { withSpans, withoutSpans, lastParagraph } = openBenchArticles(textBytes, spanCount);
    await writeBenchWorkspace(shellDir, [withSpans, withoutSpans]);
    // Each process locks its workspace: the host gets a copy.
    cpSync(shellDir, hostDir, { recursive: true });

    // The result as the getArticle IPC handler returns it: dispatch's envelope around the article.
    const session = await openWorkspace({ dir: shellDir, dataDir: REPO_DATA_DIR, seed: false, appName: 'ipc benchmark' });
    const result = await session.dispatch('getArticle', { id: withSpans.id });
    await session.close();
    if (!result.ok) throw new Error(`getArticle failed: ${result.error.message}`);
    const handOver = timeHandOvers(result, cloneRuns);

    browser = await launchBrowser();
    const started = await startShell(browser, tmp, shellDir);
    shell = started.shell;
    host = await HostProcess.start(hostDir, false);
    const hosted = await benchPage(browser);
    const opens = (): Record<string, number[]> => ({ [WITH_SPANS]: [], [WITHOUT_SPANS]: [] });
    const targets = [
      { page: started.page, url: started.url, opens: opens() },
      { page: hosted.page, url: host.url, opens: opens() },
    ];
    // One warm-up round, left out.
    for (let run = -1; run < openRuns; run++) {
      for (const target of targets) {
        for (const title of [WITHOUT_SPANS, WITH_SPANS]) {
          const ms = await timeOpen(target.page, target.url, title, lastParagraph);
          if (run >= 0) target.opens[title].push(ms);
        }
      }
    }
    // The call alone, page → main process → page: how much of the open is the stand-in's hop.
    const calls: number[] = [];
    for (let run = 0; run < 3; run++) calls.push(await timeBridgeCall(started.page, withSpans.id));
    // The same call from Node, as the main window's frame: the main process's handler and the
    // v8 serialisation both ways between two processes, as in Electron, without the page's hop.
    const invokes: number[] = [];
    for (let run = -1; run < 5; run++) {
      const t0 = performance.now();
      const reply = await shell.invoke(ipcChannel('getArticle'), started.windowUrl, [{ id: withSpans.id }, PACKED_REPLY]);
      if (!(unpackJson(packedOf(reply as PackedReply)) as { ok: boolean }).ok) throw new Error('getArticle through the stand-in failed');
      if (run >= 0) invokes.push(performance.now() - t0);
    }
    const errors = [...started.pageErrors, ...hosted.pageErrors];
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);

    const [ipc, http] = targets.map((t) => ({ with: median(t.opens[WITH_SPANS]), without: median(t.opens[WITHOUT_SPANS]) }));
    const size = `${Math.round(textBytes / 1000)} kB, ${spanCount.toLocaleString('en')} spans`;
    return [
      { name: `open article with spans (${size}) through IPC (shell stand-in): median of ${openRuns}`, value: ipc.with, unit: 'ms' },
      { name: 'the same through the browser host (HTTP), at the same time', value: http.with, unit: 'ms' },
      { name: 'open time ratio with spans / without, through IPC', value: ipc.with / ipc.without, unit: '×', goal: '≤ 2' },
      { name: 'open time ratio with spans / without, through the browser host', value: http.with / http.without, unit: '×', goal: '≤ 2' },
      { name: 'getArticle called from the page through the stand-in (bridge → main → page, packed), median of 3', value: median(calls), unit: 'ms' },
      { name: 'getArticle from Node to the main process and back (v8 serialisation between processes, packed and unpacked), median of 5', value: median(invokes), unit: 'ms' },
      { name: `getArticle hand-over (${size}), packed as IPC sends it now: ${steps(handOver.packed)}; medians of ${cloneRuns}`, value: total(handOver.packed), unit: 'ms' },
      { name: `the same plain (structured clone of the result): ${steps(handOver.plain)}`, value: total(handOver.plain), unit: 'ms' },
      { name: 'what the page pays of it (deserialize + unpack): packed', value: handOver.packed.deserialize + handOver.packed.unpack, unit: 'ms' },
      { name: 'what the page pays of it (deserialize): plain', value: handOver.plain.deserialize, unit: 'ms' },
    ];
  } finally {
    await browser?.close();
    await shell?.close();
    await host?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
