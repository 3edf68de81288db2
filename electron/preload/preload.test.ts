import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/contract';
import { BRIDGE_GLOBAL } from '../../shared/api/bridge';
import { PACKED_REPLY } from '../../shared/api/packedJson';

// The real 'electron' package cannot load outside Electron; the preload sees only these two.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: electron.invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

beforeEach(async () => {
  electron.exposed.clear();
  electron.invoke.mockClear();
  vi.resetModules();
  await import('./preload');
});

describe('the preload', () => {
  it(`exposes one global, ${BRIDGE_GLOBAL}, with exactly the contract's operations`, () => {
    expect([...electron.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('never exposes ipcRenderer or a generic invoke', () => {
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, unknown>;
    for (const key of ['invoke', 'send', 'on', 'sendSync', 'ipcRenderer']) expect(bridge).not.toHaveProperty(key);
    for (const value of Object.values(bridge)) expect(value).not.toBe(electron.invoke);
  });

  it("forwards a call on the operation's own channel through ipcRenderer.invoke", async () => {
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, (input: unknown) => Promise<unknown>>;
    const result = await bridge.getArticle({ id: 'a1' });
    expect(electron.invoke).toHaveBeenCalledWith(ipcChannel('getArticle'), { id: 'a1' });
    expect(result).toEqual({ ok: true, value: { channel: 'workbench:getArticle', input: { id: 'a1' } } });
  });

  it('forwards the packed reply form the renderer asks for to ipcRenderer.invoke', async () => {
    const bridge = electron.exposed.get(BRIDGE_GLOBAL) as Record<string, (input: unknown, form?: unknown) => Promise<unknown>>;
    await bridge.getArticle({ id: 'a1' }, PACKED_REPLY);
    expect(electron.invoke).toHaveBeenCalledWith(ipcChannel('getArticle'), { id: 'a1' }, PACKED_REPLY);
  });
});
