/**
 * Normalising a mention, in the selected span's card: an actor span is linked to an actor
 * entity ("Entity"), a claim span to a concept ("Concept"). A combobox (ARIA 1.2 pattern:
 * the input keeps focus, arrow keys move through the options, Enter picks, Esc closes)
 * searches the workspace's entries of that kind by name and alias, suggests the ones the
 * mention's words match (`suggestEntities`), and offers to create a new one (with an actor
 * type for actors). Linking is an undoable span edit.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { ActorType, Entity, EntityKind, Span } from '../../../shared/domain/model';
import { foldForMatching, suggestEntities } from '../../../shared/network/suggest';
import { focusArticleText } from '../document/ArticleText';
import { spanText } from '../document/spanText';
import { useDocument, useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { ACTOR_TYPE_TEXT, ACTOR_TYPES } from './entitiesSlice';
import './entities.css';

type Option = { kind: 'entity'; entity: Entity; note: string } | { kind: 'create'; name: string };

const MAX_OPTIONS = 8;

/** Entries of `kind` whose name or an alias contains the query (folded), then word matches. */
export function searchEntities(query: string, entities: readonly Entity[], kind: EntityKind): { entity: Entity; note: string }[] {
  const q = foldForMatching(query);
  if (!q) return [];
  const out: { entity: Entity; note: string }[] = [];
  const seen = new Set<string>();
  for (const e of entities) {
    if (e.kind !== kind) continue;
    if (foldForMatching(e.name).includes(q)) out.push({ entity: e, note: '' });
    else {
      const alias = e.aliases.find((a) => foldForMatching(a).includes(q));
      if (!alias) continue;
      out.push({ entity: e, note: `also “${alias}”` });
    }
    seen.add(e.id);
  }
  out.sort((a, b) => a.entity.name.localeCompare(b.entity.name));
  for (const s of suggestEntities(query, entities, kind, { limit: MAX_OPTIONS }))
    if (!seen.has(s.entity.id)) out.push({ entity: s.entity, note: 'similar words' });
  return out.slice(0, MAX_OPTIONS);
}

export function EntityField({ span, kind }: { span: Span; kind: EntityKind }) {
  const store = useWorkbenchStore();
  const entities = useWorkbench((s) => s.entities);
  const loaded = useWorkbench((s) => s.entitiesLoaded);
  const mention = useDocument((doc) => (doc.article ? spanText(doc.article.text, span) : ''));
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [actorType, setActorType] = useState<ActorType>('person');
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const title = kind === 'actor' ? 'Entity' : 'Concept';

  useEffect(() => {
    void store.getState().loadEntities();
  }, [store]);
  useEffect(() => {
    setQuery('');
    setOpen(false);
    setActive(-1);
  }, [span.id]);

  const target = span.entityId ? entities.find((e) => e.id === span.entityId) : undefined;
  // A link of the other kind (an actor entity on a claim span, e.g. from an import) is shown as such, not as the value.
  const linked = target?.kind === kind ? target : undefined;
  const misfit = target && target.kind !== kind ? target : undefined;
  const suggestions = useMemo(
    () => suggestEntities(mention, entities, kind, { limit: 5 }).filter((s) => s.entity.id !== span.entityId),
    [mention, entities, kind, span.entityId],
  );

  const options: Option[] = useMemo(() => {
    const q = query.trim();
    if (!q) return suggestions.map((s) => ({ kind: 'entity', entity: s.entity, note: s.match === 'tokens' ? 'suggested' : `matches “${s.matched}”` }));
    const found: Option[] = searchEntities(q, entities, kind).map((f) => ({ kind: 'entity', ...f }));
    const exact = entities.some((e) => e.kind === kind && foldForMatching(e.name) === foldForMatching(q));
    return exact ? found : [...found, { kind: 'create', name: q }];
  }, [query, suggestions, entities, kind]);

  const link = (entityId: string | null) => {
    store.getState().linkSpanToEntity(span.id, entityId);
    setQuery('');
    setOpen(false);
    setActive(-1);
  };
  const choose = async (option: Option) => {
    if (option.kind === 'entity') link(option.entity.id);
    else {
      const created = await store.getState().createEntity(kind, option.name, kind === 'actor' ? actorType : undefined);
      if (created) link(created.id);
    }
  };

  const showList = open && options.length > 0;
  const creating = kind === 'actor' && query.trim() !== '' && options.some((o) => o.kind === 'create');
  const top = suggestions[0];

  return (
    <div className="field entity-field">
      <label htmlFor={inputId}>{title}</label>
      {linked && (
        <div className="entity-linked">
          <span className={`entity-chip is-${kind}`} dir="auto">
            {linked.name}
          </span>
          {linked.actorType && <span className="muted small">{ACTOR_TYPE_TEXT[linked.actorType]}</span>}
          <button type="button" className="link-button small" onClick={() => link(null)} aria-label={`Unlink ${title.toLowerCase()} ${linked.name}`}>
            Unlink
          </button>
        </div>
      )}
      {span.entityId && !target && loaded && <p className="hint">Linked to an entry that no longer exists.</p>}
      {misfit && (
        <p className="hint">
          Linked to the {misfit.kind === 'actor' ? 'actor' : 'concept'} “<span dir="auto">{misfit.name}</span>”, which is not {kind === 'actor' ? 'an actor' : 'a concept'}.{' '}
          <button type="button" className="link-button small" onClick={() => link(null)} aria-label={`Unlink ${misfit.name}`}>
            Unlink
          </button>
        </p>
      )}
      <div className="combobox">
        <div className="combobox-row">
          <input
            id={inputId}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={showList}
            aria-controls={listId}
            aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
            placeholder={linked ? `Change the ${title.toLowerCase()}…` : kind === 'actor' ? 'Search or create an actor…' : 'Search or create a concept…'}
            value={query}
            dir="auto"
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                setOpen(true);
                if (!options.length) return;
                const step = e.key === 'ArrowDown' ? 1 : -1;
                setActive((a) => (a < 0 ? (step > 0 ? 0 : options.length - 1) : (a + step + options.length) % options.length));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                const option = options[active] ?? (query.trim() ? options[0] : undefined);
                if (option) void choose(option).then(() => focusArticleText());
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                if (showList) setOpen(false);
                else {
                  setQuery('');
                  focusArticleText();
                }
              }
            }}
          />
          {creating && (
            <>
              <label htmlFor={`${id}-type`} className="visually-hidden">
                Actor type
              </label>
              <select
                id={`${id}-type`}
                className="actor-type-select"
                title="Actor type of the new actor"
                value={actorType}
                onChange={(e) => setActorType(e.target.value as ActorType)}
              >
                {ACTOR_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {ACTOR_TYPE_TEXT[t]}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
        <ul id={listId} role="listbox" aria-label={`${title} choices`} className="combobox-list" hidden={!showList}>
          {options.map((o, i) => (
            <li
              key={o.kind === 'entity' ? o.entity.id : 'create'}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // Keep the focus in the input: the option is chosen on mouse down.
              onMouseDown={(e) => {
                e.preventDefault();
                void choose(o);
              }}
            >
              {o.kind === 'entity' ? (
                <>
                  <span dir="auto">{o.entity.name}</span>
                  {o.entity.actorType && <span className="muted small"> · {ACTOR_TYPE_TEXT[o.entity.actorType]}</span>}
                  {o.note && <span className="muted small"> · {o.note}</span>}
                </>
              ) : (
                <>
                  Create {kind === 'actor' ? 'actor' : 'concept'} “<span dir="auto">{o.name}</span>”
                  {kind === 'actor' && <span className="muted small"> · {ACTOR_TYPE_TEXT[actorType]}</span>}
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      {!linked && top && !query && (
        <p className="hint entity-suggestion">
          Suggested:{' '}
          <button type="button" className="link-button" aria-label={`Link to ${top.entity.name}`} onClick={() => link(top.entity.id)}>
            {top.entity.name}
          </button>
          {suggestions.length > 1 && <span> and {suggestions.length - 1} more in the list</span>}
        </p>
      )}
    </div>
  );
}
