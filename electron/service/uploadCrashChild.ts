/**
 * A session that dies mid-upload: opens the workspace, begins an upload of `size` bytes, sends
 * its first chunk, says "uploaded" on stdout and waits there for the test to kill it (SIGKILL):
 *   node --import tsx electron/service/uploadCrashChild.ts WORKSPACE
 */
import { REPO_DATA_DIR } from './repoPaths';
import { openWorkspace } from './workspace';

const session = await openWorkspace({ dir: process.argv[2], dataDir: REPO_DATA_DIR });
const { uploadId } = await session.handlers.beginUpload({ name: 'big.jsonl', size: 10 });
await session.handlers.appendUpload({ uploadId, offset: 0, content: Buffer.from('{"te').toString('base64') });
process.stdout.write('uploaded\n');
// The timer keeps the process alive until it is killed.
setInterval(() => {}, 60_000);
