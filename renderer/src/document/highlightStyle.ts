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

/**
 * The same look as a class of one shared style sheet, one class per distinct colour stack
 * (a handful per label schema): thousands of highlights then share a rule instead of each
 * carrying its own inline style, which makes creating them and recalculating their style
 * cheaper. The sheet is a constructed one (document.adoptedStyleSheets), which the
 * Content-Security-Policy (style-src 'self') allows, unlike a <style> element. Where
 * constructed sheets are missing (jsdom), `style` carries the inline style instead.
 */
export interface HighlightLook {
  className: string;
  style?: CSSProperties;
}

let sheet: CSSStyleSheet | null | undefined;
const classes = new Map<string, string>();

function sharedSheet(): CSSStyleSheet | null {
  if (sheet !== undefined) return sheet;
  sheet = null;
  try {
    if (typeof CSSStyleSheet === 'function' && typeof document !== 'undefined' && Array.isArray(document.adoptedStyleSheets)) {
      const created = new CSSStyleSheet();
      created.insertRule('.hl {}');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, created];
      created.deleteRule(0);
      sheet = created;
    }
  } catch {
    sheet = null;
  }
  return sheet;
}

const cssName = (prop: string) => prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Class (and, without constructed style sheets, inline style) of a piece covered by spans with these colours, outermost first. */
export function highlightLook(colorsOuterFirst: readonly string[]): HighlightLook {
  const key = colorsOuterFirst.join(' ');
  const known = classes.get(key);
  if (known) return { className: known };
  const style = highlightStyle(colorsOuterFirst);
  const target = sharedSheet();
  if (!target) return { className: '', style };
  const className = `hl-c${classes.size}`;
  const body = Object.entries(style)
    .map(([prop, value]) => `${cssName(prop)}: ${String(value)};`)
    .join(' ');
  target.insertRule(`.${className} { ${body} }`, target.cssRules.length);
  classes.set(key, className);
  return { className };
}
