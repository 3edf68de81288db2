/**
 * The API as a CLI command calls it: the open session's `dispatch`, the function the IPC
 * handlers and the browser host call, behind the typed client the renderer uses. Every input
 * is parsed by the contract's schema before a handler sees it, and a refusal comes back as the
 * WorkbenchError the envelope carries (code, message, file), which runCli reports as usual.
 *
 * A command goes through this wherever an operation does what it needs. What it calls in
 * electron/service directly instead is listed, each module with its reason, in
 * scripts/boundaries.test.ts (CLI_SERVICE_IMPORTS); a new command starts from the API.
 */
import { createApiClient } from '../../shared/api/client';
import type { OperationName, WorkbenchApi, WorkbenchHandlers } from '../../shared/api/contract';
import { parseOperationInput } from '../../shared/api/dispatch';
import { WorkbenchError } from '../../shared/api/errors';
import type { WorkspaceSession } from '../service/workspace';

export function cliApi(session: Pick<WorkspaceSession, 'dispatch'>): WorkbenchApi {
  return createApiClient((name, input) => session.dispatch(name, input));
}

/**
 * `input` checked as operation `name` would check it, for a request the CLI hands to the
 * service itself (see each call's comment for why): the same schema, defaults and message.
 */
export function checkedInput<K extends OperationName>(name: K, input: unknown): Parameters<WorkbenchHandlers[K]>[0] {
  const parsed = parseOperationInput(name, input);
  if (!parsed.ok) throw WorkbenchError.fromApiError(parsed.error);
  return parsed.data;
}
