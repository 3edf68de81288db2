/**
 * Picks the transport the renderer talks to the service through, and returns the typed
 * `WorkbenchApi` over it. In Electron the preload exposes `window.workbenchBridge` (one
 * function per operation, each resolving to the ApiResult envelope); in a plain browser the
 * host serves the same operations as `POST /api/<name>`, guarded by the launch token that the
 * host printed in the page URL (`?token=...`).
 */
import type { ApiResult, OperationName, WorkbenchApi } from '../../../shared/api/contract';
import { createApiClient, type RawInvoke } from '../../../shared/api/client';
import { HOST_API_PREFIX, HOST_TOKEN_HEADER, type WorkbenchBridge } from '../../../shared/api/bridge';
import { isPackedReply, PACKED_JSON_HEADER, PACKED_REPLY, packedOf, unpackJson } from '../../../shared/api/packedJson';

declare global {
  interface Window {
    workbenchBridge?: WorkbenchBridge;
  }
}

/**
 * Both transports ask for packed results (shared/api/packedJson.ts: less for the page to
 * receive and build) and give them back through this one function.
 */
function unpackedResult(packed: unknown): ApiResult<unknown> {
  return unpackJson(packed) as ApiResult<unknown>;
}

/** The preload's bridge. A reply that is not packed (a main process that did not pack) passes as it is. */
export function bridgeInvoke(bridge: WorkbenchBridge): RawInvoke {
  return async (name, input) => {
    const reply: unknown = await bridge[name](input, PACKED_REPLY);
    return isPackedReply(reply) ? unpackedResult(packedOf(reply)) : (reply as ApiResult<unknown>);
  };
}

/**
 * The browser host's protocol, with results asked for packed. A failed request still yields an
 * envelope, so callers see one error type.
 */
export function httpInvoke(token: string, fetchImpl: typeof fetch = fetch): RawInvoke {
  return async (name: OperationName, input: unknown): Promise<ApiResult<unknown>> => {
    let response: Response;
    try {
      response = await fetchImpl(HOST_API_PREFIX + name, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HOST_TOKEN_HEADER]: token, [PACKED_JSON_HEADER]: '1' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return { ok: false, error: { code: 'io', message: `The workbench host is not reachable (${errorText(err)})` } };
    }
    try {
      const body: unknown = await response.json();
      return response.headers.get(PACKED_JSON_HEADER) === '1' ? unpackedResult(body) : (body as ApiResult<unknown>);
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: `The workbench host answered ${response.status} ${response.statusText} without a result` },
      };
    }
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The API of the environment the renderer runs in. */
export function createTransportApi(win: Window = window): WorkbenchApi {
  if (win.workbenchBridge) return createApiClient(bridgeInvoke(win.workbenchBridge));
  const token = new URLSearchParams(win.location.search).get('token') ?? '';
  return createApiClient(httpInvoke(token, win.fetch.bind(win)));
}
