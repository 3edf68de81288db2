import { describe, expect, it } from 'vitest';
import { createTestStore, labelText, type TestStore } from '../test/testStore';
import { selectLinkDraft } from './statementsSlice';

/** "Akira Endo met Ali-Asghar Khaji …\n…\n\nThe ministry denounced the strikes." with actor, stance and claim spans. */
async function coded() {
  const t = await createTestStore();
  const ministry = labelText(t, 'The ministry', 'actor')!;
  const denounced = labelText(t, 'denounced', 'stance')!;
  const strikes = labelText(t, 'the strikes', 'claim')!;
  const endo = labelText(t, 'Akira Endo', 'actor')!;
  return { t, ministry, denounced, strikes, endo };
}

const savedStatements = (t: TestStore) => t.api.articles.get('art1')!.statements;

describe('statements slice: linking', () => {
  it('links actor and claim, finds the stance between them, and saves the statement', async () => {
    const { t, ministry, denounced, strikes } = await coded();
    t.state().startLinking(ministry);
    expect(selectLinkDraft(t.state())).toEqual({ articleId: 'art1', actorSpanId: ministry });
    expect(t.state().notice?.message).toMatch(/now select the claim/i);
    t.state().pickForLink(strikes);
    expect(selectLinkDraft(t.state())).toEqual({ articleId: 'art1', actorSpanId: ministry, claimSpanId: strikes, stanceSpanId: denounced, stanceFound: true });

    const id = t.state().commitLink('oppose');
    expect(t.state().linkDraft).toBeNull();
    expect(t.state().selectedSpanId).toBe(ministry);
    expect(t.state().notice?.message).toBe('Statement added: “The ministry” opposes “the strikes”.');
    await t.saved();
    expect(savedStatements(t)).toEqual([
      expect.objectContaining({ id, actorSpanId: ministry, claimSpanId: strikes, stanceSpanId: denounced, polarity: 'oppose', annotator: 'Tester' }),
    ]);
    // The rows the Network view reads, flattened by the same code as the service.
    const rows = await t.api.listStatements({});
    expect(rows.map((r) => [r.actorText, r.polarity, r.claimText, r.stanceText])).toEqual([['The ministry', 'oppose', 'the strikes', 'denounced']]);
  });

  it('does not commit before actor and claim are picked, nor a span twice', async () => {
    const { t, ministry } = await coded();
    t.state().startLinking(ministry);
    t.state().pickForLink(ministry);
    expect(t.state().notice?.message).toMatch(/already part of this statement/);
    expect(t.state().commitLink('support')).toBeNull();
    expect(selectLinkDraft(t.state())).toEqual({ articleId: 'art1', actorSpanId: ministry });
    expect(t.doc().article!.statements).toEqual([]);
  });

  it('asks for a span when linking starts with none selected', async () => {
    const t = await createTestStore();
    t.state().startLinking();
    expect(t.state().linkDraft).toBeNull();
    expect(t.state().notice?.message).toMatch(/select the actor span first/i);
  });

  it('returns the existing statement instead of adding the same one twice', async () => {
    const { t, ministry, strikes } = await coded();
    t.state().startLinking(ministry);
    t.state().pickForLink(strikes);
    const first = t.state().commitLink('oppose');
    t.state().startLinking(ministry);
    t.state().pickForLink(strikes);
    expect(t.state().commitLink('oppose')).toBe(first);
    expect(t.state().notice?.message).toBe('That statement exists already.');
    await t.saved();
    expect(savedStatements(t)).toHaveLength(1);
  });

  it('keeps a stance picked by hand, and lets it be removed from the draft', async () => {
    const { t, ministry, strikes, endo } = await coded();
    t.state().startLinking(ministry);
    t.state().setLinkStance(endo);
    t.state().pickForLink(strikes);
    expect(selectLinkDraft(t.state())!.stanceSpanId).toBe(endo);
    t.state().setLinkStance(null);
    expect(selectLinkDraft(t.state())).toEqual({ articleId: 'art1', actorSpanId: ministry, claimSpanId: strikes });
    t.state().cancelLinking();
    expect(t.state().linkDraft).toBeNull();
    expect(t.state().notice?.message).toBe('Linking cancelled.');
  });

  it('refuses a draft whose span was deleted meanwhile', async () => {
    const { t, ministry, strikes } = await coded();
    t.state().startLinking(ministry);
    t.state().pickForLink(strikes);
    t.state().deleteSpan(strikes);
    expect(t.state().commitLink('support')).toBeNull();
    expect(t.state().linkDraft).toBeNull();
    expect(t.state().notice?.message).toMatch(/deleted meanwhile/);
  });
});

describe('statements slice: changing and deleting', () => {
  async function linked() {
    const c = await coded();
    const { t, ministry, strikes, endo } = c;
    t.state().startLinking(ministry);
    t.state().pickForLink(strikes);
    const withStance = t.state().commitLink('oppose')!;
    // A second statement with the ministry as its stance (picked by hand), so deleting the ministry unstances it.
    t.state().startLinking(endo);
    t.state().pickForLink(strikes);
    t.state().setLinkStance(ministry);
    const other = t.state().commitLink('support')!;
    await t.saved();
    return { ...c, withStance, other };
  }

  it('changes polarity and stance as saved edits, each one undo step', async () => {
    const { t, withStance, denounced } = await linked();
    t.state().setStatementPolarity(withStance, 'neutral');
    t.state().setStatementStance(withStance, null);
    await t.saved();
    expect(savedStatements(t).find((s) => s.id === withStance)).toMatchObject({ polarity: 'neutral' });
    expect(savedStatements(t).find((s) => s.id === withStance)!.stanceSpanId).toBeUndefined();
    expect(t.doc().undoStack.slice(-2).map((e) => e.description)).toEqual(['Change polarity to Neutral', 'Remove stance']);
    t.state().undo();
    t.state().undo();
    await t.saved();
    expect(savedStatements(t).find((s) => s.id === withStance)).toMatchObject({ polarity: 'oppose', stanceSpanId: denounced });
  });

  it('deletes a span with the statements that need it and unstances the others, in one undo step', async () => {
    const { t, ministry, denounced, withStance, other } = await linked();
    const before = t.doc().undoStack.length;
    t.state().deleteSpanAndStatements(ministry);
    await t.saved();
    // The ministry was the actor of one statement and the stance of the other.
    expect(savedStatements(t).map((s) => s.id)).toEqual([other]);
    expect(savedStatements(t)[0].stanceSpanId).toBeUndefined();
    expect(t.api.articles.get('art1')!.spans.some((s) => s.id === ministry)).toBe(false);
    expect(t.doc().undoStack).toHaveLength(before + 1);
    expect(t.doc().undoStack.at(-1)!.description).toBe('Delete span and 1 statement');

    t.state().undo();
    await t.saved();
    expect(savedStatements(t).find((s) => s.id === other)!.stanceSpanId).toBe(ministry);
    expect(savedStatements(t).find((s) => s.id === withStance)).toMatchObject({ actorSpanId: ministry, stanceSpanId: denounced });
    expect(t.api.articles.get('art1')!.spans.some((s) => s.id === ministry)).toBe(true);
  });

  it('drops a draft that used the deleted span', async () => {
    const { t, ministry, strikes } = await coded();
    t.state().startLinking(ministry);
    t.state().pickForLink(strikes);
    t.state().deleteSpanAndStatements(strikes);
    expect(t.state().linkDraft).toBeNull();
  });
});
