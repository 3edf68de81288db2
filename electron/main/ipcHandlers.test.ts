import v8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel, OPERATION_NAMES, type WorkbenchHandlers } from '../../shared/api/contract';
import { createApiClient } from '../../shared/api/client';
import { createDispatcher } from '../../shared/api/dispatch';
import { WorkbenchError } from '../../shared/api/errors';
import { isPackedReply, PACKED_REPLY, packedOf, TABLE_MIN_ROWS, unpackJson } from '../../shared/api/packedJson';
import { makeArticle } from '../../shared/formats/testing/articles';
import { bridgeInvoke } from '../../renderer/src/api/transport';
import { buildBridge } from '../preload/buildBridge';
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
  invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener(event, ...args);
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

/** What Electron's IPC does to a value on its way between processes. */
const structuredClone = <T>(value: T): T => v8.deserialize(v8.serialize(value)) as T;

/** An article with enough spans to be packed as a table, optional fields and a "$" key among them. */
const article = makeArticle(
  'Minister X said the plan fails. '.repeat(20),
  Array.from({ length: TABLE_MIN_ROWS * 3 }, (_, i) => ({
    labelId: i % 2 ? 'actor' : 'claim',
    start: i * 10,
    end: i * 10 + 5,
    ...(i % 5 === 0 ? { note: 'checked', attributes: { $weight: 'high', type: 'person' } } : {}),
    ...(i % 7 === 0 ? { fragments: [{ start: i * 10, end: i * 10 + 2 }, { start: i * 10 + 3, end: i * 10 + 5 }] } : {}),
  })),
  [{ actorSpanId: 's2', claimSpanId: 's1', polarity: 'support' }],
);

describe('packed IPC replies', () => {
  function articleService() {
    const handlers = Object.fromEntries(
      OPERATION_NAMES.map((name) => [name, async () => (name === 'getArticle' ? structuredClone(article) : null)]),
    ) as unknown as WorkbenchHandlers;
    return createDispatcher(handlers);
  }

  it('packs the reply when the call asks with PACKED_REPLY, and only then', async () => {
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers(ipcMain as unknown as IpcRegistry, articleService());
    const plain = await ipcMain.invoke(ipcChannel('getArticle'), appEvent, { id: 'a1' });
    const packed = await ipcMain.invoke(ipcChannel('getArticle'), appEvent, { id: 'a1' }, PACKED_REPLY);
    expect(plain).toStrictEqual({ ok: true, value: article });
    expect(isPackedReply(packed)).toBe(true);
    // The spans cross as one table, not as objects.
    expect(JSON.stringify(packed)).toContain('"$table"');
    expect(unpackJson(packedOf(packed as never))).toStrictEqual({ ok: true, value: article });
    for (const form of ['Packed', true, 1, { packed: true }, null])
      expect(await ipcMain.invoke(ipcChannel('getArticle'), appEvent, { id: 'a1' }, form), String(form)).toStrictEqual(plain);
  });

  it('checks the sender and the input as strictly when packing: refusals come packed, dispatch is not reached', async () => {
    const ipcMain = new FakeIpcMain();
    const dispatch = vi.fn(articleService());
    registerIpcHandlers(ipcMain as unknown as IpcRegistry, dispatch);
    const foreign = await ipcMain.invoke(ipcChannel('getArticle'), fromUrl('https://evil.example/'), { id: 'a1' }, PACKED_REPLY);
    const gone = await ipcMain.invoke(ipcChannel('getArticle'), { senderFrame: null } as unknown as IpcMainInvokeEvent, { id: 'a1' }, PACKED_REPLY);
    for (const reply of [foreign, gone]) expect(unpackJson(packedOf(reply as never))).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(dispatch).not.toHaveBeenCalled();
    const invalid = await ipcMain.invoke(ipcChannel('getArticle'), appEvent, { id: 'a1', extra: 1 }, PACKED_REPLY);
    expect(unpackJson(packedOf(invalid as never))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('carries an article from the main process through the preload bridge to the renderer packed, and the renderer gets it whole', async () => {
    const ipcMain = new FakeIpcMain();
    registerIpcHandlers(ipcMain as unknown as IpcRegistry, articleService());
    const crossed: unknown[] = [];
    // ipcRenderer.invoke as Electron carries it: arguments and reply structured-cloned.
    const bridge = buildBridge(async (channel, ...args) => {
      const reply = structuredClone(await ipcMain.invoke(channel, appEvent, ...structuredClone(args)));
      crossed.push(reply);
      return reply;
    });
    const api = createApiClient(bridgeInvoke(bridge));
    await expect(api.getArticle({ id: 'a1' })).resolves.toStrictEqual(article);
    expect(crossed).toHaveLength(1);
    expect(isPackedReply(crossed[0])).toBe(true);
    expect(JSON.stringify(crossed[0])).toContain('"$table"');
    // Refusals reach the renderer's caller as the same error, packed or not.
    await expect(api.getArticle({ id: 42 as unknown as string })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
