/**
 * Process entry of the `workbench` CLI (bin/workbench.cjs runs it from the prebuilt bundle, or
 * through tsx). From the bundle, `convert` starts from convertMain.ts instead, with V8's code
 * cache (bin/codeCache.cjs).
 */
import { runCliProcess } from './cliProcess';

const argv = process.argv.slice(2);
// `convert` loads only itself and its codecs (convertCli.ts); runCli imports every command and
// the workspace service, which would be most of a small conversion's time.
const runCli =
  argv[0] === 'convert' ? (await import('./convertCli')).runConvertCli : (await import('./runCli')).runCli;
await runCliProcess(runCli, argv);
