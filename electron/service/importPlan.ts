/**
 * Import planning: turning a codec's parsed articles into validated Articles for a workspace
 * (labels mapped onto the schema, ids kept when free, every record checked by ArticleSchema and
 * articleInvariants before anything is written), and the decisions on labels and entities.
 * Kept apart from interchange.ts, which also runs exports through every codec, so that
 * `workbench convert` loads this and its two codecs only (bench section `convert`).
 */
import type { ImportPreview, ImportRequest } from '../../shared/api/contract';
import { WorkbenchError } from '../../shared/api/errors';
import { compareSpanPosition } from '../../shared/domain/edits';
import {
  EntitySchema,
  IdSchema,
  newId,
  nowIso,
  type Article,
  type ArticleSummary,
  type Entity,
  type Label,
  type Span,
  type Statement,
} from '../../shared/domain/model';
import { describeZodError } from '../../shared/domain/zodErrors';
import type { ImportedArticle, ParsedCorpus } from '../../shared/formats/codec';
import { checkedArticle, isValidId } from './articleCheck';
import type { AddArticlesHooks, WorkspaceStore } from './workspaceStore';

const LABEL_PALETTE = ['#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c', '#4f46e5', '#0d9488', '#b91c1c'];

export function slugifyLabelId(name: string, taken: ReadonlySet<string>): string {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'label';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export interface ImportPlan {
  preview: ImportPreview;
  articles: Article[];
  newLabels: Label[];
  /** Entities of the files the workspace does not have yet (added with the articles, in the same manifest write). */
  newEntities: Entity[];
  /** Unknown labels the request did not map: commit refuses while any remain. */
  unresolvedLabels: string[];
}

/** Resolve a label as written in a file to a schema label id (by id, then by name, case-insensitively). */
function labelResolver(labels: readonly Label[]) {
  const byKey = new Map<string, string>();
  for (const l of labels) {
    byKey.set(l.id.toLowerCase(), l.id);
    byKey.set(l.name.toLowerCase(), l.id);
  }
  return (label: string) => byKey.get(label.toLowerCase());
}

export function planImport(
  corpus: ParsedCorpus,
  /** Only the files' names are read (for messages), so callers with InputFiles (the CLI) can plan too. */
  request: Pick<ImportRequest, 'labelMapping'> & { files: readonly { name: string }[] },
  labels: readonly Label[],
  existingArticleIds: ReadonlySet<string>,
  existingEntities: readonly Entity[] = [],
): ImportPlan {
  const resolve = labelResolver(labels);
  const unknown = new Set<string>();
  for (const a of corpus.articles) for (const s of a.spans) if (!resolve(s.label)) unknown.add(s.label);

  const newLabels: Label[] = [];
  const mapped = new Map<string, string>();
  const unresolved: string[] = [];
  const takenIds = new Set(labels.map((l) => l.id));
  for (const name of [...unknown].sort()) {
    const target = request.labelMapping[name];
    if (target === 'add') {
      const id = slugifyLabelId(name, takenIds);
      takenIds.add(id);
      newLabels.push({ id, name, color: LABEL_PALETTE[newLabels.length % LABEL_PALETTE.length] });
      mapped.set(name, id);
    } else if (target && labels.some((l) => l.id === target)) {
      mapped.set(name, target);
    } else {
      unresolved.push(name);
    }
  }

  const fileLabel = request.files.length === 1 ? request.files[0].name : `${request.files.length} files`;
  const usedArticleIds = new Set(existingArticleIds);
  // One time of import for every record that carries none.
  const now = nowIso();
  const articles = corpus.articles.map((imported, i) =>
    toArticle(imported, (l) => mapped.get(l) ?? resolve(l) ?? l, usedArticleIds, `${fileLabel}, article ${i + 1}`, now),
  );
  const entities = planEntities(corpus, existingEntities, articles, fileLabel);
  return {
    preview: {
      articles: articles.length,
      spans: articles.reduce((n, a) => n + a.spans.length, 0),
      statements: articles.reduce((n, a) => n + a.statements.length, 0),
      entities: entities.added.length,
      titles: articles.slice(0, 50).map((a) => a.title),
      unknownLabels: [...unknown].sort(),
      warnings: [...corpus.warnings, ...entities.warnings],
    },
    articles,
    newLabels,
    newEntities: entities.added,
    unresolvedLabels: unresolved,
  };
}

/**
 * Write a plan: its articles and any labels it adds, in one manifest write (all or nothing).
 * Refuses while unknown labels remain unmapped.
 */
export async function commitImportPlan(
  /** The articles may arrive one at a time (a streamed import): each is written as it comes, none is kept. */
  plan: Omit<ImportPlan, 'articles'> & { articles: Iterable<Article> | AsyncIterable<Article> },
  store: WorkspaceStore,
  hooks?: AddArticlesHooks,
): Promise<ArticleSummary[]> {
  if (plan.unresolvedLabels.length)
    throw new WorkbenchError(
      'invalid_input',
      `unknown labels ${plan.unresolvedLabels.map((l) => `"${l}"`).join(', ')}: map each onto a label of the schema or add it`,
    );
  // Entities join the manifest in the same write that lists the articles (article files are
  // written before it), so a crash leaves either both or neither: never a dangling link. An id
  // taken since the preview keeps the workspace's record, as planEntities decides for conflicts.
  return store.addArticles(
    plan.articles,
    (m) => {
      if (plan.newLabels.length) m.schema = { labels: [...m.schema.labels, ...plan.newLabels] };
      const taken = new Set(m.entities.map((e) => e.id));
      const added = plan.newEntities.filter((e) => !taken.has(e.id));
      if (added.length) m.entities = [...m.entities, ...added];
    },
    hooks,
  );
}

/**
 * One imported article converted as planImport converts each (toArticle: labels through
 * `labelId`, ids kept when free in `usedArticleIds`, everything validated), for an import
 * that streams its articles instead of planning them all at once.
 */
export function convertImportedArticle(
  imported: ImportedArticle,
  labelId: (label: string) => string,
  usedArticleIds: Set<string>,
  where: string,
  /** The time of the import, for records that carry none (else the time of this call). */
  now = nowIso(),
): Article {
  return toArticle(imported, labelId, usedArticleIds, where, now);
}

/** What a streamed first pass keeps of a corpus to plan with: its spans' label names and entity links, and the codec's entities and warnings. */
export interface CorpusDigest extends Omit<ParsedCorpus, 'articles'> {
  labels: ReadonlySet<string>;
  entityLinks: ReadonlySet<string>;
}

/** planImport's decisions without the articles (a streamed import converts them later, one at a time). */
export interface DigestPlan extends Omit<ImportPlan, 'articles' | 'preview'> {
  preview: Pick<ImportPreview, 'entities' | 'unknownLabels' | 'warnings'>;
  /** The schema label id of each label name of the files (unresolved names keep their name, as in planImport). */
  labelIds: ReadonlyMap<string, string>;
}

/**
 * planImport's decisions on labels and entities for a corpus known by its digest. planImport
 * itself decides, on one stand-in article whose spans carry every label name and entity link
 * of the corpus (one character each), so the rules stay in one place. A label name that is
 * unresolved and no valid id is left out of the stand-in (it would fail as a label id there)
 * and reported unresolved, so that --add-unknown-labels can still add it.
 */
export function planDigest(
  digest: CorpusDigest,
  request: Pick<ImportRequest, 'labelMapping'> & { files: readonly { name: string }[] },
  labels: readonly Label[],
  existingEntities: readonly Entity[] = [],
): DigestPlan {
  const resolve = labelResolver(labels);
  const target = (name: string) => request.labelMapping[name];
  const usable = (name: string) =>
    IdSchema.safeParse(name).success || !!resolve(name) || target(name) === 'add' || labels.some((l) => l.id === target(name));
  const names = [...digest.labels].filter(usable);
  const unusable = [...digest.labels].filter((name) => !usable(name));
  const linkLabel = names[0] ?? labels[0]?.id;
  const links = linkLabel === undefined ? [] : [...digest.entityLinks];
  const standIn: ImportedArticle = {
    title: 'the labels and entity links of the files',
    text: ' '.repeat(names.length + links.length),
    spans: [
      ...names.map((label, i) => ({ id: `n${i}`, label, start: i, end: i + 1 })),
      ...links.map((entityId, i) => ({ id: `e${i}`, label: linkLabel!, start: names.length + i, end: names.length + i + 1, entityId })),
    ],
    statements: [],
  };
  const { entities, entityFields, warnings } = digest;
  const plan = planImport({ articles: [standIn], entities, entityFields, warnings }, request, labels, new Set(), existingEntities);
  const labelIdOfSpan = new Map(plan.articles[0].spans.map((s) => [s.id, s.labelId]));
  return {
    preview: {
      entities: plan.preview.entities,
      unknownLabels: [...plan.preview.unknownLabels, ...unusable].sort(),
      warnings: plan.preview.warnings,
    },
    newLabels: plan.newLabels,
    newEntities: plan.newEntities,
    unresolvedLabels: [...plan.unresolvedLabels, ...unusable].sort(),
    labelIds: new Map(names.map((name, i) => [name, labelIdOfSpan.get(`n${i}`)!])),
  };
}

/** The first few of a list, for a one-line warning. */
const examples = (items: readonly string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;

/**
 * Which of the files' entities to add. An id the workspace already has keeps the workspace's
 * record: when the content is the same it is simply reused; when it differs (the entity was
 * renamed or edited after the export) the workspace's version wins and the preview says so,
 * because importing it under a new id would split one actor into two nodes of the network.
 * Links to entities neither the files nor the workspace have are kept, and reported.
 */
function planEntities(corpus: ParsedCorpus, existing: readonly Entity[], articles: readonly Article[], fileLabel: string) {
  const have = new Map(existing.map((e) => [e.id, e]));
  const fields = corpus.entityFields ?? (Object.keys(EntitySchema.shape) as (keyof Entity)[]);
  const same = (a: Entity, b: Entity) => fields.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
  const added: Entity[] = [];
  const warnings: string[] = [];
  const conflicts: string[] = [];
  const namesakes: string[] = [];
  for (const [i, candidate] of (corpus.entities ?? []).entries()) {
    const parsed = EntitySchema.safeParse(candidate);
    if (!parsed.success) throw new WorkbenchError('invalid_input', `${fileLabel}, entity ${i + 1}: ${describeZodError(parsed.error)}`);
    const entity = parsed.data;
    const current = have.get(entity.id);
    if (!current) {
      const namesake = existing.find((e) => e.kind === entity.kind && e.name.toLocaleLowerCase() === entity.name.toLocaleLowerCase());
      if (namesake) namesakes.push(`${entity.id} and ${namesake.id} ("${entity.name}")`);
      added.push(entity);
      have.set(entity.id, entity);
    } else if (!same(current, entity)) conflicts.push(`${entity.id} ("${entity.name}" in the file, "${current.name}" here)`);
  }
  if (conflicts.length)
    warnings.push(
      `${conflicts.length} ${conflicts.length === 1 ? 'entity differs' : 'entities differ'} from the workspace's record of the same id; the workspace's record is kept: ${examples(conflicts)}`,
    );
  // Two records of one name come from two workspaces that coded the same actor; the annotator merges them (Entities view).
  if (namesakes.length)
    warnings.push(
      `${namesakes.length} imported ${namesakes.length === 1 ? 'entity has' : 'entities have'} the name of an entity of the workspace with another id (merge them if they are the same): ${examples(namesakes)}`,
    );
  const dangling = new Set<string>();
  for (const a of articles) for (const s of a.spans) if (s.entityId && !have.has(s.entityId)) dangling.add(s.entityId);
  if (dangling.size)
    warnings.push(
      `spans link to ${dangling.size} ${dangling.size === 1 ? 'entity' : 'entities'} neither the files nor the workspace have (shown as unlinked): ${examples([...dangling])}`,
    );
  return { added, warnings };
}

function validIdOr(candidate: string | undefined, used: Set<string>, prefix: string): string {
  const id = candidate !== undefined && isValidId(candidate) && !used.has(candidate) ? candidate : newId(prefix);
  used.add(id);
  return id;
}

function toArticle(
  imported: ImportedArticle,
  labelId: (label: string) => string,
  usedArticleIds: Set<string>,
  where: string,
  now = nowIso(),
): Article {
  const spanIds = new Set<string>();
  const spanIdMap = new Map<string, string>();
  const spans = imported.spans
    .map((s) => {
    // Renaming a repeated id would silently re-point the statements that use it (codecs screen this first).
    if (s.id !== undefined && spanIdMap.has(s.id)) throw new WorkbenchError('invalid_input', `${where}: span id "${s.id}" is used by two spans`);
    const id = validIdOr(s.id, spanIds, 's');
    if (s.id !== undefined) spanIdMap.set(s.id, id);
    const createdAt = s.createdAt ?? now;
    // Keys in SpanSchema's order (stored files keep it). Most spans have neither fragments nor a
    // note: built as one literal, without the spreads (a copy per optional field) the others take.
    const span: Span =
      s.fragments || s.note
        ? {
            id,
            labelId: labelId(s.label),
            start: s.start,
            end: s.end,
            ...(s.fragments ? { fragments: s.fragments } : {}),
            ...(s.note ? { note: s.note } : {}),
            annotator: s.annotator ?? '',
            createdAt,
            updatedAt: s.updatedAt ?? createdAt,
          }
        : { id, labelId: labelId(s.label), start: s.start, end: s.end, annotator: s.annotator ?? '', createdAt, updatedAt: s.updatedAt ?? createdAt };
    if (s.entityId) span.entityId = s.entityId;
    if (s.attributes && Object.keys(s.attributes).length) span.attributes = s.attributes;
    return span;
    })
    .sort(compareSpanPosition);
  const statementIds = new Set<string>();
  const ref = (id: string | undefined, role: string) => {
    if (id === undefined) return undefined;
    const mappedId = spanIdMap.get(id);
    if (!mappedId) throw new WorkbenchError('invalid_input', `${where}: statement refers to unknown ${role} span "${id}"`);
    return mappedId;
  };
  const statements = imported.statements.map((st): Statement => {
    const stanceSpanId = ref(st.stanceSpanId, 'stance');
    const id = validIdOr(st.id, statementIds, 'st');
    const actorSpanId = ref(st.actorSpanId, 'actor')!;
    const claimSpanId = ref(st.claimSpanId, 'claim')!;
    const annotator = st.annotator ?? '';
    const createdAt = st.createdAt ?? now;
    const updatedAt = st.updatedAt ?? createdAt;
    // Keys in StatementSchema's order, as one literal for the common shapes (no spread per optional field).
    if (st.note) return { id, actorSpanId, claimSpanId, polarity: st.polarity, ...(stanceSpanId ? { stanceSpanId } : {}), note: st.note, annotator, createdAt, updatedAt };
    return stanceSpanId
      ? { id, actorSpanId, claimSpanId, polarity: st.polarity, stanceSpanId, annotator, createdAt, updatedAt }
      : { id, actorSpanId, claimSpanId, polarity: st.polarity, annotator, createdAt, updatedAt };
  });
  const candidate = {
    id: validIdOr(imported.id, usedArticleIds, 'a'),
    title: imported.title.trim() || 'Untitled',
    ...(imported.source ? { source: imported.source } : {}),
    ...(imported.url ? { url: imported.url } : {}),
    ...(imported.date ? { date: imported.date } : {}),
    status: imported.status ?? (spans.length ? 'in_progress' : 'not_started'),
    createdAt: imported.createdAt ?? now,
    updatedAt: imported.updatedAt ?? imported.createdAt ?? now,
    text: imported.text,
    spans,
    statements,
  };
  // Every id above came through validIdOr and `now` is ours: the check need not ask about them again.
  return checkedArticle(candidate, where, { ids: true, now });
}

