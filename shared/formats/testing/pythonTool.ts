/**
 * Test-only access to real Python tools (nltk, networkx) so an export is read by the tool's own
 * parser, not only by a TypeScript port of it. `.ci/run` installs Debian's python3-nltk and
 * python3-networkx; where Python or the module is absent, the suites are skipped with a visible
 * message, like the corpus suites (`corpora.ts`).
 *
 * Node's child_process is handed in by the test file (`pythonAccess(childProcess, process.env)`),
 * so this helper stays free of Node imports like the rest of shared/.
 */
import { describe, it } from 'vitest';

/** The part of `node:child_process` the helper uses. */
export interface PythonSpawner {
  spawnSync(
    command: string,
    args: string[],
    options: { input?: string; encoding: 'utf8'; maxBuffer: number; timeout?: number },
  ): { status: number | null; stdout: string; stderr: string; error?: Error };
}

/** An interpreter that imports the modules, with their `__version__`s. */
export interface PythonTool {
  python: string;
  versions: Record<string, string>;
}

export function pythonAccess(cp: PythonSpawner, env: Record<string, string | undefined>) {
  // `python3` first (what a user runs); then Debian's own interpreter, which is where apt puts
  // python3-nltk when `python3` is another one (pyenv, a virtualenv). WB_PYTHON, when set, is the
  // only one tried (WB_PYTHON=none shows the skip messages).
  const candidates = env.WB_PYTHON ? [env.WB_PYTHON] : ['python3', '/usr/bin/python3'];

  /** Every candidate that imports the modules (in order), or why none does. */
  const findPythons = (modules: string[]): PythonTool[] | { missing: string } => {
    // The real path of the executable, so `python3` and `/usr/bin/python3` count once when they are one.
    const probe =
      `import json, os, sys, ${modules.join(', ')}; ` +
      `print(json.dumps([os.path.realpath(sys.executable), {m: __import__(m).__version__ for m in ${JSON.stringify(modules)}}]))`;
    const found: PythonTool[] = [];
    const seen = new Set<string>();
    const tried: string[] = [];
    for (const python of candidates) {
      const r = cp.spawnSync(python, ['-c', probe], { encoding: 'utf8', maxBuffer: 1 << 20, timeout: 60_000 });
      if (r.status === 0) {
        const [executable, versions] = JSON.parse(r.stdout) as [string, Record<string, string>];
        if (!seen.has(executable)) found.push({ python, versions });
        seen.add(executable);
      } else tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
    }
    return found.length ? found : { missing: tried.join('; ') };
  };

  /** Run a script file with a JSON input on stdin; its stdout parsed as JSON. Throws with stderr on failure. */
  const runPython = <T>(tool: PythonTool, scriptPath: string, input: unknown): T => {
    const r = cp.spawnSync(tool.python, [scriptPath], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000 });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${tool.python} ${scriptPath} exited ${r.status}:\n${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };

  /**
   * `describe` that runs `body(tool)` with the first interpreter that imports `modules` (with
   * each of them, given `every`: e.g. Debian's networkx and a newer one from pip); elsewhere a
   * skipped test whose name gives the reason, plus a console warning, so a green run without
   * Python cannot be mistaken for a checked one.
   */
  const describePython = (modules: string[], name: string, body: (tool: PythonTool) => void, options: { every?: boolean } = {}): void => {
    const found = findPythons(modules);
    if (Array.isArray(found)) {
      for (const tool of options.every ? found : found.slice(0, 1)) {
        describe(`${name} (${tool.python}: ${Object.entries(tool.versions).map(([m, v]) => `${m} ${v}`).join(', ')})`, () => body(tool));
      }
      return;
    }
    const reason = `no Python with ${modules.join(' and ')} (.ci/run installs python3-${modules.join(' python3-')})`;
    console.warn(`[python] ${reason}: skipping "${name}" (${found.missing})`);
    describe.skip(name, () => {
      it(`skipped: ${reason}`, () => {});
    });
  };

  return { findPythons, runPython, describePython };
}
