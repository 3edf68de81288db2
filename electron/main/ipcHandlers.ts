/**
 * The IPC transport: one `ipcMain.handle` channel per operation of the contract. Each call is
 * checked for who sent it (a frame of our app:// origin) before it reaches `dispatch`, which
 * parses the payload with the contract's schema. Nothing here validates or interprets input.
 * A caller that passes PACKED_REPLY after the input gets every reply (refusals too) packed
 * (shared/api/packedJson.ts), as the browser host packs for a client that asks; the renderer
 * asks, other callers get plain ApiResults.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannel, OPERATION_NAMES, type ApiResult } from '../../shared/api/contract';
import type { Dispatch } from '../../shared/api/dispatch';
import { PACKED_REPLY, packReply, type PackedReply } from '../../shared/api/packedJson';
import { isAppUrl } from './security';

/** Decides whether an IPC call comes from a frame we trust. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Trusted: the sending frame still exists and shows a page of our app:// origin. A frame that
 * navigated away (or was never ours, e.g. a subframe of another origin) gets nothing.
 */
export const isAppSender: SenderCheck = (event) => {
  // senderFrame is null once the frame has navigated or been destroyed.
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && isAppUrl(frame.url);
};

export type IpcRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Register every operation; returns a function that removes the handlers again. */
export function registerIpcHandlers(ipcMain: IpcRegistry, dispatch: Dispatch, isTrustedSender: SenderCheck = isAppSender): () => void {
  const channels = OPERATION_NAMES.map((name) => {
    const channel = ipcChannel(name);
    const answer = async (event: IpcMainInvokeEvent, input: unknown): Promise<ApiResult<unknown>> => {
      let trusted: boolean;
      try {
        trusted = isTrustedSender(event);
      } catch {
        trusted = false;
      }
      if (!trusted) {
        return { ok: false, error: { code: 'unauthorized', message: `${name}: the request did not come from the workbench window` } };
      }
      try {
        return await dispatch(name, input);
      } catch (err) {
        // dispatch turns handler errors into results itself; this only guards the envelope.
        return { ok: false, error: { code: 'internal', message: `${name} failed: ${err instanceof Error ? err.message : String(err)}` } };
      }
    };
    ipcMain.handle(channel, async (event, input: unknown, form: unknown): Promise<ApiResult<unknown> | PackedReply> => {
      const result = await answer(event, input);
      return form === PACKED_REPLY ? packReply(result) : result;
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
