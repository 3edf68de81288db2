import { describe, expect, it, vi } from 'vitest';
import type { WorkbenchBridge } from '../../../shared/api/bridge';
import { PACKED_REPLY, packReply } from '../../../shared/api/packedJson';
import { bridgeInvoke } from './transport';

const article = { id: 'a1', spans: Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, start: i, end: i + 1, note: i % 3 ? undefined : 'n' })) };
const viaJson = (v: unknown) => JSON.parse(JSON.stringify(v));

function bridgeAnswering(reply: (form: unknown) => unknown) {
  const call = vi.fn(async (_input: unknown, form?: unknown) => reply(form));
  return { call, bridge: { getArticle: call } as unknown as WorkbenchBridge };
}

describe('bridgeInvoke', () => {
  it('asks the bridge for packed replies and unpacks them', async () => {
    const { call, bridge } = bridgeAnswering((form) => (form === PACKED_REPLY ? packReply({ ok: true, value: article }) : null));
    await expect(bridgeInvoke(bridge)('getArticle', { id: 'a1' })).resolves.toStrictEqual({ ok: true, value: viaJson(article) });
    expect(call).toHaveBeenCalledWith({ id: 'a1' }, PACKED_REPLY);
  });

  it('passes a plain reply as it is', async () => {
    const reply = { ok: false, error: { code: 'unauthorized', message: 'no' } };
    const { bridge } = bridgeAnswering(() => reply);
    await expect(bridgeInvoke(bridge)('getArticle', { id: 'a1' })).resolves.toBe(reply);
  });
});
