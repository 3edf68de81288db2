/**
 * The Entities view: every actor entity and claim concept of the workspace in one table
 * (named "Entities"), searchable by name and alias, filterable by kind. Names, actor types and
 * aliases are edited in place; checked rows can be merged ("Merge into…") or deleted; new
 * actors and concepts are added from the toolbar. The statement counts come from the
 * workspace's statements (`listStatements`).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ActorType, Entity, EntityKind } from '../../../shared/domain/model';
import { foldForMatching } from '../../../shared/network/suggest';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { ACTOR_TYPE_TEXT, ACTOR_TYPES } from './entitiesSlice';
import './entities.css';

const PAGE = 200;
type KindFilter = 'all' | EntityKind;

function matches(e: Entity, q: string): boolean {
  return !q || foldForMatching(e.name).includes(q) || e.aliases.some((a) => foldForMatching(a).includes(q));
}

export const parseAliases = (text: string): string[] => [...new Set(text.split(';').map((a) => a.trim()).filter(Boolean))];

export function EntitiesView() {
  const store = useWorkbenchStore();
  const entities = useWorkbench((s) => s.entities);
  const loaded = useWorkbench((s) => s.entitiesLoaded);
  const checked = useWorkbench((s) => s.checkedEntityIds);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [limit, setLimit] = useState(PAGE);
  const [counts, setCounts] = useState<Map<string, number> | null>(null);

  useEffect(() => {
    void store.getState().loadEntities(true);
  }, [store]);
  // Counted again when entries come or go: a merge moves the merged-away entries' statements
  // to the one kept, a deletion leaves them unlinked. Renames and actor types change no count.
  const idKey = useMemo(() => entities.map((e) => e.id).sort().join('\n'), [entities]);
  useEffect(() => {
    let live = true;
    store
      .getState()
      .countStatementsByEntity()
      .then((c) => live && setCounts(c));
    return () => {
      live = false;
    };
  }, [store, idKey]);

  const q = foldForMatching(query);
  const shown = useMemo(
    () =>
      entities
        .filter((e) => (kind === 'all' || e.kind === kind) && matches(e, q))
        .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'actor' ? -1 : 1)),
    [entities, kind, q],
  );
  const checkedShown = checked.filter((id) => entities.some((e) => e.id === id));
  const allChecked = shown.length > 0 && shown.every((e) => checked.includes(e.id));
  const actors = entities.filter((e) => e.kind === 'actor').length;

  return (
    <div className="entities-view">
      <header className="view-header">
        <button type="button" className="button ghost back" onClick={() => store.getState().setScreen('main')}>
          <span aria-hidden="true">←</span> Back
        </button>
        <div>
          <h1>Entities and concepts</h1>
          <p className="muted small">
            {actors} actor {actors === 1 ? 'entity' : 'entities'} · {entities.length - actors} concept
            {entities.length - actors === 1 ? '' : 's'}. Link mentions to them from the selected span’s card.
          </p>
        </div>
      </header>
      <div className="entities-body">
        <div className="library-toolbar entities-toolbar">
          <div className="search">
            <span className="search-icon" aria-hidden="true">
              ⌕
            </span>
            <input
              type="search"
              aria-label="Filter entities"
              placeholder="Filter by name or alias"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setLimit(PAGE);
              }}
            />
          </div>
          <div className="segmented" role="radiogroup" aria-label="Show">
            {(['all', 'actor', 'concept'] as const).map((k) => (
              <label key={k} className={kind === k ? 'is-on' : undefined}>
                <input type="radio" name="entity-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                {k === 'all' ? 'All' : k === 'actor' ? 'Actors' : 'Concepts'}
              </label>
            ))}
          </div>
          <div className="toolbar-actions">
            <button
              type="button"
              className="button"
              disabled={checkedShown.length < 2}
              onClick={() => store.getState().openDialog({ kind: 'mergeEntities', ids: [...checkedShown] })}
            >
              Merge into…
            </button>
            <button
              type="button"
              className="button danger-quiet"
              disabled={checkedShown.length < 1}
              onClick={() => store.getState().openDialog({ kind: 'deleteEntities', ids: [...checkedShown] })}
            >
              Delete{checkedShown.length > 0 ? ` (${checkedShown.length})` : ''}
            </button>
          </div>
        </div>
        <NewEntityForm />
        {!loaded ? (
          <p className="muted">Loading…</p>
        ) : entities.length === 0 ? (
          <div className="empty-state">
            <h2>No entities yet</h2>
            <p>Add one above, or select an actor or claim span in an article and type a name in its “Entity” or “Concept” field.</p>
          </div>
        ) : (
          <table className="library-table entities-table" aria-label="Entities">
            <thead>
              <tr>
                <th className="col-check">
                  <input
                    type="checkbox"
                    aria-label="Check all shown"
                    checked={allChecked}
                    onChange={() =>
                      store.getState().setCheckedEntities(allChecked ? checked.filter((id) => !shown.some((e) => e.id === id)) : [...new Set([...checked, ...shown.map((e) => e.id)])])
                    }
                  />
                </th>
                <th>Name</th>
                <th>Kind</th>
                <th>Actor type</th>
                <th>Aliases</th>
                <th className="col-num">Statements</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, limit).map((e) => (
                <EntityRow key={e.id} entity={e} checked={checked.includes(e.id)} statements={counts ? (counts.get(e.id) ?? 0) : undefined} />
              ))}
              {shown.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty-row">
                    Nothing matches “{query}”.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
        {shown.length > limit && (
          <button type="button" className="link-button" onClick={() => setLimit(shown.length)}>
            Show all {shown.length}
          </button>
        )}
      </div>
    </div>
  );
}

function NewEntityForm() {
  const store = useWorkbenchStore();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<EntityKind>('actor');
  const [actorType, setActorType] = useState<ActorType>('person');
  return (
    <form
      className="new-entity"
      aria-label="New entity"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        const made = await store.getState().createEntity(kind, name, kind === 'actor' ? actorType : undefined);
        if (made) {
          setName('');
          store.getState().showNotice(`Added ${kind === 'actor' ? 'actor' : 'concept'} “${made.name}”.`);
        }
      }}
    >
      <select aria-label="Kind of the new entry" value={kind} onChange={(e) => setKind(e.target.value as EntityKind)}>
        <option value="actor">Actor</option>
        <option value="concept">Concept</option>
      </select>
      <input aria-label="Name of the new entry" placeholder={kind === 'actor' ? 'New actor name' : 'New concept (short name)'} value={name} onChange={(e) => setName(e.target.value)} />
      {kind === 'actor' && (
        <select aria-label="Actor type of the new entry" value={actorType} onChange={(e) => setActorType(e.target.value as ActorType)}>
          {ACTOR_TYPES.map((t) => (
            <option key={t} value={t}>
              {ACTOR_TYPE_TEXT[t]}
            </option>
          ))}
        </select>
      )}
      <button type="submit" className="button primary" disabled={!name.trim()}>
        Add
      </button>
    </form>
  );
}

function EntityRow({ entity, checked, statements }: { entity: Entity; checked: boolean; statements: number | undefined }) {
  const store = useWorkbenchStore();
  const [name, setName] = useState(entity.name);
  const aliasText = entity.aliases.join('; ');
  const [aliases, setAliases] = useState(aliasText);
  // Follow the stored values when they change (by value: a save of another field returns a new
  // aliases array, which must not wipe what is being typed here).
  useEffect(() => setName(entity.name), [entity.name]);
  useEffect(() => setAliases(aliasText), [aliasText]);
  const save = async (patch: Partial<Entity>) => {
    const saved = await store.getState().updateEntity(entity.id, patch);
    if (!saved) {
      setName(entity.name);
      setAliases(entity.aliases.join('; '));
    }
  };
  const commitName = () => {
    const next = name.trim();
    if (!next) setName(entity.name);
    else if (next !== entity.name) void save({ name: next });
  };
  const commitAliases = () => {
    const next = parseAliases(aliases);
    if (next.join('\u0000') !== entity.aliases.join('\u0000')) void save({ aliases: next });
  };
  const onKey = (commit: () => void, reset: () => void) => (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      reset();
    }
  };
  const checkboxId = `check-${entity.id}`;
  return (
    <tr className={checked ? 'is-checked' : undefined}>
      <td className="col-check">
        <input
          id={checkboxId}
          type="checkbox"
          aria-label={`Check ${entity.name}`}
          checked={checked}
          onChange={() => {
            const ids = store.getState().checkedEntityIds;
            store.getState().setCheckedEntities(checked ? ids.filter((x) => x !== entity.id) : [...ids, entity.id]);
          }}
        />
      </td>
      <td>
        <input
          className="cell-input name-input"
          aria-label={`Name of ${entity.name}`}
          dir="auto"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={onKey(commitName, () => setName(entity.name))}
        />
      </td>
      <td>
        <span className={`entity-chip is-${entity.kind}`}>{entity.kind === 'actor' ? 'Actor' : 'Concept'}</span>
      </td>
      <td>
        {entity.kind === 'actor' ? (
          <select
            className="compact-select"
            aria-label={`Actor type of ${entity.name}`}
            value={entity.actorType ?? 'other'}
            onChange={(e) => void save({ actorType: e.target.value as ActorType })}
          >
            {ACTOR_TYPES.map((t) => (
              <option key={t} value={t}>
                {ACTOR_TYPE_TEXT[t]}
              </option>
            ))}
          </select>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <input
          className="cell-input"
          aria-label={`Aliases of ${entity.name}`}
          placeholder="Add aliases, separated by ;"
          title="Other names of this entry, separated by semicolons"
          dir="auto"
          value={aliases}
          onChange={(e) => setAliases(e.target.value)}
          onBlur={commitAliases}
          onKeyDown={onKey(commitAliases, () => setAliases(entity.aliases.join('; ')))}
        />
      </td>
      <td className="col-num">{statements ?? ''}</td>
    </tr>
  );
}
