/**
 * How a piece covered by spans looks: the innermost span's colour as a tint behind the text,
 * and one coloured bar per covering span stacked under it (outermost lowest), so nested and
 * overlapping spans stay distinguishable. Colours come from the label schema.
 */
import type { CSSProperties } from 'react';

export const BAR_PX = 3;
export const MAX_BARS = 4;

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function tint(hex: string, alpha: number): string {
  const [r, g, b] = hexToRgb(hex);
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Style of a piece covered by spans with these label colours, outermost first. */
export function highlightStyle(colorsOuterFirst: readonly string[]): CSSProperties {
  const depth = colorsOuterFirst.length;
  if (!depth) return {};
  const bars = colorsOuterFirst.slice(0, MAX_BARS);
  const inner = colorsOuterFirst[depth - 1];
  return {
    backgroundColor: tint(inner, Math.min(0.14 + 0.05 * (depth - 1), 0.3)),
    boxShadow: bars.map((c, k) => `inset 0 -${(k + 1) * BAR_PX}px 0 0 ${c}`).join(', '),
    paddingBottom: `${bars.length * BAR_PX}px`,
  };
}
