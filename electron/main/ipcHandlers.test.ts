import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel, OPERATION_NAMES, type WorkbenchHandlers } from '../../shared/api/contract';
import { createDispatcher } from '../../shared/api/dispatch';
import { WorkbenchError } from '../../shared/api/errors';
import { isAppSender, registerIpcHandlers, type IpcRegistry } from './ipcHandlers';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Records handlers the way ipcMain does: one per channel, a second registration is an error. */
class FakeIpcMain {
  handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcMainInvokeEvent, input: unknown) {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, input);
  }
}

const fromUrl = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
const appEvent = fromUrl('app://workbench/index.html');

/** The real dispatcher in front of fake handlers that record their (parsed) input. */
function fakeService() {
  const calls: Array<[string, unknown]> = [];
  const handlers = Object.fromEntries(
    OPERATION_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        calls.push([name, input]);
        if (name === 'getArticle') throw new WorkbenchError('not_found', 'no article a_missing');
        return { echoed: input };
      },
    ]),
  ) as unknown as WorkbenchHandlers;
  return { calls, dispatch: createDispatcher(handlers) };
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const service = fakeService();
  const dispatch = vi.fn(service.dispatch);
  const dispose = registerIpcHandlers(ipcMain as unknown as IpcRegistry, dispatch);
  return { ipcMain, dispatch, dispose, calls: service.calls };
}

describe('registerIpcHandlers', () => {
  it('registers one channel per operation of the contract', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(ipcChannel).sort());
  });

  it('passes a call from the app window to dispatch and returns its result', async () => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(ipcChannel('listArticles'), appEvent, { query: 'syria' });
    expect(result).toEqual({ ok: true, value: { echoed: { query: 'syria' } } });
    expect(calls).toEqual([['listArticles', { query: 'syria' }]]);
  });

  it('refuses a sender of another origin without calling dispatch', async () => {
    const { ipcMain, dispatch } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://evil/index.html', 'about:blank', '']) {
      const result = await ipcMain.invoke(ipcChannel('deleteArticle'), fromUrl(url), { id: 'a1' });
      expect(result, url).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a call whose frame is gone (senderFrame null) without calling dispatch', async () => {
    const { ipcMain, dispatch } = setup();
    const result = await ipcMain.invoke(ipcChannel('getWorkspace'), { senderFrame: null } as unknown as IpcMainInvokeEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('returns invalid_input for a payload the contract rejects, without reaching the service', async () => {
    const { ipcMain, calls } = setup();
    const extraKey = await ipcMain.invoke(ipcChannel('deleteArticle'), appEvent, { id: 'a1', path: '/etc/passwd' });
    const wrongType = await ipcMain.invoke(ipcChannel('getArticle'), appEvent, { id: 42 });
    const notObject = await ipcMain.invoke(ipcChannel('createArticle'), appEvent, 'text');
    for (const result of [extraKey, wrongType, notObject]) expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
  });

  it('carries service errors back with their code', async () => {
    const { ipcMain } = setup();
    const result = await ipcMain.invoke(ipcChannel('getArticle'), appEvent, { id: 'a_missing' });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'no article a_missing' } });
  });

  it('wraps an unexpected throw from dispatch in an internal error', async () => {
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers(ipcMain as unknown as IpcRegistry, async () => {
      throw new Error('boom');
    });
    const result = await ipcMain.invoke(ipcChannel('getWorkspace'), appEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
  });

  it('uses the sender check it is given', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn(fakeService().dispatch);
    registerIpcHandlers(ipcMain as unknown as IpcRegistry, dispatch, () => false);
    expect(await ipcMain.invoke(ipcChannel('getWorkspace'), appEvent, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('removes every handler when disposed, so they can be registered again', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(() => registerIpcHandlers(ipcMain as unknown as IpcRegistry, fakeService().dispatch)).not.toThrow();
  });
});

describe('isAppSender', () => {
  it('trusts frames showing our app:// origin only', () => {
    expect(isAppSender(appEvent)).toBe(true);
    expect(isAppSender(fromUrl('app://workbench/'))).toBe(true);
    expect(isAppSender(fromUrl('https://workbench/'))).toBe(false);
    expect(isAppSender({ senderFrame: null } as unknown as IpcMainInvokeEvent)).toBe(false);
  });
});
