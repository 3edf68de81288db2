/**
 * bin/convertV8.cjs: `convert`'s young generation stops growing at its cap (V8 alone doubles it
 * up to 16 MB a semi-space while objects survive), and a code cache made after the cap was
 * applied is still taken at the next start (V8 compares a cache's flags with the start's).
 * Each case runs in a process of its own: V8's flags are the process's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CONVERT_V8 = path.join(__dirname, 'convertV8.cjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'workbench-convert-v8-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A script that allocates what survives a while (what makes V8 grow its young generation),
 * yielding to the event loop between rounds as a conversion does between documents (the
 * observer of collections runs there), then runs `end` with `young`, the young generation's size.
 */
const churnThen = (end: string) => `
  const v8 = require('node:v8');
  const kept = [];
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  (async () => {
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 20000; i++) kept.push({ round, i, text: 'x'.repeat(i % 50) });
      if (kept.length > 200000) kept.splice(0, 100000);
      await turn();
    }
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    ${end}
  })();`;
const CAP = `require(${JSON.stringify(CONVERT_V8)}).YOUNG_SEMI_SPACE_CAP`;

const run = (script: string) => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));

describe('tuneV8ForConvert', () => {
  it("stops the young generation's growth at its cap, where V8 alone grows it past", () => {
    const report = `process.stdout.write(JSON.stringify({ young, cap: ${CAP} }));`;
    const alone = run(churnThen(report)) as { young: number; cap: number };
    const tuned = run(`require(${JSON.stringify(CONVERT_V8)}).tuneV8ForConvert();${churnThen(report)}`) as { young: number; cap: number };
    expect(alone.young).toBeGreaterThan(2 * alone.cap);
    expect(tuned.young).toBeLessThanOrEqual(2 * tuned.cap);
  });

  it('leaves the flags as at the start for a code cache made after the cap applied, so the next start takes it', () => {
    const cache = path.join(work, 'script.v8-cache');
    const start = `
      const { tuneV8ForConvert, v8FlagsAsAtStart } = require(${JSON.stringify(CONVERT_V8)});
      tuneV8ForConvert();
      const fs = require('node:fs'), vm = require('node:vm');
      const source = '(function () { let n = 0; for (let i = 0; i < 1000; i++) n += i; return n; })()';
      const cachedData = fs.existsSync(${JSON.stringify(cache)}) ? fs.readFileSync(${JSON.stringify(cache)}) : undefined;
      const script = new vm.Script(source, { cachedData });
      const taken = cachedData !== undefined && !script.cachedDataRejected;
      ${churnThen(`
        if (!taken) {
          v8FlagsAsAtStart();
          fs.writeFileSync(${JSON.stringify(cache)}, script.createCachedData());
        }
        process.stdout.write(JSON.stringify({ taken, capped: young <= 2 * ${CAP} }));`)}`;
    expect(run(start)).toEqual({ taken: false, capped: true });
    expect(run(start)).toEqual({ taken: true, capped: true });
  });
});
