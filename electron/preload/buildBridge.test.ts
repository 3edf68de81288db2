import { describe, expect, it, vi } from 'vitest';
import { apiContract, ipcChannel, OPERATION_NAMES } from '../../shared/api/contract';
import { PACKED_REPLY } from '../../shared/api/packedJson';
import { buildBridge } from './buildBridge';

describe('buildBridge', () => {
  it("has exactly the contract's operation names, each a function", () => {
    const bridge = buildBridge(vi.fn());
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(apiContract).sort());
    for (const name of OPERATION_NAMES) expect(typeof bridge[name]).toBe('function');
  });

  it("sends each operation's input on that operation's channel and returns the reply", async () => {
    const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
    const bridge = buildBridge(invoke);
    for (const name of OPERATION_NAMES) {
      const input = { probe: name };
      await expect(bridge[name](input)).resolves.toEqual({ ok: true, value: { channel: ipcChannel(name), input } });
    }
    expect(invoke).toHaveBeenCalledTimes(OPERATION_NAMES.length);
  });

  it('forwards the reply form asked for, and nothing when none is asked', async () => {
    const invoke = vi.fn(async () => ({ $packed: { ok: true } }));
    const bridge = buildBridge(invoke);
    await bridge.getArticle({ id: 'a1' }, PACKED_REPLY);
    await bridge.getArticle({ id: 'a1' });
    expect(invoke.mock.calls).toEqual([
      [ipcChannel('getArticle'), { id: 'a1' }, PACKED_REPLY],
      [ipcChannel('getArticle'), { id: 'a1' }],
    ]);
  });

  it('cannot be extended or rewired by the page', () => {
    const bridge = buildBridge(vi.fn()) as Record<string, unknown>;
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(() => {
      bridge.invoke = () => {};
    }).toThrow(TypeError);
  });
});
