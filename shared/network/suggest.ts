/**
 * Entity suggestions for a new mention: which existing actor entities (or claim concepts) the
 * mention's text probably refers to, best first. Matching ignores case, diacritics, punctuation
 * and possessive "'s"; it ranks an exact name above an exact alias above a partial token match
 * ("Khaji" -> "Ali-Asghar Khaji"). It only proposes: the annotator links.
 */
import type { Entity, EntityKind } from '../domain/model';

export interface EntitySuggestion {
  entity: Entity;
  /** 0..1: 1 exact name, 0.95 exact alias, below 0.9 a partial token match. */
  score: number;
  match: 'name' | 'alias' | 'tokens';
  /** The name or alias that matched best. */
  matched: string;
}

/** Words that carry no identity: "the Iranian diplomat" and "Iranian diplomat" match. */
const STOPWORDS = new Set([
  'the', 'a', 'an', 'of', 'for', 'and', 'in', 'on', 'to', 'at', 'by', 'with', 'from', 'as',
  'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'de', 'la', 'le', 'al', 'el',
]);

/** Case, diacritics, quotes, dashes and punctuation folded away; words separated by one space. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2019\u02BC]s\b/g, '') // possessive: "Iran’s" -> "iran"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The identifying words of a name (stopwords dropped unless nothing else is left). */
export function contentTokens(text: string): string[] {
  const words = foldForMatching(text).split(' ').filter(Boolean);
  const content = words.filter((w) => !STOPWORDS.has(w));
  return [...new Set(content.length ? content : words)];
}

function tokenScore(mention: readonly string[], name: readonly string[]): number {
  if (!mention.length || !name.length) return 0;
  const nameSet = new Set(name);
  const shared = mention.filter((t) => nameSet.has(t)).length;
  if (shared === 0) return 0;
  // Mean of how much of the mention and how much of the name is covered, scaled below the
  // exact matches: "Khaji" vs "Ali-Asghar Khaji" = 0.85 * (1 + 1/3) / 2 = 0.57.
  return 0.85 * ((shared / mention.length + shared / name.length) / 2);
}

/**
 * Rank the entities of `kind` whose name or an alias matches `mentionText`, best first (ties
 * by name). Entities with nothing in common are left out.
 */
export function suggestEntities(
  mentionText: string,
  entities: readonly Entity[],
  kind: EntityKind,
  options: { limit?: number } = {},
): EntitySuggestion[] {
  const folded = foldForMatching(mentionText);
  if (!folded) return [];
  const mentionTokens = contentTokens(mentionText);
  const out: EntitySuggestion[] = [];
  for (const entity of entities) {
    if (entity.kind !== kind) continue;
    let best: EntitySuggestion | null = null;
    const candidates: [string, boolean][] = [[entity.name, false], ...entity.aliases.map((a): [string, boolean] => [a, true])];
    for (const [candidate, isAlias] of candidates) {
      let score: number;
      let match: EntitySuggestion['match'];
      if (foldForMatching(candidate) === folded) {
        score = isAlias ? 0.95 : 1;
        match = isAlias ? 'alias' : 'name';
      } else {
        score = tokenScore(mentionTokens, contentTokens(candidate));
        match = 'tokens';
      }
      if (score > 0 && (!best || score > best.score)) best = { entity, score, match, matched: candidate };
    }
    if (best) out.push(best);
  }
  out.sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name));
  return options.limit === undefined ? out : out.slice(0, options.limit);
}
