/**
 * The API handlers of team work (shared/api/teamContract.ts): thin wrappers over the same plan
 * and commit functions the CLI commands use (packagesAssign/Open/Work/Collect.ts, agreementData.ts),
 * so the app and `npx workbench` refuse and write exactly alike. Every writing operation runs in
 * one queue: two collects at once would otherwise read the same team record and one would lose
 * the other's entry.
 */
import { promises as fsp } from 'node:fs';
import { computeAgreement } from '../../shared/agreement/agreement';
import { curationPlan } from '../../shared/agreement/curation';
import type { CurationProgress } from '../../shared/api/teamContract';
import { codedAnything } from '../../shared/domain/layers';
import { isUploadedFile, type ImportFile, type WorkbenchHandlers } from '../../shared/api/contract';
import { nowIso } from '../../shared/domain/model';
import { readAssignmentPackage } from '../../shared/teams/assignmentPackage';
import { PACKAGE_EXTENSION } from '../../shared/teams/package';
import { readWorkPackage } from '../../shared/teams/workPackage';
import { agreementData } from './agreementData';
import { decideProposal, listProposals } from './entityProposals';
import { layerCounts, listLayers } from './layerStore';
import { buildAnnotatorPackage, planAssignment } from './packagesAssign';
import { UnassignedWorkError, commitCollect, planCollect } from './packagesCollect';
import { commitOpenPackage, planOpenPackage } from './packagesOpen';
import { readTeamRecord, workspaceIdOf } from './packagesRecord';
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
      return {
        layers: records.map((r) => ({
          annotator: r.annotator,
          revision: r.revision,
          status: r.status,
          updatedAt: r.updatedAt,
          collectedAt: r.collectedAt,
          spans: r.spans,
          statements: r.statements,
          entities: r.entities,
        })),
      };
    },

    computeAgreement: async (input) => {
      const data = await agreementData(store, { ...(input.annotators ? { annotators: input.annotators } : {}), ...(input.articleIds ? { articleIds: input.articleIds } : {}) });
      return computeAgreement({ articles: data.articles, entities: data.entities, ...(input.annotators ? { annotators: input.annotators } : {}), ...(input.labels ? { labels: input.labels } : {}) });
    },

    assignArticles: (input) =>
      inQueue(async () => {
        const plan = input.doubleCodedPercent === undefined ? { kind: 'all' as const } : { kind: 'double' as const, share: input.doubleCodedPercent / 100 };
        const assignment = planAssignment(store, { ...(input.articleIds ? { articleIds: input.articleIds } : {}), annotators: input.annotators, plan, seed: input.seed, lead: input.lead });
        const workspace = await workspaceIdOf(store.dir);
        const packages = [];
        for (const [annotator, ids] of assignment.byAnnotator) {
          const pkg = await buildAnnotatorPackage(store, annotator, ids, { lead: input.lead, sourceWorkspaceId: workspace.workspaceId });
          packages.push({ annotator, packageId: pkg.packageId, articles: ids.length, fileName: `${annotator}.${PACKAGE_EXTENSION}`, content: base64(pkg.bytes), encoding: 'base64' as const });
        }
        const createdAt = nowIso();
        await workspace.save(packages.map((p) => ({ packageId: p.packageId, annotator: p.annotator, lead: input.lead, createdAt, articleIds: [...assignment.byAnnotator.get(p.annotator)!] })));
        return { packages, doubleCoded: assignment.doubleCoded.length };
      }),

    openAssignmentPackage: ({ file }) =>
      inQueue(async () => {
        const { name, bytes } = await bytesOf(file);
        const pkg = await readAssignmentPackage(name, bytes);
        const plan = await planOpenPackage(store, pkg);
        await commitOpenPackage(store, plan);
        const warnings: string[] = [];
        if (plan.differingEntities.length)
          warnings.push(`${plan.differingEntities.length} entities of the package differ from the workspace's under the same id; the workspace's were kept: ${plan.differingEntities.slice(0, 10).join(', ')}`);
        return { packageId: pkg.info.packageId, lead: pkg.info.lead, added: plan.added.length, kept: plan.kept.length, unchanged: plan.unchanged, warnings };
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
      };
    },

    listEntityProposals: () => listProposals(store),
    decideEntityProposal: ({ entityId, decision }) => inQueue(async () => (await decideProposal(store, entityId, decision), { entityId })),

    getCurationProgress: async () => {
      const articles: Record<string, CurationProgress> = {};
      for (const [id, layers] of await layerCounts(store.dir)) {
        if (!store.hasArticle(id)) continue;
        const records = (await listLayers(store.dir, id)).filter(codedAnything);
        const plan = curationPlan(await store.readArticle(id), records);
        articles[id] = { layers, places: plan.items.length, open: plan.items.filter((i) => !i.decided).length };
      }
      return { articles };
    },

    collectWorkPackage: ({ file, acceptUnassigned }) =>
      inQueue(async () => {
        const { name, bytes } = await bytesOf(file);
        const pkg = await readWorkPackage(name, bytes);
        let plan;
        try {
          plan = await planCollect(store, pkg, { acceptUnassigned });
        } catch (err) {
          if (err instanceof UnassignedWorkError) return { status: 'needsAcceptance' as const, annotator: err.annotator, articleIds: [...err.articleIds] };
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
        };
      }),
  };
}
