import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/api/errors';
import { openTestWorkspace, tempDir } from '../service/testWorkspace';
import { checkedInput, cliApi } from './cliApi';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('cliApi', () => {
  it("checks each input with the contract's schema and throws the refusal as a WorkbenchError", async () => {
    const { session } = await openTestWorkspace(tmp.dir, { seed: false });
    try {
      const api = cliApi(session);
      await expect(api.listArticles({})).resolves.toEqual([]);
      // The unchecked handlers would look this id up; dispatch refuses it as the app's calls are refused.
      const bad = await api.getArticle({ id: 'not an id!' }).catch((err: unknown) => err);
      expect(bad).toBeInstanceOf(WorkbenchError);
      expect(bad).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^invalid input for getArticle: /) });
      await expect(api.getArticle({ id: 'a_missing' })).rejects.toMatchObject({ code: 'not_found', message: 'no article with id a_missing' });
    } finally {
      await session.close();
    }
  });
});

describe('checkedInput', () => {
  it("returns the input as the operation's handler would receive it, or throws dispatch's refusal", () => {
    expect(checkedInput('startExport', { format: 'jsonl' })).toEqual({ format: 'jsonl', options: {} });
    expect(() => checkedInput('startExport', { format: 'jsonl', layer: 'annotator:', options: {} })).toThrow(
      /^invalid input for startExport: .*a layer is gold, annotator:NAME or all/,
    );
  });
});
