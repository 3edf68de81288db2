/**
 * What the Electron preload exposes on `window.workbenchBridge`: one named function per
 * operation of the contract, each returning the ApiResult envelope, or the same packed when
 * asked with PACKED_REPLY (shared/api/packedJson.ts). Derived from the contract's operation
 * list, never written out by hand.
 */
import type { ApiResult, OperationName } from './contract';
import type { PACKED_REPLY, PackedReply } from './packedJson';

export interface BridgeCall {
  (input: unknown): Promise<ApiResult<unknown>>;
  (input: unknown, form: typeof PACKED_REPLY): Promise<PackedReply>;
}

export type WorkbenchBridge = { readonly [K in OperationName]: BridgeCall };

export const BRIDGE_GLOBAL = 'workbenchBridge';

/** Browser host protocol: POST /api/<operation> with this header; the body is the JSON input. */
export const HOST_TOKEN_HEADER = 'x-workbench-token';
export const HOST_API_PREFIX = '/api/';
