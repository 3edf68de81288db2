/**
 * The object the preload exposes as `window.workbenchBridge`: one named function per operation
 * of the contract, each forwarding its input on that operation's IPC channel. Pure (the IPC
 * call is passed in) so it is tested without Electron. The renderer never gets `ipcRenderer`
 * or a way to name an arbitrary channel.
 */
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/operations';
import type { ApiResult } from '../../shared/api/contract';
import type { WorkbenchBridge } from '../../shared/api/bridge';

/** `ipcRenderer.invoke`, narrowed to what the bridge needs. */
export type ChannelInvoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildBridge(invoke: ChannelInvoke): WorkbenchBridge {
  const bridge: Record<string, (input: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const name of OPERATION_NAMES) {
    const channel = ipcChannel(name);
    // The main process answers every channel with an ApiResult envelope (electron/main/ipcHandlers.ts).
    bridge[name] = (input: unknown) => invoke(channel, input) as Promise<ApiResult<unknown>>;
  }
  return Object.freeze(bridge) as WorkbenchBridge;
}
