/**
 * The library's filter match, one definition for the service's paged listing, the renderer's
 * client-side filter and the renderer's fake API: a summary matches when its title, source,
 * date or URL contains the query, ignoring case and the query's surrounding spaces.
 */
import type { ArticleSummary } from './model';

type Searchable = Pick<ArticleSummary, 'title' | 'source' | 'date' | 'url'>;

/** The query as it is matched: trimmed and lower-cased ("" matches everything). */
export function normalizeArticleQuery(query: string | undefined): string {
  return (query ?? '').trim().toLocaleLowerCase();
}

/** A summary's searchable text, lower-cased; a newline cannot be typed into the filter, so no match spans two fields. */
export function articleSearchKey(a: Searchable): string {
  return [a.title, a.source ?? '', a.date ?? '', a.url ?? ''].join('\n').toLocaleLowerCase();
}
