/**
 * Grapheme clusters as doccano counts them. doccano's "Count grapheme clusters as one character"
 * project option stores span offsets in clusters cut by grapheme-splitter 1.0.4 (doccano
 * v1.8.5's frontend pins v-annotator 0.1.28, whose `Text` class calls `splitGraphemes`). That
 * library implements UAX #29 of Unicode 10: it has no GB11 rule for emoji ZWJ sequences as
 * Unicode 11+ writes it (only ZWJ × Glue_After_Zwj | E_Base_GAZ), so 😮‍💨 and ❤️‍🔥 are two
 * clusters there and one for `Intl.Segmenter`; and an emoji modifier after a non-E_Base
 * character is its own cluster. doccano's offsets mean what this library says, so for doccano we
 * follow it, mistakes and all; every other format keeps `Intl.Segmenter`.
 *
 * A faithful port of `nextBreak` and `shouldBreak` in github.com/orling/grapheme-splitter,
 * index.js, tag 1.0.4 (commit 0609d90), MIT licence; the property table is in
 * legacyGraphemesTable.ts. Rule comments are the library's. Offsets here count UTF-16 code
 * units, as the library's string indices do. As in the library, each break test looks back over
 * the cluster so far, so a cluster of k code points costs k² steps: ordinary text is linear (about
 * 1 µs a character), a run of 20,000 combining marks takes seconds. Checked against the library on
 * every code point and 300,000 random strings (see docs/formats.md, doccano).
 */
import { GB, legacyGraphemeBreakProperty, type GraphemeBreakProperty } from './legacyGraphemesTable';

/** The library's code point reader: a lone surrogate is read as itself (its property is Control). */
function codePointAt(str: string, idx: number): number {
  const code = str.charCodeAt(idx);
  if (code >= 0xd800 && code <= 0xdbff && idx < str.length - 1) {
    const low = str.charCodeAt(idx + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    return code;
  }
  if (code >= 0xdc00 && code <= 0xdfff && idx >= 1) {
    const hi = str.charCodeAt(idx - 1);
    if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (code - 0xdc00) + 0x10000;
  }
  return code;
}

/** True when `pos` and `pos + 1` hold a surrogate pair (the library's `isSurrogate`). */
function isSurrogatePair(str: string, pos: number): boolean {
  const hi = str.charCodeAt(pos);
  const lo = str.charCodeAt(pos + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** True when every entry of all[from..to) is `value` (the library's `all.slice(from, to).every(c == value)`). */
function allAre(all: readonly number[], from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (all[i] !== value) return false;
  return true;
}

/**
 * Whether the library breaks before `all[all.length - 1]`, where `all` holds the properties of
 * the cluster so far (its first code point, then the rest, the library's `[start].concat(mid)`)
 * followed by the candidate. The library returns one of several truthy break kinds or 0; only
 * break or not matters to its callers.
 */
function shouldBreak(all: readonly GraphemeBreakProperty[]): boolean {
  const n = all.length;
  const start = all[0];
  const previous = all[n - 2];
  const next = all[n - 1];

  // Lookahead termintor for:
  // GB10. (E_Base | EBG) Extend* ?	E_Modifier
  const eModifierIndex = all.lastIndexOf(GB.E_Modifier);
  if (eModifierIndex > 1 && allAre(all, 1, eModifierIndex, GB.Extend) && start !== GB.Extend && start !== GB.E_Base && start !== GB.E_Base_GAZ)
    return true;

  // Lookahead termintor for:
  // GB12. ^ (RI RI)* RI	?	RI
  // GB13. [^RI] (RI RI)* RI	?	RI
  const rIIndex = all.lastIndexOf(GB.Regional_Indicator);
  if (rIIndex > 0 && allAre(all, 1, rIIndex, GB.Regional_Indicator) && previous !== GB.Prepend && previous !== GB.Regional_Indicator)
    return true; // BreakLastRegional or BreakPenultimateRegional: both break

  // GB3. CR X LF
  if (previous === GB.CR && next === GB.LF) return false;
  // GB4. (Control|CR|LF) ÷
  if (previous === GB.Control || previous === GB.CR || previous === GB.LF) return true;
  // GB5. ÷ (Control|CR|LF)
  if (next === GB.Control || next === GB.CR || next === GB.LF) return true;
  // GB6. L X (L|V|LV|LVT)
  if (previous === GB.L && (next === GB.L || next === GB.V || next === GB.LV || next === GB.LVT)) return false;
  // GB7. (LV|V) X (V|T)
  if ((previous === GB.LV || previous === GB.V) && (next === GB.V || next === GB.T)) return false;
  // GB8. (LVT|T) X (T)
  if ((previous === GB.LVT || previous === GB.T) && next === GB.T) return false;
  // GB9. X (Extend|ZWJ)
  if (next === GB.Extend || next === GB.ZWJ) return false;
  // GB9a. X SpacingMark
  if (next === GB.SpacingMark) return false;
  // GB9b. Prepend X
  if (previous === GB.Prepend) return false;

  // GB10. (E_Base | EBG) Extend* ?	E_Modifier
  // (As in the library: the last Extend anywhere in the cluster, or else the previous entry.)
  const previousNonExtendIndex = all.includes(GB.Extend) ? all.lastIndexOf(GB.Extend) - 1 : n - 2;
  const beforeExtends = all[previousNonExtendIndex];
  if ((beforeExtends === GB.E_Base || beforeExtends === GB.E_Base_GAZ) && allAre(all, previousNonExtendIndex + 1, n - 1, GB.Extend) && next === GB.E_Modifier)
    return false;

  // GB11. ZWJ ? (Glue_After_Zwj | EBG)
  if (previous === GB.ZWJ && (next === GB.Glue_After_Zwj || next === GB.E_Base_GAZ)) return false;

  // GB12. ^ (RI RI)* RI ? RI
  // GB13. [^RI] (RI RI)* RI ? RI
  // (`mid` is all[1..n-1).)
  if (all.indexOf(GB.Regional_Indicator, 1) !== -1 && all.indexOf(GB.Regional_Indicator, 1) < n - 1) return true;
  if (previous === GB.Regional_Indicator && next === GB.Regional_Indicator) return false;

  // GB999. Any ? Any
  return true;
}

/** The library's `nextBreak`: the UTF-16 offset of the first cluster boundary after `index`. */
function nextBreak(text: string, index: number): number {
  if (index >= text.length - 1) return text.length;
  const all: GraphemeBreakProperty[] = [legacyGraphemeBreakProperty(codePointAt(text, index))];
  for (let i = index + 1; i < text.length; i++) {
    // check for already processed low surrogates
    if (isSurrogatePair(text, i - 1)) continue;
    all.push(legacyGraphemeBreakProperty(codePointAt(text, i)));
    if (shouldBreak(all)) return i;
  }
  return text.length;
}

/**
 * The UTF-16 offset where each grapheme cluster of `text` starts, as grapheme-splitter 1.0.4's
 * `splitGraphemes` cuts it (one entry per cluster; empty for the empty text).
 */
export function legacyGraphemeStarts(text: string): number[] {
  const starts: number[] = [];
  for (let index = 0; index < text.length; index = nextBreak(text, index)) starts.push(index);
  return starts;
}

/** The clusters themselves, as `splitGraphemes` returns them. */
export function splitLegacyGraphemes(text: string): string[] {
  const starts = legacyGraphemeStarts(text);
  return starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1] : text.length));
}
