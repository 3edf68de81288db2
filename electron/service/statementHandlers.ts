/**
 * Statements and normalisation on the service side: the workspace's actor entities and claim
 * concepts (kept in the manifest), merging and deleting them (which relinks spans in every
 * article that uses them), and the flattened statement rows networks and charts are built from
 * (flattened by shared/network's statementRowsOf).
 */
import type { StatementRow, WorkbenchHandlers } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import { nowIso, type Article } from '../../shared/domain/model';
import { statementRowsOf } from '../../shared/network/statementRow';
import type { WorkspaceStore } from './workspaceStore';

type StatementHandlerNames = 'listEntities' | 'saveEntity' | 'deleteEntity' | 'mergeEntities' | 'listStatements';

export function createStatementHandlers(
  store: WorkspaceStore,
  runExclusive: <T>(key: string, task: () => Promise<T>) => Promise<T>,
  manifestKey: string,
): Pick<WorkbenchHandlers, StatementHandlerNames> {
  /** Rewrite the entity links of spans in every article, returning how many spans changed. */
  const relinkSpans = async (map: (entityId: string) => string | null | undefined) => {
    let changed = 0;
    for (const entry of store.articleEntries) {
      await runExclusive(entry.id, async () => {
        let article: Article;
        try {
          article = await store.readArticle(entry.id);
        } catch {
          return; // a broken article file is reported by the library; it has no links to fix we can read
        }
        let touched = false;
        const spans = article.spans.map((s) => {
          if (!s.entityId) return s;
          const next = map(s.entityId);
          if (next === undefined) return s;
          touched = true;
          changed++;
          const { entityId: _old, ...rest } = s;
          return next === null ? { ...rest, updatedAt: nowIso() } : { ...rest, entityId: next, updatedAt: nowIso() };
        });
        if (touched) await store.saveArticle({ ...article, spans, updatedAt: nowIso() });
      });
    }
    return changed;
  };

  return {
    async listEntities({ query }) {
      const q = query?.trim().toLocaleLowerCase();
      const all = store.entities;
      if (!q) return [...all];
      return all.filter((e) => [e.name, ...e.aliases].some((n) => n.toLocaleLowerCase().includes(q)));
    },

    saveEntity({ entity }) {
      return runExclusive(manifestKey, async () => {
        const clash = store.entities.find(
          (e) => e.id !== entity.id && e.kind === entity.kind && e.name.toLocaleLowerCase() === entity.name.toLocaleLowerCase(),
        );
        if (clash) throw new WorkbenchError('conflict', `an ${entity.kind} named "${entity.name}" already exists; merge them instead`);
        await store.updateManifest((m) => {
          const i = m.entities.findIndex((e) => e.id === entity.id);
          if (i >= 0) m.entities[i] = entity;
          else m.entities.push(entity);
        });
        return entity;
      });
    },

    deleteEntity({ id }) {
      return runExclusive(manifestKey, async () => {
        if (!store.entities.some((e) => e.id === id)) throw new WorkbenchError('not_found', `no entity with id ${id}`);
        const spansUnlinked = await relinkSpans((eid) => (eid === id ? null : undefined));
        await store.updateManifest((m) => {
          m.entities = m.entities.filter((e) => e.id !== id);
        });
        return { deleted: id, spansUnlinked };
      });
    },

    mergeEntities({ ids, intoId }) {
      return runExclusive(manifestKey, async () => {
        const target = store.entities.find((e) => e.id === intoId);
        if (!target) throw new WorkbenchError('not_found', `no entity with id ${intoId}`);
        const sources = ids.filter((id) => id !== intoId).map((id) => {
          const e = store.entities.find((x) => x.id === id);
          if (!e) throw new WorkbenchError('not_found', `no entity with id ${id}`);
          if (e.kind !== target.kind) throw new WorkbenchError('conflict', `cannot merge ${e.kind} "${e.name}" into ${target.kind} "${target.name}"`);
          return e;
        });
        const sourceIds = new Set(sources.map((s) => s.id));
        const spansRelinked = await relinkSpans((eid) => (sourceIds.has(eid) ? intoId : undefined));
        const aliases = [...new Set([...target.aliases, ...sources.flatMap((s) => [s.name, ...s.aliases])])].filter((a) => a !== target.name);
        const merged = { ...target, aliases, attributes: { ...Object.assign({}, ...sources.map((s) => s.attributes)), ...target.attributes } };
        await store.updateManifest((m) => {
          m.entities = m.entities.filter((e) => !sourceIds.has(e.id)).map((e) => (e.id === intoId ? merged : e));
        });
        return { entity: merged, spansRelinked };
      });
    },

    async listStatements({ articleIds, status }) {
      const wanted = articleIds ? new Set(articleIds) : null;
      const rows: StatementRow[] = [];
      for (const entry of store.articleEntries) {
        if (wanted && !wanted.has(entry.id)) continue;
        if (status && entry.status !== status) continue;
        if (entry.statementCount === 0) continue;
        try {
          rows.push(...statementRowsOf(await store.readArticle(entry.id)));
        } catch {
          // unreadable article: shown with its error in the library; its statements are skipped
        }
      }
      return rows;
    },
  };
}
