import { describe, expect, it, vi } from 'vitest';
import { apiContract, ipcChannel, OPERATION_NAMES } from '../../shared/api/contract';
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

  it('cannot be extended or rewired by the page', () => {
    const bridge = buildBridge(vi.fn()) as Record<string, unknown>;
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(() => {
      bridge.invoke = () => {};
    }).toThrow(TypeError);
  });
});
