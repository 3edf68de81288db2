/**
 * Making a work package in an annotator's workspace: their layer (the workspace's own spans and
 * statements) of every article a lead's assignment packages brought here, with each article's
 * revision and status, the schema, and the entities their spans link to
 * (shared/teams/workPackage.ts). It reads only; the annotator may make one as often as they like.
 *
 * When the package was made for another label schema and the workspace kept its own (the
 * annotator mapped the lead's labels onto theirs on opening), the work goes back in the lead's
 * labels: spans of a workspace label a lead's label was mapped onto carry that lead's label (the
 * first, where several were mapped onto one), and the package's schema is the lead's, plus any
 * other workspace label the layers use (the lead is asked about those on collecting).
 */
import { WorkbenchError } from '../../shared/api/errors';
import { newId, nowIso } from '../../shared/domain/model';
import { buildWorkPackage, linkedEntities, textSha256, type WorkLayer } from '../../shared/teams/workPackage';
import type { LabelSchemaDef, Span } from '../../shared/domain/model';
import { relabelSpans } from './packagesLabels';
import { readTeamRecord, type OpenedPackage } from './packagesRecord';
import type { WorkspaceStore } from './workspaceStore';

export interface WorkPackageRequest {
  /** The lead to send the work to, when packages from several leads were opened here. */
  lead?: string;
}

export interface BuiltWorkPackage {
  packageId: string;
  annotator: string;
  lead: string;
  articles: number;
  bytes: Uint8Array;
}

/** The packages of the one lead the work goes to, or a refusal saying how to choose. */
function packagesOfLead(dir: string, opened: readonly OpenedPackage[], lead: string | undefined): OpenedPackage[] {
  const assignments = opened.filter((p) => p.kind === 'assignment');
  if (!assignments.length)
    throw new WorkbenchError('invalid_input', `${dir} has opened no assignment package: a work package carries work on articles a lead assigned (open-package first)`);
  const leads = new Map<string, OpenedPackage[]>();
  for (const p of assignments) leads.set(`${p.lead}\u0000${p.sourceWorkspaceId}`, [...(leads.get(`${p.lead}\u0000${p.sourceWorkspaceId}`) ?? []), p]);
  const chosen = [...leads.values()].filter((ps) => lead === undefined || ps[0].lead === lead);
  const names = [...new Set(assignments.map((p) => p.lead))].join(', ');
  if (!chosen.length) throw new WorkbenchError('invalid_input', `${dir} has no assignment from lead ${lead} (its leads: ${names})`);
  if (chosen.length > 1)
    throw new WorkbenchError(
      'invalid_input',
      lead === undefined ? `${dir} has assignments from several leads (${names}): say which one the work is for` : `${dir} has assignments from two workspaces of lead ${lead}`,
    );
  return chosen[0];
}

export async function makeWorkPackage(store: WorkspaceStore, request: WorkPackageRequest = {}): Promise<BuiltWorkPackage> {
  const { record } = await readTeamRecord(store.dir);
  const packages = packagesOfLead(store.dir, record.openedPackages, request.lead);
  const latest = packages[packages.length - 1];
  const annotators = new Set(packages.map((p) => p.annotator));
  if (annotators.size > 1)
    throw new WorkbenchError('invalid_input', `${store.dir} opened packages of lead ${latest.lead} for several annotators (${[...annotators].join(', ')}); a work package is one annotator's`);
  const here = store.articleIds();
  const ids = [...new Set(packages.flatMap((p) => p.articleIds))].filter((id) => here.has(id));
  if (!ids.length) throw new WorkbenchError('invalid_input', `${store.dir} no longer has any of the articles lead ${latest.lead} assigned`);
  // The lead's labels back, where the workspace kept its own schema (see the header).
  const toLead: Record<string, string> = {};
  for (const [leadId, ours] of Object.entries(latest.labels?.relabel ?? {})) toLead[ours] ??= leadId;
  const layers: WorkLayer[] = [];
  for (const id of ids) {
    const { article, revision } = await store.readArticleWithRevision(id);
    layers.push({
      articleId: id,
      revision,
      status: article.status,
      updatedAt: article.updatedAt,
      textSha256: await textSha256(article.text),
      spans: relabelSpans(article.spans, toLead) as Span[],
      statements: article.statements,
    });
  }
  const packageId = newId('p');
  const bytes = await buildWorkPackage(
    { packageId, createdAt: nowIso(), annotator: latest.annotator, lead: latest.lead, sourceWorkspaceId: latest.sourceWorkspaceId },
    { schema: latest.labels ? schemaForLead(latest.labels.schema, store.schema, layers) : store.schema, entities: linkedEntities(store.entities, layers), layers },
  );
  return { packageId, annotator: latest.annotator, lead: latest.lead, articles: layers.length, bytes };
}

/** The lead's schema, plus the workspace's labels the layers use that it lacks (by id). */
function schemaForLead(lead: LabelSchemaDef, ours: LabelSchemaDef, layers: readonly WorkLayer[]): LabelSchemaDef {
  const ids = new Set(lead.labels.map((l) => l.id));
  const used = new Set(layers.flatMap((l) => l.spans.map((s) => s.labelId)));
  return { ...lead, labels: [...lead.labels, ...ours.labels.filter((l) => used.has(l.id) && !ids.has(l.id))] };
}
