/**
 * `workbench import` and bad records: a bad span refuses the import naming the file and line;
 * with --skip-bad-records the rest is imported and every skip is reported on stderr.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../service/testWorkspace';
import { runWorkbenchInProcess as run } from './cliTestHelpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('workbench-badrecords-');
});
afterEach(() => tmp.cleanup());

// Line 2 has a reversed span (id 2) that the statement of its relation uses; line 3 is fine.
const DOCCANO = [
  { text: 'Khaji denounced the presence', entities: [{ id: 1, label: 'Actor', start_offset: 0, end_offset: 5 }] },
  {
    text: 'خاجی حضور آمریکا را محکوم کرد',
    entities: [
      { id: 1, label: 'Actor', start_offset: 0, end_offset: 4 },
      { id: 2, label: 'Claim', start_offset: 16, end_offset: 5 },
    ],
    relations: [{ id: 1, from_id: 1, to_id: 2, type: 'oppose' }],
  },
  { text: 'Kishida 👍 the plan', entities: [{ id: 1, label: 'Actor', start_offset: 0, end_offset: 7 }] },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

describe('workbench import of a doccano file with a reversed span', () => {
  it('exits non-zero naming the file and line, and creates no workspace', async () => {
    writeFileSync(path.join(tmp.dir, 'bad.jsonl'), DOCCANO);
    const r = await run(['import', '--workspace', 'ws', '--format', 'doccano', 'bad.jsonl'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: \S*bad\.jsonl \(line 2, \$\.entities\[1\]\): span 2 is reversed \(end 5 before start 16, in UTF-16 units\)\n$/);
    expect(existsSync(path.join(tmp.dir, 'ws'))).toBe(false);
  });

  it('with --skip-bad-records imports the rest and reports the skipped span and the statement dropped with it', async () => {
    writeFileSync(path.join(tmp.dir, 'bad.jsonl'), DOCCANO);
    const r = await run(['import', '--workspace', 'ws', '--format', 'doccano', '--skip-bad-records', 'bad.jsonl'], tmp.dir);
    expect(r.stderr).toContain('warning: skipped (bad record): ');
    expect(r.stderr).toMatch(/warning: skipped \(bad record\): \S*bad\.jsonl \(line 2, \$\.entities\[1\]\): span 2 is reversed \(end 5 before start 16, in UTF-16 units\)\n/);
    expect(r.stderr).toMatch(/warning: skipped: \S*bad\.jsonl \(line 2, \$\.relations\): the statement 1 → 2 was dropped: its claim span 2 was skipped\n/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 3 articles \(3 spans, 0 statements\)/);
  });
});
