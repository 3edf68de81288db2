/**
 * Import layering, checked on every test run (the VS Code common/browser/node idea, by folder):
 *  - shared/ is plain TypeScript that runs anywhere: it imports nothing from electron/ or
 *    renderer/, no Node built-in and not the `electron` package;
 *  - electron/service/, electron/host/ and electron/cli/ run in plain Node (tests, the browser
 *    host, the CLI): they never import the `electron` package, nor electron/main/ or
 *    electron/preload/, the thin shell that does;
 *  - renderer/ runs in a sandboxed page: no electron/ folder, no Node built-in, no `electron`;
 *  - shared/formats/ and shared/network/ sit below the API: they never import its contract
 *    (the contract imports format names and statement rows from them);
 *  - under electron/, only the store (workspaceStore.ts, with workspaceRecovery.ts, which
 *    rebuilds the index) reads or changes `.manifest`; everyone else uses the store's narrow
 *    accessors (settings, entities, articleEntries, articleIds(), updateManifest).
 *  - inside renderer/src: session/ (the DocumentSession, framework-free) imports only shared/ and
 *    itself; scheduling/ (the one frame scheduler) imports no other renderer folder; the store,
 *    the session and the commands import no component (.tsx module);
 *  - no import cycle anywhere in the source, counting `import type` too: a loop of types is
 *    still a loop a reader has to hold in their head;
 *  - electron/cli/ reaches the workspace through the API (the session's `dispatch`, cliApi.ts),
 *    never the unchecked `handlers`, and imports only the service modules CLI_SERVICE_IMPORTS
 *    lists, each with the reason no operation serves; an entry nothing imports any more fails too.
 * Test files are exempt (they may use Node to set up fixtures).
 *
 * Import specifiers are read with TypeScript's own pre-processor rather than a regex, so
 * commented-out imports and import-like strings are ignored, and multi-line imports,
 * `export … from`, `import type`, `require()` and dynamic `import()` are all seen.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Forbidden =
  | 'the electron package'
  | 'a Node built-in'
  | 'electron/'
  | 'renderer/'
  | 'the Electron shell (electron/main, electron/preload)'
  | 'the API contract (shared/api/contract)';

interface LayerRule {
  /** Repo-relative folders (with trailing slash) the rule applies to. */
  folders: string[];
  forbidden: Forbidden[];
}

const RULES: LayerRule[] = [
  { folders: ['shared/'], forbidden: ['electron/', 'renderer/', 'a Node built-in', 'the electron package'] },
  {
    folders: ['electron/service/', 'electron/host/', 'electron/cli/'],
    forbidden: ['the electron package', 'the Electron shell (electron/main, electron/preload)'],
  },
  { folders: ['renderer/'], forbidden: ['electron/', 'a Node built-in', 'the electron package'] },
  { folders: ['shared/formats/', 'shared/network/'], forbidden: ['the API contract (shared/api/contract)'] },
];

interface BoundaryViolation {
  file: string;
  specifier: string;
  forbidden: Forbidden;
}

const NODE_BUILTINS = new Set(builtinModules);

/** Everything an import specifier seen from `file` (repo-relative, '/'-separated) counts as. */
function classify(file: string, specifier: string): Forbidden[] {
  const kinds: Forbidden[] = [];
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (target === 'electron' || target.startsWith('electron/')) kinds.push('electron/');
    if (target.startsWith('electron/main/') || target.startsWith('electron/preload/'))
      kinds.push('the Electron shell (electron/main, electron/preload)');
    if (target === 'renderer' || target.startsWith('renderer/')) kinds.push('renderer/');
    if (target === 'shared/api/contract') kinds.push('the API contract (shared/api/contract)');
  } else if (specifier === 'electron' || specifier.startsWith('electron/')) {
    kinds.push('the electron package');
  } else if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0])) {
    kinds.push('a Node built-in');
  }
  return kinds;
}

/** The module specifiers a source file imports, re-exports, requires or dynamically imports. */
function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Layering violations of one file; `file` is repo-relative with '/' separators. */
function findBoundaryViolations(file: string, source: string): BoundaryViolation[] {
  const rules = RULES.filter((r) => r.folders.some((folder) => file.startsWith(folder)));
  if (!rules.length) return [];
  const violations: BoundaryViolation[] = [];
  for (const specifier of importSpecifiers(source)) {
    for (const kind of classify(file, specifier)) {
      if (rules.some((r) => r.forbidden.includes(kind))) violations.push({ file, specifier, forbidden: kind });
    }
  }
  return violations;
}

const MANIFEST_OWNERS = new Set(['electron/service/workspaceStore.ts', 'electron/service/workspaceRecovery.ts']);

/** Lines of `file` that access a property `name` (`x.name`; comments and strings don't count). */
function propertyAccesses(file: string, source: string, name: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === name) {
      found.push(`${file}:${sourceFile.getLineAndCharacterOfPosition(node.name.getStart(sourceFile)).line + 1} ${node.getText(sourceFile)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** Lines of `file` that access a `.manifest` property outside the store. */
function manifestAccesses(file: string, source: string): string[] {
  if (!file.startsWith('electron/') || MANIFEST_OWNERS.has(file)) return [];
  return propertyAccesses(file, source, 'manifest');
}

const CLI = 'electron/cli/';
const ASSIGN =
  'assign: assignArticles returns every package at once, base64 in memory, and once called runs on to record the assignment; ' +
  'the CLI stops on Ctrl+C between packages, before anything is recorded, and writes each package to the folder given';

/**
 * The service modules electron/cli may import, and why. A command calls the API through the
 * session's dispatch (cliApi.ts), like the app, so its input is checked by the contract's schemas;
 * an entry here is something no operation offers, or something needed without a workspace or
 * before one is open. A new command importing from electron/service fails here until the module
 * is listed with its reason. `onlyIn`: the only files that may import it.
 */
const CLI_SERVICE_IMPORTS: Readonly<Record<string, { why: string; onlyIn?: readonly string[] }>> = {
  'electron/service/workspace.ts': {
    why: 'openWorkspace gives the session whose dispatch the commands call (cliWorkspace.ts; the session type); validate opens no workspace and takes the default schema from initialWorkspaceContent',
  },
  'electron/service/workspaceRecovery.ts': {
    why: 'cliWorkspace.ts tells a workspace whose index was lost from a folder that is none before opening it, as opening would lock or create it',
  },
  'electron/service/storedRecords.ts': { why: 'the same check in cliWorkspace.ts: the names of the manifest and the articles folder' },
  'electron/service/repoPaths.ts': { why: "process set-up: where the app's data folder (default schema) and package.json are" },
  'electron/service/testWorkspace.ts': { why: 'test fixtures', onlyIn: ['electron/cli/cliTestHelpers.ts'] },
  'electron/service/interchange.ts': {
    why: "import plans (planImport, commitImportPlan) hold what previewImport does not return and the CLI prints (ids of added labels, planned ids and span counts); validate and convert plan without a workspace; the network export reads each article's layers naming the unreadable ones (listStatements skips them and reads no layer)",
  },
  'electron/service/importPlan.ts': {
    why: 'convert converts and validates each article as an import plans it, and decides its labels so, without a workspace (interchange.ts would load every codec)',
  },
  'electron/service/streamedImport.ts': {
    why: 'a JSONL corpus is imported (and converted) streamed from disk in two passes; through the API it would first be copied into the workspace as an upload',
  },
  'electron/service/workspaceStore.ts': { why: 'types only: the store the import plans run against, and the hooks the tests hold an import at' },
  'electron/service/exportToFile.ts': {
    why: 'export streamed to the path given, as a file, zip or folder, with the count of warnings; startExport (which runs it) writes a zip into a temp folder to be read back in chunks',
  },
  'electron/service/exportLayers.ts': {
    why: "export: the --layer value checked with its own message before the workspace is opened; the network export's layers (no operation builds networks)",
  },
  'electron/service/layerStore.ts': { why: 'the network export: whether any annotator layer was collected (no operation builds networks)' },
  'electron/service/durableJsonFile.ts': {
    why: 'a file written atomically to a path the user names (networks, packages, agreement reports): no operation writes outside the workspace',
  },
  'electron/service/exportWriter.ts': { why: 'convert writes what it converted to a path, without a workspace' },
  'electron/service/textFileLines.ts': { why: 'convert reads its input line by line, without a workspace' },
  'electron/service/packagesAssign.ts': { why: ASSIGN },
  'electron/service/packagesOpen.ts': {
    why: 'open-package reports what the plan holds and openAssignmentPackage does not return: the schema adopted, the entities added, the annotator name set',
  },
};

/** Why the CLI file `file` may not import `target` (repo-relative), or null. */
function cliServiceImportProblem(file: string, target: string): string | null {
  if (!file.startsWith(CLI) || !target.startsWith('electron/service/')) return null;
  const allowed = CLI_SERVICE_IMPORTS[target];
  if (!allowed)
    return `the CLI calls the API (cliApi.ts: the session's dispatch); if no operation serves, list ${target} in CLI_SERVICE_IMPORTS with the reason`;
  if (allowed.onlyIn && !allowed.onlyIn.includes(file)) return `${target} is for ${allowed.onlyIn.join(', ')} only (${allowed.why})`;
  return null;
}

/** Lines of a CLI file that use the session's `handlers`, which skip the contract's input check. */
function cliHandlerCalls(file: string, source: string): string[] {
  return file.startsWith(CLI) ? propertyAccesses(file, source, 'handlers') : [];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The repo-relative source file a relative specifier names (TypeScript's resolution, for our layouts), or null. */
function resolveImport(file: string, specifier: string, exists: (file: string) => boolean): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  const stem = base.replace(/\.(m?js)$/, '');
  for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${base}/index.ts`, `${base}/index.tsx`]) if (exists(candidate)) return candidate;
  return null;
}

const RENDERER = 'renderer/src/';
const folderOf = (file: string) => file.slice(RENDERER.length).split('/')[0];

/** Layering inside renderer/src of one import: why `file` may not import `target`, or null. */
function rendererLayerProblem(file: string, target: string): string | null {
  if (!file.startsWith(RENDERER)) return null;
  const from = folderOf(file);
  const inRenderer = target.startsWith(RENDERER);
  if (from === 'session' && (target.startsWith('renderer/') ? !inRenderer || folderOf(target) !== 'session' : !target.startsWith('shared/')))
    return 'session/ imports only shared/ and session/';
  if (from === 'scheduling' && inRenderer && folderOf(target) !== 'scheduling') return 'scheduling/ imports no other renderer folder';
  // StoreContext.tsx is the store's React binding (provider and hooks), not a component of the UI.
  if (['store', 'session', 'commands'].includes(from) && inRenderer && target.endsWith('.tsx') && target !== `${RENDERER}store/StoreContext.tsx`)
    return `${from}/ imports no component`;
  return null;
}

/** The import graph of the given files: each file's resolved relative imports (type-only ones included). */
function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = importSpecifiers(read(file)).flatMap((spec) => resolveImport(file, spec, (f) => known.has(f)) ?? []);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every import cycle (strongly connected set of files, Tarjan's algorithm), each listed in a stable order. */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const members: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      members.push(w);
    } while (w !== v);
    if (members.length > 1 || graph.get(v)?.includes(v)) cycles.push(members.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

function sourceFiles(folder: string): string[] {
  const absolute = path.join(repoRoot, folder);
  return (readdirSync(absolute, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => path.posix.join(folder, f.split(path.sep).join('/')))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('/node_modules/'));
}

describe('findBoundaryViolations', () => {
  it('reports shared/ code that imports Node, electron or the other layers', () => {
    const source = [
      "import { promises as fsp } from 'node:fs';",
      "import path from 'path';",
      "import { readFile } from 'fs/promises';",
      "import { ipcRenderer } from 'electron';",
      "import type { Bridge } from '../../electron/preload/buildBridge';",
      'import {',
      '  useStore,',
      "} from '../../renderer/src/store/StoreContext';",
      "export * from '../../electron/service/workspace';",
      "const os = require('os');",
      "const lazy = () => import('child_process');",
      "import { z } from 'zod';",
      "import { Span } from '../domain/model';",
    ].join('\n');
    const found = findBoundaryViolations('shared/text/bad.ts', source).map((v) => `${v.specifier} → ${v.forbidden}`);
    expect(found).toEqual([
      'node:fs → a Node built-in',
      'path → a Node built-in',
      'fs/promises → a Node built-in',
      'electron → the electron package',
      '../../electron/preload/buildBridge → electron/',
      '../../renderer/src/store/StoreContext → renderer/',
      '../../electron/service/workspace → electron/',
      'os → a Node built-in',
      'child_process → a Node built-in',
    ]);
  });

  it('lets the Node-only service use Node but not electron or the Electron shell', () => {
    const source = "import fs from 'node:fs';\nimport { app } from 'electron';\nimport { startApp } from '../main/startApp';";
    expect(findBoundaryViolations('electron/service/x.ts', source).map((v) => v.specifier)).toEqual(['electron', '../main/startApp']);
    expect(findBoundaryViolations('electron/main/x.ts', source)).toEqual([]);
  });

  it('keeps the renderer off Node and the electron folder but lets it import shared/', () => {
    const source = "import { x } from '../../../shared/text/snap';\nimport { y } from '../../../electron/service/workspace';\nimport 'node:path';";
    expect(findBoundaryViolations('renderer/src/store/x.ts', source).map((v) => v.forbidden)).toEqual(['electron/', 'a Node built-in']);
  });

  it('keeps the format and network code below the API contract', () => {
    const source = "import type { FormatOptions } from '../api/contract';\nimport { WorkbenchError } from '../api/errors';";
    expect(findBoundaryViolations('shared/formats/x.ts', source).map((v) => v.specifier)).toEqual(['../api/contract']);
    expect(findBoundaryViolations('shared/network/x.ts', source).map((v) => v.specifier)).toEqual(['../api/contract']);
    expect(findBoundaryViolations('shared/domain/x.ts', source)).toEqual([]);
  });

  it('ignores imports in comments and strings', () => {
    const source = "// import fs from 'node:fs';\n/* require('electron') */\nconst s = \"import x from 'electron'\";";
    expect(findBoundaryViolations('shared/x.ts', source)).toEqual([]);
  });
});

describe('rendererLayerProblem', () => {
  it('keeps the session on shared/, the scheduler to itself, and components out of store, session and commands', () => {
    expect(rendererLayerProblem('renderer/src/session/a.ts', 'shared/domain/edits.ts')).toBeNull();
    expect(rendererLayerProblem('renderer/src/session/a.ts', 'renderer/src/session/b.ts')).toBeNull();
    expect(rendererLayerProblem('renderer/src/session/a.ts', 'renderer/src/store/types.ts')).toMatch(/session/);
    expect(rendererLayerProblem('renderer/src/scheduling/a.ts', 'renderer/src/store/types.ts')).toMatch(/scheduling/);
    expect(rendererLayerProblem('renderer/src/commands/a.ts', 'renderer/src/document/ArticleText.tsx')).toMatch(/component/);
    expect(rendererLayerProblem('renderer/src/store/a.ts', 'renderer/src/library/LibraryView.tsx')).toMatch(/component/);
    expect(rendererLayerProblem('renderer/src/document/a.tsx', 'renderer/src/store/types.ts')).toBeNull();
  });
});

describe('importCycles', () => {
  it('finds every loop, type-only imports included, and nothing in a graph without one', () => {
    const sources: Record<string, string> = {
      'a.ts': "import { b } from './b';",
      'b.ts': "import type { C } from './c';",
      'c.ts': "export { a } from './a';\nimport './d';",
      'd.ts': "import { e } from './lib/e.js';",
      'lib/e.ts': "import { d } from '../d';",
      'f.ts': "import { f } from './f';",
      'g.ts': "import { a } from './a';",
    };
    const graph = importGraph(Object.keys(sources), (f) => sources[f]);
    expect(graph.get('d.ts')).toEqual(['lib/e.ts']);
    expect(importCycles(graph).sort()).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts', 'lib/e.ts'], ['f.ts']]);
    expect(importCycles(importGraph(['a.ts', 'g.ts'], (f) => sources[f]))).toEqual([]);
  });
});

describe('manifestAccesses', () => {
  it('reports `.manifest` outside the store, not in comments, strings or the store itself', () => {
    const source = "// store.manifest.entities\nconst s = 'store.manifest';\nconst n = store.manifest.articles.length;\nstore.manifestFile;";
    expect(manifestAccesses('electron/cli/x.ts', source)).toEqual(['electron/cli/x.ts:3 store.manifest']);
    expect(manifestAccesses('electron/service/workspaceStore.ts', source)).toEqual([]);
    expect(manifestAccesses('shared/x.ts', source)).toEqual([]);
  });
});

describe('cliServiceImportProblem', () => {
  it('lets the CLI import only the listed service modules, test fixtures only from the test helpers', () => {
    expect(cliServiceImportProblem('electron/cli/statsCommand.ts', 'electron/service/workspaceStats.ts')).toMatch(/calls the API .*CLI_SERVICE_IMPORTS/);
    expect(cliServiceImportProblem('electron/cli/statsCommand.ts', 'electron/service/workspace.ts')).toBeNull();
    expect(cliServiceImportProblem('electron/cli/statsCommand.ts', 'electron/service/testWorkspace.ts')).toMatch(/cliTestHelpers\.ts only/);
    expect(cliServiceImportProblem('electron/cli/cliTestHelpers.ts', 'electron/service/testWorkspace.ts')).toBeNull();
    expect(cliServiceImportProblem('electron/cli/statsCommand.ts', 'shared/api/client.ts')).toBeNull();
    expect(cliServiceImportProblem('electron/host/x.ts', 'electron/service/workspaceStats.ts')).toBeNull();
  });

  it("reports the CLI's use of the session's unchecked handlers", () => {
    const source = "// session.handlers\nconst n = await session.handlers.listArticles({});\nconst { handlers } = session;";
    expect(cliHandlerCalls('electron/cli/x.ts', source)).toEqual(['electron/cli/x.ts:2 session.handlers']);
    expect(cliHandlerCalls('electron/host/x.ts', source)).toEqual([]);
  });
});

describe('the repository', () => {
  it('respects the import layering', () => {
    const files = ['shared', 'electron', 'renderer'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) => findBoundaryViolations(file, readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(violations.map((v) => `${v.file} imports ${v.specifier} (${v.forbidden})`)).toEqual([]);
  });

  it('respects the layers inside the renderer', () => {
    const files = sourceFiles('renderer');
    const exists = (f: string) => existsSync(path.join(repoRoot, f));
    const problems = files.flatMap((file) =>
      importSpecifiers(readFileSync(path.join(repoRoot, file), 'utf8')).flatMap((spec) => {
        const target = resolveImport(file, spec, exists);
        const problem = target && rendererLayerProblem(file, target);
        return problem ? [`${file} imports ${spec}: ${problem}`] : [];
      }),
    );
    expect(files).toContain('renderer/src/session/documentSession.ts');
    expect(problems).toEqual([]);
  });

  it('has no import cycle', () => {
    const files = ['shared', 'electron', 'renderer', 'bench', 'scripts', 'e2e'].flatMap(sourceFiles);
    const graph = importGraph(files, (f) => readFileSync(path.join(repoRoot, f), 'utf8'));
    expect(importCycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('keeps the CLI on the API, importing only the service modules it lists, each of them', () => {
    const files = sourceFiles('electron/cli');
    const exists = (f: string) => existsSync(path.join(repoRoot, f));
    const imported = new Set<string>();
    const problems = files.flatMap((file) => {
      const source = readFileSync(path.join(repoRoot, file), 'utf8');
      const bad = importSpecifiers(source).flatMap((spec) => {
        const target = resolveImport(file, spec, exists);
        if (!target) return [];
        imported.add(target);
        const problem = cliServiceImportProblem(file, target);
        return problem ? [`${file} imports ${spec}: ${problem}`] : [];
      });
      return [...bad, ...cliHandlerCalls(file, source).map((line) => `${line}: call the API through cliApi.ts, which checks the input`)];
    });
    expect(files).toContain('electron/cli/cliApi.ts');
    expect(problems).toEqual([]);
    expect(Object.keys(CLI_SERVICE_IMPORTS).filter((m) => !imported.has(m)), 'listed but imported by no CLI file: remove them').toEqual([]);
  });

  it('leaves the manifest to the store under electron/', () => {
    const files = sourceFiles('electron');
    expect(files).toContain('electron/service/workbenchService.ts');
    expect(files.flatMap((file) => manifestAccesses(file, readFileSync(path.join(repoRoot, file), 'utf8')))).toEqual([]);
  });
});
