/**
 * The client half of every transport: turns a raw `invoke(name, input)` (IPC or HTTP) into
 * the typed `WorkbenchApi`, unwrapping the envelope and throwing WorkbenchError on failure.
 */
import { OPERATION_NAMES, type ApiResult, type OperationName, type WorkbenchApi } from './contract';
import { WorkbenchError } from './errors';

export type RawInvoke = (name: OperationName, input: unknown) => Promise<ApiResult<unknown>>;

export function createApiClient(invoke: RawInvoke): WorkbenchApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of OPERATION_NAMES) {
    api[name] = async (input: unknown) => {
      const result = await invoke(name, input);
      if (!result.ok) throw WorkbenchError.fromApiError(result.error);
      return result.value;
    };
  }
  return api as unknown as WorkbenchApi;
}
