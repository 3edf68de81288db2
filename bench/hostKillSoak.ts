/**
 * Crash soak of the browser host (issue 9): concurrent clients edit, create and delete
 * articles over HTTP while the host is SIGKILLed at a random moment; the host is restarted on
 * the same workspace and everything it acknowledged (a response with ok:true) is checked.
 *
 * Each client only updates or removes spans it added and only deletes articles it created, so
 * the acknowledged state of every span and article is known exactly; what a client had in flight
 * when the host died may have landed or not, and whichever the restarted host shows is adopted.
 * Clients still race each other on the shared articles and on the library (an edit of one
 * article while another is created or deleted: the index race of item 1), and now and then add
 * a batch of 4,000 spans whose journal line is over 512 KiB (the torn line of item 2).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { ApiResult, OperationInput, OperationName, OperationOutput } from '../shared/api/contract';
import { HOST_API_PREFIX, HOST_TOKEN_HEADER } from '../shared/api/bridge';
import type { Edit } from '../shared/domain/edits';
import { nowIso, type Article } from '../shared/domain/model';
import { openWorkspace } from '../electron/service/workspace';
import { REPO_DATA_DIR, REPO_ROOT } from '../electron/service/repoPaths';
import { prng } from './corpus';
import { leftoverFiles, randomInt } from './soakTools';

export interface HostSoakOptions {
  seed: number;
  kills: number;
  clients: number;
  /** The host is killed this long after the clients start (uniformly within). */
  killAfterMs: [number, number];
  /** Spans in a large batch (a journal line over 512 KiB). */
  bigBatch: number;
}

export interface HostSoakReport {
  kills: number;
  restarts: number;
  /** Milliseconds from the kill until the restarted host answered (start, lock takeover, reopen). */
  restartMs: number[];
  /** Milliseconds spent checking after each restart. */
  verifyMs: number[];
  ackedEdits: number;
  ackedSpanChanges: number;
  ackedCreates: number;
  ackedDeletes: number;
  bigBatchesAcked: number;
  inFlightAtKill: number;
  editsLost: number;
  articlesLost: number;
  articlesDuplicated: number;
  articlesResurrected: number;
  corruptArticles: number;
  unknownArticles: number;
  tornBatches: number;
  /** Spans present that no client added (an edit applied to the wrong article, say). */
  phantomSpans: number;
  leftoverFiles: string[];
  /** One line per finding, naming the round, the operation, the article and the span. */
  findings: string[];
}

const LABELS = ['actor', 'stance', 'claim'];
const WORDS = 'the minister said on tuesday that talks with the delegation would resume next week despite objections from the opposition'.split(' ');

/** ASCII text (so any offset is a valid span boundary). */
function asciiText(rand: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${WORDS[Math.floor(rand() * WORDS.length)]} `;
  return text.slice(0, chars);
}

// ---- the host, started and killed as a child process ----

interface Host {
  child: ChildProcess;
  origin: string;
  token: string;
}

async function startHost(dir: string): Promise<Host> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host/preview.ts', '--workspace', dir, '--port', '0', '--no-seed'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (t: string) => void (stderr += t));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`the host exited (${signal ?? code}) before it was ready:\n${stderr}`))));
  const ready = (async () => {
    for await (const line of readline.createInterface({ input: child.stdout! })) {
      const m = /Workbench ready at (http:\/\/\S+)/.exec(line);
      if (m) return new URL(m[1]);
    }
    throw new Error(`the host closed its output before it was ready:\n${stderr}`);
  })();
  const url = await Promise.race([ready, exited]);
  child.stdout!.resume(); // keep draining, so the host never blocks on a full pipe
  return { child, origin: url.origin, token: url.searchParams.get('token') ?? '' };
}

function killHost(host: Host): Promise<void> {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return Promise.resolve();
  const gone = new Promise<void>((resolve) => host.child.once('exit', () => resolve()));
  host.child.kill('SIGKILL');
  return gone;
}

/** The host's envelope; throws only when no answer came (the host died): then the operation is in flight, not refused. */
async function call<K extends OperationName>(host: Host, name: K, input: OperationInput<K>, timeoutMs?: number): Promise<ApiResult<OperationOutput<K>>> {
  const response = await fetch(host.origin + HOST_API_PREFIX + name, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: host.token },
    body: JSON.stringify(input),
    ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
  });
  return (await response.json()) as ApiResult<OperationOutput<K>>;
}

// ---- what was acknowledged ----

/** A span as the soak set it: absent (null) or present with these fields. */
type SpanState = { articleId: string; start: number; end: number; labelId: string; note: string } | null;

interface SpanTrack {
  acked: SpanState;
  /** How the acknowledged state came about (for a finding). */
  ackedBy: string;
  /** The state an operation in flight at the kill would leave. */
  pending?: SpanState;
  pendingBy?: string;
}

interface ArticleTrack {
  id: string | null;
  title: string;
  owner: number;
  /** 'live' acknowledged; 'creating'/'deleting' in flight at a kill; 'deleted' acknowledged. */
  state: 'live' | 'creating' | 'deleting' | 'deleted';
  ackedBy: string;
}

class Model {
  readonly spans = new Map<string, SpanTrack>();
  readonly articles: ArticleTrack[] = [];
  /** Spans of each client's big batch, while acknowledged present. */
  readonly bigBatch = new Map<number, string[]>();
  stats = { ackedEdits: 0, ackedSpanChanges: 0, ackedCreates: 0, ackedDeletes: 0, bigBatchesAcked: 0, inFlightAtKill: 0 };
  constructor(readonly sharedIds: string[]) {}

  liveArticleIds(owner: number): string[] {
    return [...this.sharedIds, ...this.articles.filter((a) => a.owner === owner && a.state === 'live').map((a) => a.id!)];
  }
}

// ---- one client: random operations until the host dies ----

async function runClient(host: Host, model: Model, client: number, round: number, rand: () => number, options: HostSoakOptions): Promise<void> {
  let n = 0;
  const bigArticle = `big${client}`;
  for (;;) {
    const r = rand();
    const tag = `round ${round}, client ${client}`;
    const ownSpans = [...model.spans.entries()].filter(([id, t]) => id.startsWith(`c${client}-`) && t.acked && !t.pending && !id.includes('-big'));
    const ownArticles = model.articles.filter((a) => a.owner === client && a.state === 'live');
    let edits: Edit[];
    let articleId = '';
    let effect: Array<[string, SpanState]> = [];
    let what: string;
    if (r < 0.03) {
      // A big batch into the client's own big article: add 4,000 spans, or remove the ones added.
      articleId = bigArticle;
      const present = model.bigBatch.get(client);
      if (present) {
        edits = present.map((id) => ({ type: 'removeSpan', id }));
        effect = present.map((id) => [id, null]);
        what = `removeSpan ×${present.length}`;
      } else {
        const now = nowIso();
        const ids = Array.from({ length: options.bigBatch }, (_, i) => `c${client}-big-r${round}n${n}-${i}`);
        edits = ids.map((id, i) => {
          const start = (i * 7) % 9000;
          return { type: 'addSpan', span: { id, labelId: LABELS[i % 3], start, end: start + 5, annotator: `soak-${client}`, createdAt: now, updatedAt: now, note: 'big batch' } };
        });
        effect = ids.map((id, i) => [id, { articleId, start: (i * 7) % 9000, end: ((i * 7) % 9000) + 5, labelId: LABELS[i % 3], note: 'big batch' }]);
        what = `addSpan ×${ids.length}`;
      }
    } else if (r < 0.1) {
      const title = `soak c${client} r${round} #${n}`;
      const track: ArticleTrack = { id: null, title, owner: client, state: 'creating', ackedBy: `${tag}: createArticle "${title}"` };
      model.articles.push(track);
      const result = await call(host, 'createArticle', { title, text: asciiText(rand, 2000) }).catch(() => null);
      if (!result) return void model.stats.inFlightAtKill++;
      if (result.ok) {
        Object.assign(track, { id: result.value.id, state: 'live' });
        model.stats.ackedCreates++;
      } else model.articles.splice(model.articles.indexOf(track), 1);
      n++;
      continue;
    } else if (r < 0.15 && ownArticles.length) {
      const track = ownArticles[Math.floor(rand() * ownArticles.length)];
      track.state = 'deleting';
      const result = await call(host, 'deleteArticle', { id: track.id! }).catch(() => null);
      if (!result) return void model.stats.inFlightAtKill++;
      if (result.ok) {
        Object.assign(track, { state: 'deleted', ackedBy: `${tag}: deleteArticle ${track.id}` });
        model.stats.ackedDeletes++;
        for (const [id, t] of model.spans) if (t.acked?.articleId === track.id) model.spans.delete(id);
      } else {
        track.state = 'live';
        console.log(`  ${tag}: deleteArticle ${track.id} refused: ${result.error.message}`);
      }
      n++;
      continue;
    } else if (r < 0.35 && ownSpans.length) {
      const [id, t] = ownSpans[Math.floor(rand() * ownSpans.length)];
      articleId = t.acked!.articleId;
      const labelId = LABELS[Math.floor(rand() * 3)];
      const note = `note r${round}n${n}`;
      edits = [{ type: 'updateSpan', id, patch: { labelId, note, updatedAt: nowIso() } }];
      effect = [[id, { ...t.acked!, labelId, note }]];
      what = `updateSpan ${id}`;
    } else if (r < 0.5 && ownSpans.length) {
      const [id, t] = ownSpans[Math.floor(rand() * ownSpans.length)];
      articleId = t.acked!.articleId;
      edits = [{ type: 'removeSpan', id }];
      effect = [[id, null]];
      what = `removeSpan ${id}`;
    } else {
      const pool = model.liveArticleIds(client);
      articleId = pool[Math.floor(rand() * pool.length)];
      const count = randomInt(rand, 1, 3);
      const now = nowIso();
      edits = [];
      for (let i = 0; i < count; i++) {
        const id = `c${client}-r${round}n${n}-${i}`;
        const start = randomInt(rand, 0, 1900);
        const end = start + randomInt(rand, 1, 60);
        const labelId = LABELS[Math.floor(rand() * 3)];
        edits.push({ type: 'addSpan', span: { id, labelId, start, end, annotator: `soak-${client}`, createdAt: now, updatedAt: now } });
        effect.push([id, { articleId, start, end, labelId, note: '' }]);
      }
      what = `addSpan ${effect.map(([id]) => id).join(', ')}`;
    }
    n++;
    for (const [id, state] of effect) {
      const t = model.spans.get(id) ?? { acked: null, ackedBy: 'never added' };
      model.spans.set(id, { ...t, pending: state, pendingBy: `${tag}: ${what} in ${articleId}` });
    }
    const result = await call(host, 'editArticle', { articleId, edits }).catch(() => null);
    if (!result) return void model.stats.inFlightAtKill++;
    for (const [id, state] of effect) {
      const t = model.spans.get(id)!;
      if (result.ok) model.spans.set(id, { acked: state, ackedBy: t.pendingBy! });
      else if (t.acked === null && t.ackedBy === 'never added') model.spans.delete(id);
      else model.spans.set(id, { acked: t.acked, ackedBy: t.ackedBy });
    }
    if (result.ok) {
      model.stats.ackedEdits++;
      model.stats.ackedSpanChanges += effect.length;
      if (articleId === bigArticle) {
        model.stats.bigBatchesAcked++;
        if (model.bigBatch.has(client)) model.bigBatch.delete(client);
        else model.bigBatch.set(client, effect.map(([id]) => id));
      }
    } else if (result.error.code !== 'not_found') console.log(`  ${tag}: ${what} in ${articleId} refused: ${result.error.code}: ${result.error.message}`);
  }
}

// ---- after a restart: is everything acknowledged there, and nothing else? ----

const describeSpan = (s: SpanState) => (s ? `${s.labelId} ${s.start}-${s.end}${s.note ? ` "${s.note}"` : ''}` : 'absent');

async function verify(host: Host, model: Model, round: number, report: HostSoakReport, dir: string): Promise<void> {
  const find = (line: string) => report.findings.push(`round ${round}: ${line}`);
  const listed = await call(host, 'listArticles', {}, 60_000);
  if (!listed.ok) throw new Error(`listArticles failed after restart: ${listed.error.message}`);
  const summaries = listed.value;
  const byId = new Map<string, (typeof summaries)[number]>();
  for (const s of summaries) {
    if (byId.has(s.id)) {
      report.articlesDuplicated++;
      find(`article ${s.id} ("${s.title}") is listed twice`);
    }
    byId.set(s.id, s);
  }
  for (const s of summaries)
    if (s.error) {
      report.corruptArticles++;
      find(`article ${s.id} ("${s.title}") is unreadable: ${s.error}`);
    }
  const known = new Set(model.sharedIds);
  for (const a of model.articles) {
    if (a.state === 'creating') {
      const found = summaries.filter((s) => s.title === a.title);
      if (found.length > 1) {
        report.articlesDuplicated += found.length - 1;
        find(`the create in flight of "${a.title}" is listed ${found.length} times`);
      }
      if (found.length) Object.assign(a, { id: found[0].id, state: 'live', ackedBy: `${a.ackedBy} (in flight, landed)` });
      else a.state = 'deleted';
    } else if (a.state === 'deleting') {
      Object.assign(a, byId.has(a.id!) ? { state: 'live' } : { state: 'deleted', ackedBy: `deleteArticle ${a.id} (in flight, landed)` });
    } else if (a.state === 'live' && !byId.has(a.id!)) {
      report.articlesLost++;
      find(`article ${a.id} ("${a.title}", acknowledged by ${a.ackedBy}) vanished`);
      a.state = 'deleted';
    } else if (a.state === 'deleted' && a.id && byId.has(a.id)) {
      report.articlesResurrected++;
      find(`article ${a.id} ("${a.title}") is back although ${a.ackedBy} was acknowledged`);
    }
    if (a.id) known.add(a.id);
  }
  for (const id of model.sharedIds)
    if (!byId.has(id)) {
      report.articlesLost++;
      find(`shared article ${id} vanished`);
    }
  for (const s of summaries)
    if (!known.has(s.id)) {
      report.unknownArticles++;
      find(`article ${s.id} ("${s.title}") is listed but was never created`);
    }
  for (const [id, t] of model.spans) {
    // A span of an article deleted while its edit was in flight went with the article.
    const articleId = t.acked?.articleId ?? t.pending?.articleId;
    if (articleId && model.articles.some((a) => a.id === articleId && a.state === 'deleted')) model.spans.delete(id);
  }

  // Spans: every acknowledged change there, exactly; what was in flight either way.
  const spansOf = new Map<string, Map<string, SpanTrack & { id: string }>>();
  for (const [id, t] of model.spans) {
    const articleId = t.acked?.articleId ?? t.pending?.articleId;
    if (!articleId) continue;
    if (!spansOf.has(articleId)) spansOf.set(articleId, new Map());
    spansOf.get(articleId)!.set(id, { ...t, id });
  }
  const resolved = new Map<string, SpanState>();
  for (const s of summaries) {
    if (s.error) continue;
    const got = await call(host, 'getArticle', { id: s.id }, 60_000);
    if (!got.ok) {
      report.corruptArticles++;
      find(`article ${s.id} cannot be read: ${got.error.code}: ${got.error.message}`);
      continue;
    }
    const article: Article = got.value;
    const tracked = spansOf.get(s.id) ?? new Map();
    const onDisk = new Map(article.spans.map((sp) => [sp.id, sp]));
    for (const sp of article.spans)
      if (!model.spans.has(sp.id) && ++report.phantomSpans) find(`span ${sp.id} in ${s.id} was never added (or its article's edits were misplaced)`);
    for (const t of tracked.values()) {
      const sp = onDisk.get(t.id);
      const actual: SpanState = sp ? { articleId: s.id, start: sp.start, end: sp.end, labelId: sp.labelId, note: sp.note ?? '' } : null;
      const same = (x: SpanState | undefined) => JSON.stringify(x) === JSON.stringify(actual);
      if (!same(t.acked) && !(t.pending !== undefined && same(t.pending))) {
        report.editsLost++;
        find(`span ${t.id} in ${s.id}: expected ${describeSpan(t.acked)} (acknowledged: ${t.ackedBy}), found ${describeSpan(actual)}`);
      }
      resolved.set(t.id, actual);
    }
  }
  // Big batches land whole or not at all.
  const batches = new Map<string, number[]>();
  for (const [id, t] of model.spans) {
    const m = /^(c\d+-big-r\d+n\d+)-\d+$/.exec(id);
    if (!m || t.pending === undefined) continue;
    const counts = batches.get(m[1]) ?? [0, 0];
    counts[resolved.get(id) ? 0 : 1]++;
    batches.set(m[1], counts);
  }
  for (const [batch, [present, absent]] of batches)
    if (present && absent) {
      report.tornBatches++;
      find(`the batch ${batch} in flight landed in part: ${present} spans present, ${absent} absent`);
    }
  // Adopt what the restarted host shows for what was in flight.
  for (const [id, t] of model.spans) {
    if (t.pending === undefined) continue;
    const actual = resolved.get(id) ?? null;
    if (actual) model.spans.set(id, { acked: actual, ackedBy: `${t.pendingBy} (in flight, landed)` });
    else model.spans.delete(id);
  }
  for (const [client, ids] of model.bigBatch) if (!ids.every((id) => model.spans.get(id)?.acked)) model.bigBatch.delete(client);
  // A batch whose add was in flight and landed is the client's present batch now.
  for (const [id, t] of model.spans) {
    const m = /^c(\d+)-big-(r\d+n\d+)-\d+$/.exec(id);
    if (m && t.acked && !model.bigBatch.has(Number(m[1]))) {
      const prefix = `c${m[1]}-big-${m[2]}-`;
      model.bigBatch.set(Number(m[1]), [...model.spans].filter(([k, s]) => k.startsWith(prefix) && s.acked).map(([k]) => k));
    }
  }
  for (const f of leftoverFiles(dir, new Set(summaries.map((s) => s.id)))) if (!report.leftoverFiles.includes(f)) report.leftoverFiles.push(f);
}

// ---- the soak ----

export async function soakHostKills(options: HostSoakOptions): Promise<HostSoakReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soak-host-'));
  const rand = prng(options.seed);
  const report: HostSoakReport = {
    kills: 0,
    restarts: 0,
    restartMs: [],
    verifyMs: [],
    ackedEdits: 0,
    ackedSpanChanges: 0,
    ackedCreates: 0,
    ackedDeletes: 0,
    bigBatchesAcked: 0,
    inFlightAtKill: 0,
    editsLost: 0,
    articlesLost: 0,
    articlesDuplicated: 0,
    articlesResurrected: 0,
    corruptArticles: 0,
    unknownArticles: 0,
    tornBatches: 0,
    phantomSpans: 0,
    leftoverFiles: [],
    findings: [],
  };
  const shared = Array.from({ length: 6 }, (_, i) => `shared${i}`);
  const bigs = Array.from({ length: options.clients }, (_, c) => `big${c}`);
  const now = nowIso();
  const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: false, appName: 'crash soak' });
  await session.store.addArticles(
    [...shared, ...bigs].map((id) => ({ id, title: `Soak ${id}`, status: 'in_progress', createdAt: now, updatedAt: now, text: asciiText(rand, id.startsWith('big') ? 10_000 : 2_000), spans: [], statements: [] })),
  );
  await session.close();
  const model = new Model(shared);
  model.articles.push(...bigs.map((id, owner): ArticleTrack => ({ id, title: `Soak ${id}`, owner: -1 - owner, state: 'live', ackedBy: 'setup' })));
  let host = await startHost(dir);
  try {
    for (let round = 1; round <= options.kills; round++) {
      const clients = Array.from({ length: options.clients }, (_, c) => runClient(host, model, c, round, prng(options.seed * 1000 + round * 10 + c), options));
      await new Promise((r) => setTimeout(r, randomInt(rand, ...options.killAfterMs)));
      const killedAt = performance.now();
      await killHost(host);
      report.kills++;
      await Promise.all(clients);
      host = await startHost(dir);
      report.restarts++;
      const verifyFrom = performance.now();
      report.restartMs.push(verifyFrom - killedAt);
      await verify(host, model, round, report, dir);
      report.verifyMs.push(performance.now() - verifyFrom);
      process.stdout.write(round % 10 === 0 ? `${round}` : '.');
    }
  } finally {
    await killHost(host);
    Object.assign(report, model.stats);
    if (!report.findings.length) rmSync(dir, { recursive: true, force: true });
    else report.findings.push(`the workspace is kept for inspection: ${dir}`);
  }
  return report;
}
