/**
 * Opening an assignment package in an annotator's workspace: everything is checked first
 * (planOpenPackage), then written (commitOpenPackage), so a refusal writes nothing.
 *
 * Refused: a package made from this very workspace; a label schema other than the workspace's,
 * until each package label that differs is answered (mapped onto a workspace label or added, as
 * the Import dialog offers; packagesLabels.ts), unless the workspace has no articles yet, which
 * then takes the package's schema; articles the
 * workspace already has that came from another lead's package or from no package. Articles it
 * already has from the same lead's packages (a reassignment) are kept as they are, with the
 * annotator's work; the rest are added with the lead's ids, status not_started and no spans.
 * Entities and concepts the workspace lacks are added; one it has under the same id is kept.
 * Opening the same package again finds nothing to add and writes nothing.
 *
 * Order of writes: team.json records the package first, then one manifest write (addArticles)
 * commits the articles, schema and registry together. If the process dies between the two, the
 * record names articles the workspace lacks, and opening the package again adds them.
 */
import { promises as fsp } from 'node:fs';
import { WorkbenchError } from '../../shared/api/errors';
import { nowIso, type Article, type Entity } from '../../shared/domain/model';
import type { AssignmentPackage, PackageArticle } from '../../shared/teams/assignmentPackage';
import { labelDifferences, type LabelMapping } from '../../shared/teams/schemaMatch';
import { answerPackageLabels, labelsNotIn, type AnsweredLabels } from './packagesLabels';
import { readTeamRecord, teamFile, writeTeamRecord, type OpenedPackage, type TeamRecord } from './packagesRecord';
import type { Manifest } from './storedRecords';
import type { WorkspaceStore } from './workspaceStore';

export interface OpenPackagePlan {
  pkg: AssignmentPackage;
  record: TeamRecord;
  recordExisted: boolean;
  /** Articles to add, in the package's order. */
  added: PackageArticle[];
  /** Package articles the workspace already has from this lead's packages; left as they are. */
  kept: string[];
  /** The workspace had no articles and a different schema: it takes the package's. */
  adoptSchema: boolean;
  /** The workspace keeps its own schema: the answers for the package's labels (labels to add, the lead's ids as the workspace's). */
  labels: AnsweredLabels | null;
  newEntities: Entity[];
  /** Entities the workspace has under the package's ids but different: the workspace's are kept. */
  differingEntities: string[];
  /** The workspace has no annotator name yet: it takes the package's. */
  setAnnotator: boolean;
  /** This package was opened here before. */
  openedBefore: boolean;
  /** Nothing to write: the package was opened here before and everything it brings is here. */
  unchanged: boolean;
}

const listed = (items: readonly string[], max = 10) => items.slice(0, max).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '');

/** Which package each article of the workspace came from (the latest opened wins). */
function articleOrigins(record: TeamRecord): Map<string, OpenedPackage> {
  const origins = new Map<string, OpenedPackage>();
  for (const opened of record.openedPackages) for (const id of opened.articleIds) origins.set(id, opened);
  return origins;
}

const sameEntity = (a: Entity, b: Entity) => JSON.stringify(a) === JSON.stringify(b);

/** Check a verified package against the workspace; throws a WorkbenchError naming the problem, writes nothing. */
export interface OpenPackageOptions {
  /** The answer for package labels the workspace has not as they are: a workspace label id or 'add' (absent: not asked yet). */
  labelMapping?: LabelMapping;
  /** Add every package label that differs and `labelMapping` does not answer. */
  addUnknownLabels?: boolean;
}

export async function planOpenPackage(store: WorkspaceStore, pkg: AssignmentPackage, options: OpenPackageOptions = {}): Promise<OpenPackagePlan> {
  const { record, exists: recordExisted } = await readTeamRecord(store.dir);
  const { info: manifest, fileName } = pkg;
  if (!pkg.articles.length) throw new WorkbenchError('invalid_input', `${fileName}: the package holds no articles`, fileName);
  if (record.workspaceId === manifest.sourceWorkspaceId)
    throw new WorkbenchError(
      'conflict',
      `${fileName} was made from this workspace (${store.dir}); open it in the annotator's own workspace`,
      fileName,
    );

  const hasArticles = store.articleEntries.length > 0;
  const differences = labelDifferences(store.schema, pkg.schema);
  const labels = differences.length && hasArticles ? answerPackageLabels(store.schema, pkg.schema, options.labelMapping, { fileName, annotator: manifest.annotator, role: 'made for', addUnanswered: options.addUnknownLabels }) : null;

  const origins = articleOrigins(record);
  const here = store.articleIds();
  const added: PackageArticle[] = [];
  const kept: string[] = [];
  const fromOtherLeads = new Map<string, string[]>();
  const fromNoPackage: string[] = [];
  const otherText: string[] = [];
  for (const article of pkg.articles) {
    if (!here.has(article.id)) {
      added.push(article);
      continue;
    }
    const origin = origins.get(article.id);
    if (!origin) fromNoPackage.push(article.id);
    else if (origin.sourceWorkspaceId !== manifest.sourceWorkspaceId) {
      const who = `lead ${origin.lead}'s package ${origin.packageId}`;
      fromOtherLeads.set(who, [...(fromOtherLeads.get(who) ?? []), article.id]);
    } else if ((await store.readArticle(article.id)).text !== article.text) otherText.push(article.id);
    else kept.push(article.id);
  }
  const problems = [
    ...[...fromOtherLeads].map(([who, ids]) => `${listed(ids)} came from ${who}`),
    ...(fromNoPackage.length ? [`${listed(fromNoPackage)} did not come from a package of lead ${manifest.lead}`] : []),
    ...(otherText.length ? [`${listed(otherText)} have another text than the package's`] : []),
  ];
  if (problems.length)
    throw new WorkbenchError('conflict', `${fileName}: the workspace already has articles with the package's ids: ${problems.join('; ')}`, fileName);

  const entities = new Map(store.entities.map((e) => [e.id, e]));
  const newEntities = pkg.entities.filter((e) => !entities.has(e.id));
  const differingEntities = pkg.entities.filter((e) => entities.has(e.id) && !sameEntity(entities.get(e.id)!, e)).map((e) => e.id);
  const adoptSchema = differences.length > 0 && !hasArticles;
  const setAnnotator = store.settings.annotator === '';
  const openedBefore = record.openedPackages.some((p) => p.packageId === manifest.packageId);
  const addsLabels = !!labels && labelsNotIn(store.schema, labels.newLabels).length > 0;
  const unchanged = openedBefore && !added.length && !newEntities.length && !adoptSchema && !addsLabels && !setAnnotator;
  return { pkg, record, recordExisted, added, kept, adoptSchema, labels, newEntities, differingEntities, setAnnotator, openedBefore, unchanged };
}

function asArticle(a: PackageArticle, at: string): Article {
  return { ...a, status: 'not_started', updatedAt: at, spans: [], statements: [] };
}

/** Write what `plan` found to add: the record, then articles, schema, registry and name in one manifest write. */
export async function commitOpenPackage(store: WorkspaceStore, plan: OpenPackagePlan): Promise<void> {
  if (plan.unchanged) return;
  const { pkg, record } = plan;
  const at = nowIso();
  if (!plan.openedBefore) {
    const { info: manifest } = pkg;
    const opened: OpenedPackage = {
      packageId: manifest.packageId,
      kind: manifest.kind,
      annotator: manifest.annotator,
      lead: manifest.lead,
      sourceWorkspaceId: manifest.sourceWorkspaceId,
      createdAt: manifest.createdAt,
      openedAt: at,
      articleIds: pkg.articles.map((a) => a.id),
      ...(plan.labels ? { labels: { schema: structuredClone(pkg.schema), relabel: plan.labels.relabel } } : {}),
    };
    await writeTeamRecord(store.dir, { ...record, openedPackages: [...record.openedPackages, opened] });
  }
  const change = (m: Manifest) => {
    if (plan.adoptSchema) m.schema = structuredClone(pkg.schema);
    if (plan.labels) m.schema.labels.push(...structuredClone(labelsNotIn(m.schema, plan.labels.newLabels)));
    if (plan.newEntities.length) m.entities = [...m.entities, ...structuredClone(plan.newEntities)];
    if (plan.setAnnotator) m.settings = { ...m.settings, annotator: pkg.info.annotator };
  };
  try {
    if (plan.added.length) await store.addArticles(plan.added.map((a) => asArticle(a, at)), change);
    else await store.updateManifest(change);
  } catch (err) {
    // Nothing was committed: take the record back to what it was.
    if (!plan.openedBefore) {
      if (plan.recordExisted) await writeTeamRecord(store.dir, record).catch(() => undefined);
      else await fsp.unlink(teamFile(store.dir)).catch(() => undefined);
    }
    throw err;
  }
}
