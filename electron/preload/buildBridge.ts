/**
 * The object the preload exposes as `window.workbenchBridge`: one named function per operation
 * of the contract, each forwarding its input (and the reply form asked for, if any) on that
 * operation's IPC channel. Pure (the IPC call is passed in) so it is tested without Electron.
 * The renderer never gets `ipcRenderer` or a way to name an arbitrary channel.
 */
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/operations';
import type { BridgeCall, WorkbenchBridge } from '../../shared/api/bridge';

/** `ipcRenderer.invoke`, narrowed to what the bridge needs. */
export type ChannelInvoke = (channel: string, ...args: [input: unknown, form?: unknown]) => Promise<unknown>;

export function buildBridge(invoke: ChannelInvoke): WorkbenchBridge {
  const bridge: Record<string, BridgeCall> = {};
  for (const name of OPERATION_NAMES) {
    const channel = ipcChannel(name);
    // The main process answers every channel with an ApiResult envelope, packed when `form`
    // asks for it (electron/main/ipcHandlers.ts), which checks `form` itself.
    bridge[name] = ((input: unknown, form?: unknown) =>
      form === undefined ? invoke(channel, input) : invoke(channel, input, form)) as BridgeCall;
  }
  return Object.freeze(bridge) as WorkbenchBridge;
}
