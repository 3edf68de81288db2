import { describe, expect, it } from 'vitest';
import { apiContract, MAX_UPLOAD_CHUNK_BYTES, OPERATION_NAMES } from './contract';
import { bodyTooLargeMessage, formatBytes, REQUEST_BODY_LIMITS } from './bodyLimits';
import { newId, nowIso } from '../domain/model';

const utf8Bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('request body limits', () => {
  it('give every operation of the contract a limit of at least 1 MiB', () => {
    expect(Object.keys(REQUEST_BODY_LIMITS).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const name of OPERATION_NAMES) expect(REQUEST_BODY_LIMITS[name]).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it("let editArticle carry the contract's largest batch of new spans", () => {
    const tooMany = apiContract.editArticle.input.shape.edits.safeParse(new Array(100_001).fill(0));
    const maxEdits = Number(tooMany.error?.issues.find((i) => i.code === 'too_big')?.maximum);
    expect(maxEdits).toBe(100_000);
    const now = nowIso();
    const sample = Array.from({ length: 1000 }, (_, i) => ({
      type: 'addSpan' as const,
      span: { id: newId('s'), labelId: 'actor', start: 1_000_000 + i, end: 1_000_020 + i, entityId: newId('e'), annotator: 'Sara Ahmadi', createdAt: now, updatedAt: now },
    }));
    expect(utf8Bytes({ articleId: newId('a'), edits: sample }) * (maxEdits / sample.length)).toBeLessThan(REQUEST_BODY_LIMITS.editArticle);
  });

  it("let createArticle carry the contract's longest text of 3-byte characters (most of the BMP)", () => {
    const maxCodeUnits = apiContract.createArticle.input.shape.text.maxLength!;
    expect(maxCodeUnits).toBe(50_000_000);
    const envelope = utf8Bytes({ title: 'A title'.padEnd(1000, '.'), text: '', source: ''.padEnd(1000, '.'), url: ''.padEnd(4000, '.') });
    expect(envelope + 3 * maxCodeUnits).toBeLessThan(REQUEST_BODY_LIMITS.createArticle);
  });

  it('let appendUpload carry a whole chunk as base64', () => {
    const envelope = utf8Bytes({ uploadId: 'u'.repeat(128), offset: 4 * 1024 ** 3, content: '' });
    expect(envelope + Math.ceil(MAX_UPLOAD_CHUNK_BYTES / 3) * 4).toBeLessThan(REQUEST_BODY_LIMITS.appendUpload);
  });

  it('name the operation, its limit and the size in the refusal', () => {
    expect(bodyTooLargeMessage('listArticles', 3 * 1024 * 1024 + 1)).toBe(
      'listArticles accepts a request body of at most 1 MiB (1048576 bytes); this one is 3 MiB (3145729 bytes)',
    );
    expect(bodyTooLargeMessage('commitImport')).toBe(
      'commitImport accepts a request body of at most 64 MiB (67108864 bytes); this one is larger; send larger files ahead in chunks (beginUpload, appendUpload; the Import dialog does) or import them with the command line (workbench import)',
    );
    expect([formatBytes(512), formatBytes(1536), formatBytes(1.25 * 1024 * 1024)]).toEqual(['512 bytes', '1.5 KiB', '1.3 MiB']);
  });
});
