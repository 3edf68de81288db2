/**
 * The server half of every transport: look up the operation, parse its input with the
 * contract's schema, run the handler, and wrap the result or error in the ApiResult envelope.
 * IPC and the HTTP host both call `dispatch`; neither validates on its own.
 */
import { apiContract, isOperationName, type ApiError, type ApiResult, type OperationName, type WorkbenchHandlers } from './contract';
import { WorkbenchError } from './errors';
import { describeZodError } from '../domain/zodErrors';

/**
 * An operation's input parsed by its schema, or the error dispatch answers with. Exported for a
 * caller that builds a request for the service without dispatching it (the CLI's export, which
 * writes to a path no operation offers), so that it is checked exactly as the operation's would be.
 */
export function parseOperationInput<K extends OperationName>(
  name: K,
  rawInput: unknown,
): { ok: true; data: Parameters<WorkbenchHandlers[K]>[0] } | { ok: false; error: ApiError } {
  const parsed = apiContract[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: `invalid input for ${name}: ${describeZodError(parsed.error)}` } };
  return { ok: true, data: parsed.data as Parameters<WorkbenchHandlers[K]>[0] };
}

export function createDispatcher(handlers: WorkbenchHandlers) {
  return async function dispatch(name: string, rawInput: unknown): Promise<ApiResult<unknown>> {
    if (!isOperationName(name)) {
      return { ok: false, error: { code: 'invalid_input', message: `unknown operation "${name}"` } };
    }
    const parsed = parseOperationInput(name, rawInput);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof WorkbenchError) return { ok: false, error: err.toApiError() };
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message: `${name} failed: ${message}` } };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
