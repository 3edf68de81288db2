/**
 * Entry of `workbench convert` in the prebuilt bundle: built on its own as one CommonJS file
 * (scripts/buildCli.mjs), which bin/codeCache.cjs compiles with V8's code cache, so that a
 * conversion does not compile the CLI's functions again at every start (bench section
 * `convert`). Being CommonJS, it has no top-level await: `run` is what the loader calls.
 */
import { runCliProcess } from './cliProcess';
import { runConvertCli } from './convertCli';

/** Run `workbench convert` with this process's arguments; resolves with the exit code (also set on the process). */
export function run(): Promise<number> {
  return runCliProcess(runConvertCli);
}
