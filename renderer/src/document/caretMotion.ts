/**
 * Keyboard selection over the article text, as pure functions of (text, paragraphs,
 * selection). The caret moves by word: Right/Left jump to the start of the next/previous word;
 * Shift+Right/Left move the selection's focus to the next word end / previous word start, so
 * "Shift+Right twice" selects two words exactly. Home/End go to the paragraph's ends,
 * Ctrl+Home/End to the text's ends, Up/Down by paragraph. In a right-to-left paragraph the
 * arrow keys are mirrored (Left moves forward), as users of Persian and Arabic expect.
 * Offsets are UTF-16 code units; a word never splits a surrogate pair.
 */
import type { TextRange } from '../session/paragraphBuckets';
import { paragraphAt } from '../session/paragraphBuckets';

export interface TextSelection {
  anchor: number;
  focus: number;
}

export type CaretMotion =
  | 'wordForward'
  | 'wordBackward'
  | 'paragraphStart'
  | 'paragraphEnd'
  | 'textStart'
  | 'textEnd'
  | 'nextParagraph'
  | 'previousParagraph';

// ZWNJ and ZWJ are listed on their own on purpose: both occur inside Persian words and emoji.
// eslint-disable-next-line no-misleading-character-class
const WORD_CHAR = /[\p{L}\p{N}\p{M}\u200c\u200d_]/u;
/** Joiners that belong to a word when both neighbours are word characters: minister's, Ali-Asghar, U.S. */
const INNER_JOINER = /['’\-‐.·]/u;
const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const STRONG_LTR = /[A-Za-z\u00c0-\u024f\u0370-\u052f\u1e00-\u1fff]/u;

function codePointAround(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = text.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return String.fromCodePoint(text.codePointAt(i - 1)!);
  }
  return String.fromCodePoint(text.codePointAt(i) ?? 0);
}

function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  return WORD_CHAR.test(codePointAround(text, i));
}

/** True when the code unit at `i` is part of a word (including joiners inside a word). */
export function isInWord(text: string, i: number): boolean {
  if (isWordChar(text, i)) return true;
  return INNER_JOINER.test(text[i] ?? '') && isWordChar(text, i - 1) && isWordChar(text, i + 1);
}

/** Start of the next word after `pos` (leaving the word `pos` is in); text length when there is none. */
export function nextWordStart(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && isInWord(text, i)) i++;
  while (i < text.length && !isInWord(text, i)) i++;
  return i;
}

/** End of the word at or after `pos`. */
export function nextWordEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && !isInWord(text, i)) i++;
  while (i < text.length && isInWord(text, i)) i++;
  return i;
}

/** Start of the word before `pos` (or of the word `pos` is inside). */
export function previousWordStart(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && !isInWord(text, i - 1)) i--;
  while (i > 0 && isInWord(text, i - 1)) i--;
  return i;
}

/** End of the word before `pos`, skipping the word `pos` is inside or just after. */
export function previousWordEnd(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && isInWord(text, i - 1)) i--;
  while (i > 0 && !isInWord(text, i - 1)) i--;
  return i;
}

/** The paragraph's direction as `dir="auto"` resolves it: from its first strong character. */
export function paragraphDirection(text: string, range: TextRange): 'ltr' | 'rtl' {
  for (let i = range.start; i < range.end; i++) {
    const ch = text[i];
    if (STRONG_RTL.test(ch)) return 'rtl';
    if (STRONG_LTR.test(ch) || /\p{L}/u.test(ch)) return 'ltr';
  }
  return 'ltr';
}

/** Arrow keys are visual: in a right-to-left paragraph Right means backward. */
export function arrowMotion(
  text: string,
  paragraphs: readonly TextRange[],
  offset: number,
  arrow: 'left' | 'right',
): 'wordForward' | 'wordBackward' {
  const p = paragraphs.length ? paragraphs[paragraphAt(paragraphs, offset)] : { start: 0, end: text.length };
  const forward = arrow === 'right';
  return (paragraphDirection(text, p) === 'rtl' ? !forward : forward) ? 'wordForward' : 'wordBackward';
}

function nonEmptyIndex(paragraphs: readonly TextRange[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < paragraphs.length; i += step) if (paragraphs[i].end > paragraphs[i].start) return i;
  return -1;
}

/** Where the caret or the selection's focus goes for one key press. */
export function moveSelection(
  text: string,
  paragraphs: readonly TextRange[],
  current: TextSelection | null,
  motion: CaretMotion,
  extend: boolean,
): TextSelection {
  const paras = paragraphs.length ? paragraphs : [{ start: 0, end: text.length }];
  if (!current) {
    const first = nonEmptyIndex(paras, 0, 1);
    const start = first < 0 ? 0 : paras[first].start;
    const at = motion === 'textEnd' ? text.length : isInWord(text, start) ? start : nextWordStart(text, start);
    return { anchor: at, focus: at };
  }
  const { anchor, focus } = current;
  const collapsed = anchor === focus;
  const lo = Math.min(anchor, focus);
  const hi = Math.max(anchor, focus);
  const pi = paragraphAt(paras, focus);
  const para = paras[pi];
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));

  if (!extend) {
    let at: number;
    switch (motion) {
      case 'wordForward':
        at = collapsed ? nextWordStart(text, focus) : hi;
        break;
      case 'wordBackward':
        at = collapsed ? previousWordStart(text, focus) : lo;
        break;
      case 'paragraphStart':
        at = para.start;
        break;
      case 'paragraphEnd':
        at = para.end;
        break;
      case 'textStart':
        at = 0;
        break;
      case 'textEnd':
        at = text.length;
        break;
      case 'nextParagraph': {
        const n = nonEmptyIndex(paras, pi + 1, 1);
        at = n < 0 ? para.end : paras[n].start;
        break;
      }
      case 'previousParagraph': {
        if (focus > para.start) at = para.start;
        else {
          const n = nonEmptyIndex(paras, pi - 1, -1);
          at = n < 0 ? para.start : paras[n].start;
        }
        break;
      }
    }
    at = clamp(at);
    return { anchor: at, focus: at };
  }

  let to: number;
  switch (motion) {
    case 'wordForward':
      // Shrinking a backward selection keeps its edge on word starts; growing lands on word ends.
      to = focus < anchor ? Math.min(nextWordStart(text, focus), anchor) : nextWordEnd(text, focus);
      break;
    case 'wordBackward':
      to = focus > anchor ? Math.max(previousWordEnd(text, focus), anchor) : previousWordStart(text, focus);
      break;
    case 'paragraphStart':
      to = para.start;
      break;
    case 'paragraphEnd':
      to = para.end;
      break;
    case 'textStart':
      to = 0;
      break;
    case 'textEnd':
      to = text.length;
      break;
    case 'nextParagraph': {
      if (focus < para.end) to = para.end;
      else {
        const n = nonEmptyIndex(paras, pi + 1, 1);
        to = n < 0 ? para.end : paras[n].end;
      }
      break;
    }
    case 'previousParagraph': {
      if (focus > para.start) to = para.start;
      else {
        const n = nonEmptyIndex(paras, pi - 1, -1);
        to = n < 0 ? para.start : paras[n].start;
      }
      break;
    }
  }
  return { anchor, focus: clamp(to) };
}
