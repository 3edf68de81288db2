/**
 * Statement rows (as the service lists them) -> analysis rows: each statement with the actor
 * and concept it counts for in networks, tables and charts, after the analyst's filters.
 *
 * Normalisation: an actor mention linked to an actor entity counts for that entity; an
 * unlinked mention counts for its own normalised text, so "Khaji" and "khaji " meet but
 * "Khaji" and "Ali-Asghar Khaji" stay apart until someone links them. Claims likewise count
 * for their concept, or for their normalised claim text. Unlinked nodes are labelled
 * "unlinked: <text>" so a network shows at a glance where normalisation is missing.
 */
import type { StatementRow } from './statementRow';
import type { ActorType, ArticleStatus, Entity, OffsetRange, Polarity } from '../domain/model';

/** What a statement counts for on one side of the network: an entity, or an unlinked text. */
export interface NodeRef {
  /** Unique per network node: "actor:<entityId>", "actor-text:<normalised>", "concept:<id>", "claim-text:<normalised>". */
  key: string;
  label: string;
  type: 'actor' | 'concept';
  /** Set when the mention is linked to an existing entity of the right kind. */
  entityId?: string;
  actorType?: ActorType;
}

/** One statement, resolved for analysis. Offsets are UTF-16 code units, as in StatementRow. */
export interface AnalysisRow {
  statementId: string;
  articleId: string;
  articleTitle: string;
  articleDate?: string;
  articleStatus: ArticleStatus;
  polarity: Polarity;
  actor: NodeRef;
  concept: NodeRef;
  /** The mention as written in the article. */
  actorText: string;
  claimText: string;
  stanceText?: string;
  actorStart: number;
  actorEnd: number;
  claimStart: number;
  claimEnd: number;
  /** The pieces of a discontinuous actor or claim span (UTF-16); absent for a contiguous one. */
  actorFragments?: readonly OffsetRange[];
  claimFragments?: readonly OffsetRange[];
  annotator: string;
}

/**
 * Which statements to keep. An absent field does not filter; a present one must match.
 * An empty list keeps nothing (it is the set of accepted values, as a row of checkboxes is).
 */
export interface StatementFilter {
  /** Inclusive lower bound, "YYYY-MM-DD". */
  from?: string;
  /** Inclusive upper bound, "YYYY-MM-DD". */
  to?: string;
  statuses?: readonly ArticleStatus[];
  polarities?: readonly Polarity[];
}

export const UNLINKED_PREFIX = 'unlinked: ';

/**
 * The form two mentions share when they are "the same text": Unicode NFKC, typographic quotes
 * and apostrophes made plain, whitespace collapsed, lower case. Diacritics are kept (they can
 * tell names apart); the entity suggester folds them, this key does not.
 */
export function normaliseMentionText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const collapseWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The leading calendar date of an article date ("2020-11-25", "2020-11-25T08:00:00Z"), or
 * undefined when it does not start with a valid ISO date (missing, "Nov 2020", "2020-11").
 */
export function isoDay(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(date.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function checkBound(name: string, value: string | undefined) {
  if (value !== undefined && isoDay(value) !== value)
    throw new RangeError(`filter "${name}" must be a date written YYYY-MM-DD, got "${value}"`);
}

/**
 * True when the row passes the filter. With a date bound set, rows whose article has no date
 * (or a date that does not start with YYYY-MM-DD) are excluded: an undated statement cannot be
 * shown to fall inside the range.
 */
export function matchesFilter(
  row: Pick<StatementRow, 'articleDate' | 'articleStatus' | 'polarity'>,
  filter: StatementFilter,
): boolean {
  if (filter.statuses && !filter.statuses.includes(row.articleStatus)) return false;
  if (filter.polarities && !filter.polarities.includes(row.polarity)) return false;
  if (filter.from !== undefined || filter.to !== undefined) {
    const day = isoDay(row.articleDate);
    if (day === undefined) return false;
    // YYYY-MM-DD strings order like the dates they denote.
    if (filter.from !== undefined && day < filter.from) return false;
    if (filter.to !== undefined && day > filter.to) return false;
  }
  return true;
}

/**
 * Resolve statement rows against the workspace's entities and apply the filter. A mention whose
 * entity id is unknown (deleted meanwhile) or of the wrong kind counts as unlinked. Unlinked
 * nodes take the text of their first mention (in input order) as label. Input order is kept.
 */
export function buildAnalysisRows(
  rows: readonly StatementRow[],
  entities: readonly Entity[],
  filter: StatementFilter = {},
): AnalysisRow[] {
  checkBound('from', filter.from);
  checkBound('to', filter.to);
  const byId = new Map(entities.map((e) => [e.id, e]));
  // One NodeRef object per key, so consumers may compare refs by identity and rows stay small.
  const refs = new Map<string, NodeRef>();
  // Shortcuts from what a row carries (entity id, raw text) to its ref: most rows repeat them.
  const memo = { actor: new Map<string, NodeRef>(), concept: new Map<string, NodeRef>() };
  const memoText = { actor: new Map<string, NodeRef>(), concept: new Map<string, NodeRef>() };

  const intern = (key: string, make: () => NodeRef) => {
    let ref = refs.get(key);
    if (!ref) refs.set(key, (ref = make()));
    return ref;
  };
  const resolve = (type: 'actor' | 'concept', entityId: string | undefined, text: string): NodeRef => {
    if (entityId) {
      let ref = memo[type].get(entityId);
      if (ref) return ref;
      const entity = byId.get(entityId);
      if (entity && entity.kind === type) {
        ref = intern(`${type}:${entity.id}`, () => {
          const r: NodeRef = { key: `${type}:${entity.id}`, label: entity.name, type, entityId: entity.id };
          if (type === 'actor' && entity.actorType) r.actorType = entity.actorType;
          return r;
        });
        memo[type].set(entityId, ref);
        return ref;
      }
    }
    let ref = memoText[type].get(text);
    if (!ref) {
      const key = `${type === 'actor' ? 'actor-text' : 'claim-text'}:${normaliseMentionText(text)}`;
      ref = intern(key, () => ({ key, label: UNLINKED_PREFIX + collapseWhitespace(text), type }));
      memoText[type].set(text, ref);
    }
    return ref;
  };

  const out: AnalysisRow[] = [];
  for (const r of rows) {
    if (!matchesFilter(r, filter)) continue;
    const row: AnalysisRow = {
      statementId: r.statementId,
      articleId: r.articleId,
      articleTitle: r.articleTitle,
      articleStatus: r.articleStatus,
      polarity: r.polarity,
      actor: resolve('actor', r.actorEntityId, r.actorText),
      concept: resolve('concept', r.conceptId, r.claimText),
      actorText: r.actorText,
      claimText: r.claimText,
      actorStart: r.actorStart,
      actorEnd: r.actorEnd,
      claimStart: r.claimStart,
      claimEnd: r.claimEnd,
      annotator: r.annotator,
    };
    if (r.articleDate !== undefined) row.articleDate = r.articleDate;
    if (r.stanceText !== undefined) row.stanceText = r.stanceText;
    if (r.actorFragments) row.actorFragments = r.actorFragments;
    if (r.claimFragments) row.claimFragments = r.claimFragments;
    out.push(row);
  }
  return out;
}
