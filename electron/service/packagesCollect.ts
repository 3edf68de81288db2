/**
 * Collecting a work package in the lead's workspace: each article's layer becomes that
 * annotator's layer record (layerStore.ts). Everything is checked first (planCollect), then
 * written (commitCollect), so a refusal writes nothing.
 *
 * Refused, naming the package and the problem: a package made for another workspace than this
 * one (its sourceWorkspaceId); a package label the workspace lacks or names otherwise, until the
 * lead maps it onto one of the workspace's labels or adds it (`labelMapping`, as the Import dialog
 * offers; the spans are relabelled as they are collected; labels only the workspace has are
 * reported, not refused); articles this workspace does not have, or
 * whose text is not the one the layer was made on; a layer that breaks the article invariants;
 * a layer older than the one already collected from the same annotator (by revision), or of the
 * same revision but different content; articles the annotator was not assigned, unless the lead
 * accepts them (`acceptUnassigned`: asked first by the CLI and the dialog).
 *
 * A newer revision replaces the annotator's layer of that article; the same revision again
 * changes nothing. Another annotator's layer is never touched: each record is one file, written
 * by one atomic write. If the process dies part-way, the layers written so far are complete, and
 * collecting the package again writes the rest (the ones already there are unchanged).
 */
import { WorkbenchError } from '../../shared/api/errors';
import { articleProblems } from '../../shared/domain/articleInvariants';
import type { AnnotatorLayerRecord } from '../../shared/domain/layers';
import { nowIso, type Entity, type Label } from '../../shared/domain/model';
import type { LabelMapping } from '../../shared/teams/schemaMatch';
import { layerEntry, linkedEntities, textSha256, type OpenedWorkPackage, type WorkLayer } from '../../shared/teams/workPackage';
import { readLayer, writeLayer } from './layerStore';
import { answerPackageLabels, labelsNotIn, relabelSpans } from './packagesLabels';
import { readTeamRecord, writeTeamRecord } from './packagesRecord';
import type { WorkspaceStore } from './workspaceStore';

export interface CollectOptions {
  /** Take layers of articles the annotator was not assigned (the lead was asked and agreed). */
  acceptUnassigned?: boolean;
  /**
   * The lead's answer for package labels that differ from the workspace's: a workspace label id
   * or 'add'. Absent while the lead was not asked: a differing schema is then refused
   * (LabelMappingNeededError) so the CLI and the Team screen can ask.
   */
  labelMapping?: LabelMapping;
  /** Add every package label that differs and `labelMapping` does not answer. */
  addUnknownLabels?: boolean;
}

export interface CollectPlan {
  pkg: OpenedWorkPackage;
  /**
   * Articles whose layer is to be written: new for this annotator, or a newer revision. Ids, not
   * layers: the package parses each layer again when it is written, so a package's layers are
   * never all in memory at once (bench `teams`: collecting 10 packages of 1,000 layers).
   */
  write: string[];
  /** The revision of every layer in the package, by article id (recorded with the package). */
  revisions: Record<string, number>;
  /** Articles whose layer is already here at this revision. */
  unchanged: string[];
  /** Articles of the package the annotator was not assigned (accepted, or the plan would have been refused). */
  unassigned: string[];
  /** Entities the spans link to that the lead's registry lacks or has otherwise: proposals. */
  proposals: Entity[];
  /** Labels added to the workspace's schema (the lead answered 'add'), before any layer is written. */
  newLabels: Label[];
  /** Package label id -> workspace label id, where they differ (applied to every span collected). */
  relabel: Record<string, string>;
  /** Workspace labels the annotator's schema had no counterpart for (nothing of theirs has them). */
  workspaceOnlyLabels: string[];
}

const listed = (items: readonly string[], max = 10) => items.slice(0, max).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '');

/** The refusal an unassigned article gets when the lead was not asked; the CLI and dialog match on its code. */
export class UnassignedWorkError extends WorkbenchError {
  constructor(
    fileName: string,
    readonly annotator: string,
    readonly articleIds: readonly string[],
  ) {
    super(
      'conflict',
      `${fileName}: ${annotator} was not assigned ${articleIds.length === 1 ? 'article' : 'articles'} ${listed(articleIds)}; collect it again accepting unassigned work (--accept-unassigned) to take ${articleIds.length === 1 ? 'that layer' : 'those layers'}`,
      fileName,
    );
  }
}

/** The layer with its spans' labels renamed by `relabel` (package id -> workspace id); the same object when nothing changes. */
function relabelled(layer: WorkLayer, relabel: Readonly<Record<string, string>>): WorkLayer {
  const spans = relabelSpans(layer.spans, relabel);
  return spans === layer.spans ? layer : { ...layer, spans: [...spans] };
}

const sameLayerContent = (a: Pick<WorkLayer, 'spans' | 'statements' | 'status'>, b: Pick<WorkLayer, 'spans' | 'statements' | 'status'>) =>
  a.status === b.status && JSON.stringify(a.spans) === JSON.stringify(b.spans) && JSON.stringify(a.statements) === JSON.stringify(b.statements);

export async function planCollect(store: WorkspaceStore, pkg: OpenedWorkPackage, options: CollectOptions = {}): Promise<CollectPlan> {
  const { info, fileName } = pkg;
  const { record } = await readTeamRecord(store.dir);
  if (record.workspaceId !== info.sourceWorkspaceId)
    throw new WorkbenchError(
      'conflict',
      `${fileName} carries work on lead ${info.lead}'s assignment from another workspace (${info.sourceWorkspaceId}); collect it in the workspace that assigned it`,
      fileName,
    );
  const { newLabels, relabel, workspaceOnlyLabels } = answerPackageLabels(store.schema, pkg.schema, options.labelMapping, {
    fileName,
    annotator: info.annotator,
    role: 'coded with',
    addUnanswered: options.addUnknownLabels,
  });

  const here = store.articleIds();
  const missing = pkg.layerIds.filter((id) => !here.has(id));
  if (missing.length) throw new WorkbenchError('conflict', `${fileName} holds work on articles this workspace does not have: ${listed(missing)}`, fileName);

  const assigned = new Set(record.assignments.filter((a) => a.annotator === info.annotator).flatMap((a) => a.articleIds));
  const unassigned = pkg.layerIds.filter((id) => !assigned.has(id));
  if (unassigned.length && !options.acceptUnassigned) throw new UnassignedWorkError(fileName, info.annotator, unassigned);

  const write: string[] = [];
  const unchanged: string[] = [];
  const revisions: Record<string, number> = {};
  const problems: string[] = [];
  // One layer at a time: what is kept of each is its id and revision.
  for (const id of pkg.layerIds) {
    const layer = relabelled(pkg.layer(id), relabel);
    revisions[id] = layer.revision;
    const entry = layerEntry(id);
    const article = await store.readArticle(layer.articleId);
    if ((await textSha256(article.text)) !== layer.textSha256) {
      problems.push(`${entry} was made on another text than article ${layer.articleId}'s here`);
      continue;
    }
    const invariant = articleProblems({ text: article.text, spans: layer.spans, statements: layer.statements });
    if (invariant.length) {
      problems.push(`${entry}: ${invariant.join('; ')}`);
      continue;
    }
    const existing = await readLayer(store.dir, layer.articleId, info.annotator);
    if (!existing || layer.revision > existing.revision) write.push(id);
    else if (layer.revision < existing.revision)
      problems.push(`${entry} is revision ${layer.revision}, older than ${info.annotator}'s layer already collected (revision ${existing.revision}, from package ${existing.packageId})`);
    else if (!sameLayerContent(layer, existing))
      problems.push(`${entry} is revision ${layer.revision} like ${info.annotator}'s layer already collected (package ${existing.packageId}) but differs from it`);
    else unchanged.push(layer.articleId);
  }
  if (problems.length) throw new WorkbenchError('conflict', `${fileName}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; … (${problems.length - 5} more)` : ''}; nothing was collected`, fileName);

  const registry = new Map(store.entities.map((e) => [e.id, JSON.stringify(e)]));
  const proposals = pkg.entities.filter((e) => registry.get(e.id) !== JSON.stringify(e));
  return { pkg, write, revisions, unchanged, unassigned, proposals, newLabels, relabel, workspaceOnlyLabels };
}

/** Write the plan's layers, one record each (parsed again from the package, one at a time), then record the package as collected. */
export async function commitCollect(store: WorkspaceStore, plan: CollectPlan): Promise<void> {
  const { info } = plan.pkg;
  const collectedAt = nowIso();
  // Labels first: a layer is never on disk with a label the schema lacks. If the process dies
  // after this, collecting again finds them by name and adds nothing twice.
  const fresh = labelsNotIn(store.schema, plan.newLabels);
  if (fresh.length) await store.updateManifest((m) => void m.schema.labels.push(...structuredClone(fresh)));
  for (const id of plan.write) {
    const layer = relabelled(plan.pkg.layer(id), plan.relabel);
    const record: AnnotatorLayerRecord = {
      formatVersion: 1,
      articleId: layer.articleId,
      annotator: info.annotator,
      revision: layer.revision,
      status: layer.status,
      updatedAt: layer.updatedAt,
      packageId: info.packageId,
      collectedAt,
      textSha256: layer.textSha256,
      spans: layer.spans,
      statements: layer.statements,
      entities: linkedEntities(plan.pkg.entities, [layer]),
    };
    await writeLayer(store.dir, record);
  }
  const { record } = await readTeamRecord(store.dir);
  if (record.collectedPackages.some((p) => p.packageId === info.packageId) && !plan.write.length) return;
  await writeTeamRecord(store.dir, {
    ...record,
    collectedPackages: [
      ...record.collectedPackages.filter((p) => p.packageId !== info.packageId),
      {
        packageId: info.packageId,
        annotator: info.annotator,
        createdAt: info.createdAt,
        collectedAt,
        revisions: plan.revisions,
      },
    ],
  });
}
