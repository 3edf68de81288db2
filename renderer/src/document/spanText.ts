/** The text a span covers, for lists and accessible names (discontinuous spans joined with "…"). */
import type { Span } from '../../../shared/domain/model';

export function spanText(text: string, span: Pick<Span, 'start' | 'end' | 'fragments'>): string {
  if (span.fragments?.length) return span.fragments.map((f) => text.slice(f.start, f.end)).join(' … ');
  return text.slice(span.start, span.end);
}

/** Shorten long text for display, on a word boundary when one is near. */
export function shorten(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
