/**
 * Entities annotators proposed (docs/teams.md, "Entity proposals"): an entity or concept an
 * annotator's collected spans link to that the lead's registry lacks (or holds otherwise under
 * that id). The lead accepts one (it joins the registry as the annotator made it), merges it into
 * an existing entry (links to it mean that entry), or rejects it (links to it are dropped).
 * Decisions are kept in team.json; curation applies them when it copies spans into gold
 * (`linkFor`), and the layers themselves stay as the annotator sent them.
 */
import { WorkbenchError } from '../../shared/api/errors';
import type { Entity } from '../../shared/domain/model';
import { layerCounts, listLayers } from './layerStore';
import { readTeamRecord, writeTeamRecord, type ProposalDecision } from './packagesRecord';
import type { WorkspaceStore } from './workspaceStore';

export interface EntityProposal {
  entity: Entity;
  /** Who proposed it, sorted. */
  annotators: string[];
  /** Articles whose collected layers link to it. */
  articles: number;
  decision?: ProposalDecision;
}

/** Every proposal in the collected layers, by name then id. */
export async function listProposals(store: WorkspaceStore): Promise<EntityProposal[]> {
  const registry = new Map(store.entities.map((e) => [e.id, JSON.stringify(e)]));
  const { record } = await readTeamRecord(store.dir);
  const found = new Map<string, { entity: Entity; annotators: Set<string>; articles: Set<string> }>();
  for (const [articleId] of await layerCounts(store.dir)) {
    if (!store.hasArticle(articleId)) continue;
    for (const layer of await listLayers(store.dir, articleId)) {
      for (const entity of layer.entities) {
        const decided = record.proposalDecisions[entity.id];
        // Accepted ones are in the registry now; still listed while the record says accepted, so the decision shows.
        if (registry.get(entity.id) === JSON.stringify(entity) && decided?.decision !== 'accepted') continue;
        const entry = found.get(entity.id) ?? { entity, annotators: new Set<string>(), articles: new Set<string>() };
        entry.annotators.add(layer.annotator);
        entry.articles.add(articleId);
        found.set(entity.id, entry);
      }
    }
  }
  return [...found.values()]
    .map(({ entity, annotators, articles }) => ({
      entity,
      annotators: [...annotators].sort(),
      articles: articles.size,
      ...(record.proposalDecisions[entity.id] ? { decision: record.proposalDecisions[entity.id] } : {}),
    }))
    .sort((a, b) => a.entity.name.localeCompare(b.entity.name) || (a.entity.id < b.entity.id ? -1 : 1));
}

/** Record the lead's decision; an accepted entity joins the registry (refused if its name is taken there: merge instead). */
export async function decideProposal(store: WorkspaceStore, entityId: string, decision: ProposalDecision): Promise<void> {
  const proposal = (await listProposals(store)).find((p) => p.entity.id === entityId);
  if (!proposal) throw new WorkbenchError('not_found', `no collected layer proposes an entity with id ${entityId}`);
  const { entity } = proposal;
  if (decision.decision === 'merged') {
    const into = store.entities.find((e) => e.id === decision.into);
    if (!into) throw new WorkbenchError('not_found', `the registry has no entity with id ${decision.into} to merge ${entity.name} into`);
    if (into.kind !== entity.kind) throw new WorkbenchError('invalid_input', `${entity.name} is an ${entity.kind}, ${into.name} an ${into.kind}: merge into an entry of the same kind`);
  }
  if (decision.decision === 'accepted') {
    if (store.entities.some((e) => e.id === entity.id))
      throw new WorkbenchError('conflict', `the registry has another entry under ${entity.id} than ${proposal.annotators.join(', ')} made: merge into it or reject the proposal`);
    const clash = store.entities.find((e) => e.id !== entity.id && e.kind === entity.kind && e.name.toLocaleLowerCase() === entity.name.toLocaleLowerCase());
    if (clash) throw new WorkbenchError('conflict', `the registry already has an ${entity.kind} named "${clash.name}" (${clash.id}): merge ${entity.id} into it instead`);
    await store.updateManifest((m) => void m.entities.push(structuredClone(entity)));
  }
  const { record } = await readTeamRecord(store.dir);
  await writeTeamRecord(store.dir, { ...record, proposalDecisions: { ...record.proposalDecisions, [entityId]: decision } });
}
