/**
 * The API handlers of team work (shared/api/teamContract.ts): thin wrappers over the same plan
 * and commit functions the CLI commands use (packagesAssign/Open/Work/Collect.ts, agreementData.ts),
 * so the app and `npx workbench` refuse and write exactly alike. Every writing operation runs in
 * one queue: two collects at once would otherwise read the same team record and one would lose
 * the other's entry.
 */
import { promises as fsp } from 'node:fs';
import { computeAgreement } from '../../shared/agreement/agreement';
import { curationProgressOf } from '../../shared/agreement/curation';
import type { CurationProgress } from '../../shared/api/teamContract';
import { codedAnything } from '../../shared/domain/layers';
import { isUploadedFile, type ImportFile, type WorkbenchHandlers } from '../../shared/api/contract';
import { readAssignmentPackage } from '../../shared/teams/assignmentPackage';
import { PACKAGE_EXTENSION } from '../../shared/teams/package';
import { openWorkPackage } from '../../shared/teams/workPackage';
import { agreementData } from './agreementData';
import { decideProposal, listProposals } from './entityProposals';
import { articleLayerOf, spanPlacesOf } from './layerReply';
import { layerCounts, layerStamps, listLayers } from './layerStore';
import { makeAssignmentPackages } from './packagesAssign';
import { UnassignedWorkError, commitCollect, planCollect } from './packagesCollect';
import { LabelMappingNeededError } from './packagesLabels';
import { commitOpenPackage, planOpenPackage } from './packagesOpen';
import { readTeamRecord } from './packagesRecord';
import { makeWorkPackage } from './packagesWork';
import type { Uploads } from './uploads';
import type { KeyedQueue, WorkspaceStore } from './workspaceStore';

export type TeamHandlerNames =
  | 'getTeamStatus'
  | 'listArticleLayers'
  | 'computeAgreement'
  | 'assignArticles'
  | 'openAssignmentPackage'
  | 'exportWorkPackage'
  | 'collectWorkPackage'
  | 'getCurationProgress'
  | 'listEntityProposals'
  | 'decideEntityProposal';

const TEAM_KEY = '\u0000team';

/** A package of another label schema, answered with the labels to map (the CLI and the Team screen ask). */
const needsLabelMapping = (err: LabelMappingNeededError) => ({
  status: 'needsLabelMapping' as const,
  annotator: err.annotator,
  message: err.differences,
  labels: err.labels.map((l) => ({ id: l.id, name: l.name })),
});
const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function createTeamHandlers(store: WorkspaceStore, uploads: Uploads, queue: KeyedQueue): Pick<WorkbenchHandlers, TeamHandlerNames> {
  const bytesOf = async (file: ImportFile): Promise<{ name: string; bytes: Uint8Array }> => {
    if (isUploadedFile(file)) {
      const { name, path } = uploads.pathOf(file);
      return { name, bytes: await fsp.readFile(path) };
    }
    return { name: file.name, bytes: file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8') };
  };
  const inQueue = <T>(task: () => Promise<T>) => queue.run(TEAM_KEY, task);
  const progressCache = new Map<string, { key: string; progress: CurationProgress }>();

  return {
    getTeamStatus: async () => {
      const { record } = await readTeamRecord(store.dir);
      return {
        ...(record.workspaceId ? { workspaceId: record.workspaceId } : {}),
        opened: record.openedPackages.map((p) => ({ packageId: p.packageId, lead: p.lead, annotator: p.annotator, articles: p.articleIds.length })),
        assignments: record.assignments.map((a) => ({ packageId: a.packageId, annotator: a.annotator, createdAt: a.createdAt, articles: a.articleIds.length })),
        collected: record.collectedPackages.map((c) => ({ packageId: c.packageId, annotator: c.annotator, collectedAt: c.collectedAt, articles: Object.keys(c.revisions).length })),
        layerCounts: Object.fromEntries(await layerCounts(store.dir)),
      };
    },

    listArticleLayers: async ({ articleId }) => {
      await store.readArticle(articleId); // not_found for an unknown id, as getArticle
      const records = await listLayers(store.dir, articleId);
      return { layers: records.map(articleLayerOf), spanPlaces: spanPlacesOf(records) };
    },

    computeAgreement: async (input) => {
      const data = await agreementData(store, { ...(input.annotators ? { annotators: input.annotators } : {}), ...(input.articleIds ? { articleIds: input.articleIds } : {}) });
      return computeAgreement({ articles: data.articles, entities: data.entities, ...(input.annotators ? { annotators: input.annotators } : {}), ...(input.labels ? { labels: input.labels } : {}) });
    },

    assignArticles: (input) =>
      inQueue(async () => {
        const plan = input.doubleCodedPercent === undefined ? { kind: 'all' as const } : { kind: 'double' as const, share: input.doubleCodedPercent / 100 };
        const { assignment, packages } = await makeAssignmentPackages(store, {
          ...(input.articleIds ? { articleIds: input.articleIds } : {}),
          annotators: input.annotators,
          plan,
          seed: input.seed,
          lead: input.lead,
        });
        return {
          packages: packages.map((p) => ({
            annotator: p.annotator,
            packageId: p.packageId,
            articles: p.articleIds.length,
            fileName: `${p.annotator}.${PACKAGE_EXTENSION}`,
            content: base64(p.bytes),
            encoding: 'base64' as const,
          })),
          doubleCoded: assignment.doubleCoded.length,
        };
      }),

    openAssignmentPackage: ({ file, labelMapping }) =>
      inQueue(async () => {
        const { name, bytes } = await bytesOf(file);
        const pkg = await readAssignmentPackage(name, bytes);
        let plan;
        try {
          plan = await planOpenPackage(store, pkg, { labelMapping });
        } catch (err) {
          if (err instanceof LabelMappingNeededError) return needsLabelMapping(err);
          throw err;
        }
        await commitOpenPackage(store, plan);
        const warnings: string[] = [];
        if (plan.differingEntities.length)
          warnings.push(`${plan.differingEntities.length} entities of the package differ from the workspace's under the same id; the workspace's were kept: ${plan.differingEntities.slice(0, 10).join(', ')}`);
        return {
          status: 'opened' as const,
          packageId: pkg.info.packageId,
          lead: pkg.info.lead,
          added: plan.added.length,
          kept: plan.kept.length,
          unchanged: plan.unchanged,
          labelsAdded: plan.labels?.newLabels.map((l) => l.id) ?? [],
          warnings,
        };
      }),

    exportWorkPackage: async (input) => {
      const built = await makeWorkPackage(store, input.lead ? { lead: input.lead } : {});
      return {
        fileName: `${built.annotator}-work.${PACKAGE_EXTENSION}`,
        content: base64(built.bytes),
        encoding: 'base64' as const,
        annotator: built.annotator,
        lead: built.lead,
        articles: built.articles,
        packageId: built.packageId,
      };
    },

    listEntityProposals: () => listProposals(store),
    decideEntityProposal: ({ entityId, decision }) => inQueue(async () => (await decideProposal(store, entityId, decision), { entityId })),

    getCurationProgress: async () => {
      // Asked each time the library shows: an article is planned again only when it, its layers
      // or the registry changed since (reading 1,000 articles and their layers each time would not do).
      const articles: Record<string, CurationProgress> = {};
      const updatedAt = new Map(store.articleEntries.map((e) => [e.id, e.updatedAt]));
      for (const [id, layers] of await layerCounts(store.dir)) {
        if (!updatedAt.has(id)) continue;
        const key = `${updatedAt.get(id)}|${store.entities.length}|${await layerStamps(store.dir, id)}`;
        let known = progressCache.get(id);
        if (known?.key !== key) {
          const records = (await listLayers(store.dir, id)).filter(codedAnything);
          known = { key, progress: { layers, ...curationProgressOf(await store.readArticle(id), records, [...store.entities, ...records.flatMap((r) => r.entities)]) } };
          progressCache.set(id, known);
        }
        articles[id] = known.progress;
      }
      return { articles };
    },

    collectWorkPackage: ({ file, acceptUnassigned, labelMapping, addUnknownLabels }) =>
      inQueue(async () => {
        const { name, bytes } = await bytesOf(file);
        const pkg = await openWorkPackage(name, bytes); // layers parsed one at a time by the plan and the commit, as the CLI does: memory follows one layer, not the package
        let plan;
        try {
          plan = await planCollect(store, pkg, { acceptUnassigned, labelMapping, addUnknownLabels });
        } catch (err) {
          if (err instanceof UnassignedWorkError) return { status: 'needsAcceptance' as const, annotator: err.annotator, articleIds: [...err.articleIds], message: err.message };
          if (err instanceof LabelMappingNeededError) return needsLabelMapping(err);
          throw err;
        }
        await commitCollect(store, plan);
        return {
          status: 'collected' as const,
          annotator: pkg.info.annotator,
          packageId: pkg.info.packageId,
          written: plan.write.length,
          unchanged: plan.unchanged.length,
          unassignedAccepted: plan.unassigned.length,
          proposals: plan.proposals,
          labelsAdded: plan.newLabels.map((l) => l.id),
          workspaceOnlyLabels: plan.workspaceOnlyLabels,
        };
      }),
  };
}
