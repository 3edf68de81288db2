/**
 * Normalisation targets of the workspace: actor entities ("Ali-Asghar Khaji", a person) and
 * claim concepts ("U.S. withdrawal from Syria"), loaded once and kept in step with the service.
 * Linking a span to one is an ordinary span edit (`updateSpan` with `entityId`), so it is saved,
 * undone and redone like any other edit. Deleting or merging entities relinks spans in every
 * article on the service; the open article is patched the same way here.
 */
import type { Edit } from '../../../shared/domain/edits';
import type { ActorType, Article, Entity } from '../../../shared/domain/model';
import type { EntitiesSlice, SliceCreator } from '../store/types';
import { documentOf } from '../store/documentState';

export const ACTOR_TYPES: readonly ActorType[] = ['person', 'organisation', 'state', 'other'];
export const ACTOR_TYPE_TEXT: Record<ActorType, string> = {
  person: 'Person',
  organisation: 'Organisation',
  state: 'State',
  other: 'Other',
};

/**
 * The same batches with their entity links moved as the service moved the spans' links (`map`
 * gives the new id, null for "unlinked", undefined for "unchanged"), so that undo and redo after
 * a merge or delete never bring back a link to an entity that no longer exists.
 */
export function relinkEdits(edits: readonly Edit[], map: (entityId: string) => string | null | undefined): readonly Edit[] {
  let touched = false;
  const out = edits.map((e): Edit => {
    if (e.type === 'addSpan' && e.span.entityId) {
      const next = map(e.span.entityId);
      if (next === undefined) return e;
      touched = true;
      const { entityId: _old, ...span } = e.span;
      return { ...e, span: next === null ? span : { ...span, entityId: next } };
    }
    if (e.type === 'updateSpan' && e.patch.entityId) {
      const next = map(e.patch.entityId);
      if (next === undefined) return e;
      touched = true;
      return { ...e, patch: { ...e.patch, entityId: next } };
    }
    return e;
  });
  return touched ? out : edits;
}

export const createEntitiesSlice: SliceCreator<EntitiesSlice> = (set, get, { api, now, newId }) => {
  let loading: Promise<void> | null = null;
  /** The last pending update of each entity (see updateEntity). */
  const updating = new Map<string, Promise<Entity | null>>();

  /** Apply the service's relinking to the open article (and its acknowledged state). */
  const relinkOpenArticle = async (map: (entityId: string) => string | null | undefined) => {
    const session = get().documentSession;
    const unchanged = (a: Article) => a;
    session.rewrite(unchanged, (edits) => relinkEdits(edits, map));
    const id = get().openArticleId;
    if (!id) return;
    await get().whenSaved(id);
    const patch = (a: Article): Article => {
      if (a.id !== id) return a;
      let touched = false;
      const spans = a.spans.map((s) => {
        const next = s.entityId ? map(s.entityId) : undefined;
        if (next === undefined) return s;
        touched = true;
        const { entityId: _old, ...rest } = s;
        return next === null ? rest : { ...rest, entityId: next };
      });
      return touched ? { ...a, spans } : a;
    };
    if (session.state.article && patch(session.state.article) !== session.state.article) session.rewrite(patch, (edits) => edits);
  };

  return {
    entities: [],
    entitiesLoaded: false,
    checkedEntityIds: [],
    setCheckedEntities: (ids) => set({ checkedEntityIds: [...ids] }),

    loadEntities: (force) => {
      if (get().entitiesLoaded && !force) return Promise.resolve();
      if (loading) return loading;
      loading = (async () => {
        try {
          set({ entities: await api.listEntities({}), entitiesLoaded: true });
        } catch (err) {
          get().reportError(err, 'Could not load the entities');
        } finally {
          loading = null;
        }
      })();
      return loading;
    },

    saveEntity: async (entity) => {
      try {
        const saved = await api.saveEntity({ entity });
        set((s) => {
          const i = s.entities.findIndex((e) => e.id === saved.id);
          return { entities: i >= 0 ? s.entities.map((e, k) => (k === i ? saved : e)) : [...s.entities, saved] };
        });
        return saved;
      } catch (err) {
        get().reportError(err, `Could not save “${entity.name}”`);
        return null;
      }
    },

    updateEntity: (id, patch) => {
      const queued = (updating.get(id) ?? Promise.resolve(null)).then(() => {
        const current = get().entities.find((e) => e.id === id);
        return current ? get().saveEntity({ ...current, ...patch }) : null;
      });
      updating.set(id, queued);
      void queued.then(() => {
        if (updating.get(id) === queued) updating.delete(id);
      });
      return queued;
    },

    createEntity: (kind, name, actorType) =>
      get().saveEntity({
        id: newId(kind === 'actor' ? 'ent' : 'con'),
        kind,
        name: name.trim(),
        ...(kind === 'actor' ? { actorType: actorType ?? 'person' } : {}),
        aliases: [],
        attributes: {},
      }),

    deleteEntities: async (ids) => {
      const done = new Set<string>();
      let ok = true;
      for (const id of ids) {
        try {
          await api.deleteEntity({ id });
          done.add(id);
        } catch (err) {
          ok = false;
          get().reportError(err, 'Could not delete an entity');
        }
      }
      set((s) => ({ entities: s.entities.filter((e) => !done.has(e.id)), checkedEntityIds: s.checkedEntityIds.filter((id) => !done.has(id)) }));
      await relinkOpenArticle((eid) => (done.has(eid) ? null : undefined));
      return ok;
    },

    mergeEntities: async (ids, intoId) => {
      const sources = new Set(ids.filter((id) => id !== intoId));
      try {
        const { entity } = await api.mergeEntities({ ids: [...sources], intoId });
        set((s) => ({ entities: s.entities.filter((e) => !sources.has(e.id)).map((e) => (e.id === intoId ? entity : e)) }));
        await relinkOpenArticle((eid) => (sources.has(eid) ? intoId : undefined));
        return true;
      } catch (err) {
        get().reportError(err, 'Could not merge');
        return false;
      }
    },

    countStatementsByEntity: async () => {
      const counts = new Map<string, number>();
      try {
        for (const row of await api.listStatements({})) {
          if (row.actorEntityId) counts.set(row.actorEntityId, (counts.get(row.actorEntityId) ?? 0) + 1);
          if (row.conceptId) counts.set(row.conceptId, (counts.get(row.conceptId) ?? 0) + 1);
        }
      } catch (err) {
        get().reportError(err, 'Could not count the statements');
      }
      return counts;
    },

    linkSpanToEntity: (spanId, entityId) => {
      const s = get();
      const span = documentOf(s).article?.spans.find((sp) => sp.id === spanId);
      if (!span || (span.entityId ?? null) === entityId) return;
      const name = entityId ? s.entities.find((e) => e.id === entityId)?.name : undefined;
      s.runEdits([{ type: 'updateSpan', id: spanId, patch: { entityId, updatedAt: now() } }], entityId ? `Link to ${name ?? 'entity'}` : 'Unlink entity');
    },
  };
};
