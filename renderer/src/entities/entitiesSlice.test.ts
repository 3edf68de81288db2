import { describe, expect, it } from 'vitest';
import { createTestStore, labelText } from '../test/testStore';
import { entityKindOfLabel } from '../../../shared/domain/labelRoles';

describe('entities slice', () => {
  it('applies quick successive updates of one entity on top of each other', async () => {
    const t = await createTestStore();
    const made = await t.state().createEntity('actor', 'Akira Endo', 'person');
    const release = t.api.hold('saveEntity');
    // Both sent before the first is acknowledged: the second must not undo the first.
    const first = t.state().updateEntity(made!.id, { actorType: 'state' });
    const second = t.state().updateEntity(made!.id, { aliases: ['Endo'] });
    release();
    await Promise.all([first, second]);
    expect(t.api.entities.find((e) => e.id === made!.id)).toMatchObject({ name: 'Akira Endo', actorType: 'state', aliases: ['Endo'] });
    expect(t.state().entities.find((e) => e.id === made!.id)).toMatchObject({ actorType: 'state', aliases: ['Endo'] });
  });

  it('maps labels to the kind of entry their spans link to', () => {
    expect(entityKindOfLabel({ id: 'actor', name: 'Actor' })).toBe('actor');
    expect(entityKindOfLabel({ id: 'claim', name: 'Claim' })).toBe('concept');
    expect(entityKindOfLabel({ id: 'stance', name: 'Stance' })).toBeNull();
  });

  it('drops a link that does not fit the new label when a span is relabelled, and undo restores it', async () => {
    const t = await createTestStore();
    const spanId = labelText(t, 'Ali-Asghar Khaji', 'actor')!;
    const khaji = await t.state().createEntity('actor', 'Ali-Asghar Khaji', 'person');
    t.state().linkSpanToEntity(spanId, khaji!.id);
    const span = () => t.doc().article!.spans.find((s) => s.id === spanId)!;
    expect(span().entityId).toBe(khaji!.id);

    t.state().relabelSpan(spanId, 'claim');
    expect(span()).toMatchObject({ labelId: 'claim' });
    expect(span().entityId).toBeUndefined();
    await t.saved();
    expect(t.api.articles.get('art1')!.spans[0].entityId).toBeUndefined();

    t.state().undo();
    expect(span()).toMatchObject({ labelId: 'actor', entityId: khaji!.id });
    await t.saved();
    expect(t.api.articles.get('art1')!.spans[0]).toMatchObject({ labelId: 'actor', entityId: khaji!.id });
  });

  it('undo and redo after a merge or delete link to the entity that is left, never to one that is gone', async () => {
    const t = await createTestStore();
    const spanId = labelText(t, 'Ali-Asghar Khaji', 'actor')!;
    const full = await t.state().createEntity('actor', 'Ali-Asghar Khaji', 'person');
    const short = await t.state().createEntity('actor', 'Khaji', 'person');
    const span = () => t.doc().article!.spans.find((s) => s.id === spanId)!;
    t.state().linkSpanToEntity(spanId, short!.id);
    await t.saved();
    t.state().undo();
    await t.saved();
    expect(span().entityId).toBeUndefined();

    // "Khaji" is merged into "Ali-Asghar Khaji": redoing the link links the kept entity.
    expect(await t.state().mergeEntities([full!.id, short!.id], full!.id)).toBe(true);
    t.state().redo();
    expect(span().entityId).toBe(full!.id);
    await t.saved();
    expect(t.api.articles.get('art1')!.spans[0].entityId).toBe(full!.id);

    // The kept entity is deleted: undoing and redoing the link never names it again.
    expect(await t.state().deleteEntities([full!.id])).toBe(true);
    expect(span().entityId).toBeUndefined();
    t.state().undo();
    t.state().redo();
    await t.saved();
    expect(span().entityId).toBeUndefined();
    expect(t.api.articles.get('art1')!.spans[0].entityId).toBeUndefined();
  });
});
