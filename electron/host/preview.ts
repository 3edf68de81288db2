/**
 * `npm run preview -- --workspace DIR --port N`: run the workbench in a browser. Serves the
 * built renderer and the service on 127.0.0.1 and prints `Workbench ready at <url>` once it
 * accepts requests (the e2e suite waits for that line). Ctrl+C closes the workspace cleanly.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../shared/api/errors';
import { openWorkspace } from '../service/workspace';
import { REPO_DATA_DIR, RENDERER_DIST_DIR } from '../service/repoPaths';
import { startHost } from './httpHost';

async function main() {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-seed': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('usage: npm run preview -- [--workspace DIR] [--port N] [--no-seed]');
    return;
  }
  const dir = path.resolve(
    values.workspace ?? process.env.WORKBENCH_WORKSPACE ?? path.join(os.homedir(), '.annotation-workbench', 'workspace'),
  );
  if (!existsSync(path.join(RENDERER_DIST_DIR, 'index.html'))) {
    console.error(`The renderer is not built (${RENDERER_DIST_DIR} is missing). Run: npm run build:renderer`);
    process.exit(2);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got "${values.port}"`);
    process.exit(2);
  }
  const session = await openWorkspace({ dir, dataDir: REPO_DATA_DIR, seed: !values['no-seed'], appName: 'Workbench browser host' });
  const host = await startHost({ dispatch: session.dispatch, staticDir: RENDERER_DIST_DIR, port });
  console.log(`Workspace: ${dir}`);
  for (const notice of session.notices) console.warn(`notice: ${notice}`);
  console.log(`Workbench ready at ${host.url}`);
  const shutdown = async () => {
    await host.close();
    await session.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err instanceof WorkbenchError ? `error: ${err.message}` : err);
  process.exit(err instanceof WorkbenchError && err.code === 'locked' ? 3 : 1);
});
