/**
 * Making assignment packages from a lead's workspace: which articles (all, or those named), who
 * codes which (shared/teams/assignment.ts), and each annotator's package built from the
 * workspace's schema, registry and the articles' texts (shared/teams/assignmentPackage.ts).
 * Packages are built one at a time, so memory holds one annotator's articles, not everyone's.
 */
import { WorkbenchError } from '../../shared/api/errors';
import { newId, nowIso } from '../../shared/domain/model';
import { assignArticles, type Assignment, type CodingPlan } from '../../shared/teams/assignment';
import { buildAssignmentPackage, packageArticle } from '../../shared/teams/assignmentPackage';
import { workspaceIdOf } from './packagesRecord';
import type { WorkspaceStore } from './workspaceStore';

export interface AssignRequest {
  /** Article ids to assign, in any order; every article of the workspace when absent. */
  articleIds?: readonly string[];
  annotators: readonly string[];
  plan: CodingPlan;
  seed: number;
  /** The lead's annotator name, recorded in every package. */
  lead: string;
}

const listed = (items: readonly string[], max = 10) => items.slice(0, max).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '');

/** Who codes what, in library order, or a refusal naming what cannot be assigned. */
export function planAssignment(store: WorkspaceStore, request: AssignRequest): Assignment {
  const known = store.articleIds();
  let ids: string[];
  if (request.articleIds) {
    const unknown = request.articleIds.filter((id) => !known.has(id));
    if (unknown.length) throw new WorkbenchError('invalid_input', `the workspace has no article with id ${listed(unknown)}`);
    const wanted = new Set(request.articleIds);
    ids = store.articleEntries.filter((e) => wanted.has(e.id)).map((e) => e.id);
  } else ids = store.articleEntries.map((e) => e.id);
  if (!ids.length) throw new WorkbenchError('invalid_input', `${store.dir} has no articles to assign`);
  let assignment: Assignment;
  try {
    assignment = assignArticles(ids, request.annotators, request.plan, request.seed);
  } catch (err) {
    throw new WorkbenchError('invalid_input', (err as Error).message);
  }
  const idle = [...assignment.byAnnotator].filter(([, articles]) => !articles.length).map(([who]) => who);
  if (idle.length)
    throw new WorkbenchError(
      'invalid_input',
      `${ids.length} ${ids.length === 1 ? 'article is' : 'articles are'} too few for ${request.annotators.length} annotators: ${listed(idle)} would get none (assign more articles, fewer annotators or a larger double-coded share)`,
    );
  return assignment;
}

/** One annotator's assignment package: its bytes and its fresh package id. */
export async function buildAnnotatorPackage(
  store: WorkspaceStore,
  annotator: string,
  articleIds: readonly string[],
  from: { lead: string; sourceWorkspaceId: string },
): Promise<{ packageId: string; bytes: Uint8Array }> {
  const articles = [];
  // A broken article file is refused here, naming the file (readArticle's error).
  for (const id of articleIds) articles.push(packageArticle(await store.readArticle(id)));
  const packageId = newId('p');
  const bytes = await buildAssignmentPackage(
    { packageId, createdAt: nowIso(), annotator, lead: from.lead, sourceWorkspaceId: from.sourceWorkspaceId },
    { schema: store.schema, entities: store.entities, articles },
  );
  return { packageId, bytes };
}

export interface AssignedPackage {
  annotator: string;
  packageId: string;
  articleIds: readonly string[];
  bytes: Uint8Array;
}

/**
 * Plan the assignment, build every annotator's package (a broken article file refuses them all,
 * before anything is recorded), then record the assignment in team.json (for collect's
 * unassigned check). The caller writes or hands out the bytes. `signal` stops it between packages.
 */
export async function makeAssignmentPackages(
  store: WorkspaceStore,
  request: AssignRequest,
  signal?: AbortSignal,
): Promise<{ assignment: Assignment; packages: AssignedPackage[] }> {
  const assignment = planAssignment(store, request);
  const workspace = await workspaceIdOf(store.dir);
  const packages: AssignedPackage[] = [];
  for (const [annotator, articleIds] of assignment.byAnnotator) {
    signal?.throwIfAborted();
    const pkg = await buildAnnotatorPackage(store, annotator, articleIds, { lead: request.lead, sourceWorkspaceId: workspace.workspaceId });
    packages.push({ annotator, articleIds, ...pkg });
  }
  signal?.throwIfAborted();
  const createdAt = nowIso();
  await workspace.save(packages.map((p) => ({ packageId: p.packageId, annotator: p.annotator, lead: request.lead, createdAt, articleIds: [...p.articleIds] })));
  return { assignment, packages };
}
