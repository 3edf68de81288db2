import { promises as fsp, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableJsonFile, type DurableFs } from './durableJsonFile';
import { tempDir } from './testWorkspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** A file system that records calls and can "crash" (throw) at a chosen step. */
function recordingFs(crashAt?: 'rename' | 'sync') {
  const calls: string[] = [];
  const fs: DurableFs = {
    readFile: fsp.readFile,
    unlink: fsp.unlink,
    open: (async (file: string, flags: string) => {
      const handle = await fsp.open(file, flags);
      calls.push(`open ${path.basename(file)} ${flags}`);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        calls.push(`fsync ${path.basename(file)}`);
        if (crashAt === 'sync' && flags === 'w') throw new Error('simulated power cut during fsync');
        return sync();
      };
      return handle;
    }) as DurableFs['open'],
    rename: (async (from: string, to: string) => {
      calls.push(`rename ${path.basename(to)}`);
      if (crashAt === 'rename') throw new Error('simulated crash before rename');
      return fsp.rename(from, to);
    }) as DurableFs['rename'],
  };
  return { fs, calls };
}

describe('DurableJsonFile', () => {
  it('fsyncs the temp file, renames it into place, then fsyncs the directory', async () => {
    const file = path.join(tmp.dir, 'a.json');
    const { fs, calls } = recordingFs();
    await new DurableJsonFile(file, { fs }).write({ n: 1 });
    const kinds = calls.map((c) => c.split(' ')[0]);
    expect(kinds).toEqual(['open', 'fsync', 'rename', 'open', 'fsync']);
    expect(calls[2]).toBe('rename a.json');
    expect(calls[3]).toBe(`open ${path.basename(tmp.dir)} r`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ n: 1 });
  });

  it.each(['rename', 'sync'] as const)('a crash at %s leaves the previous file intact and no temp file', async (step) => {
    const file = path.join(tmp.dir, 'a.json');
    writeFileSync(file, JSON.stringify({ version: 'old' }));
    const { fs } = recordingFs(step);
    await expect(new DurableJsonFile(file, { fs }).write({ version: 'new' })).rejects.toThrow(/simulated/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 'old' });
    if (step === 'rename') expect(readdirSync(tmp.dir)).toEqual(['a.json']);
  });

  it('queues writes so the last one wins and none interleave', async () => {
    const file = path.join(tmp.dir, 'a.json');
    const db = new DurableJsonFile<{ n: number }>(file);
    await Promise.all(Array.from({ length: 10 }, (_, n) => db.write({ n })));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ n: 9 });
  });

  it('reports an unparsable file naming it, and does not modify it', async () => {
    const file = path.join(tmp.dir, 'broken.json');
    writeFileSync(file, '{"half": ');
    await expect(new DurableJsonFile(file).read()).rejects.toMatchObject({ code: 'corrupt_file', file, message: expect.stringContaining(file) });
    expect(readFileSync(file, 'utf8')).toBe('{"half": ');
  });

  it('reads a missing file as null (a new database)', async () => {
    expect(await new DurableJsonFile(path.join(tmp.dir, 'none.json')).read()).toBeNull();
  });
});
