import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../../../shared/text/paragraphs';
import {
  arrowMotion,
  isInWord,
  moveSelection,
  nextWordEnd,
  nextWordStart,
  paragraphDirection,
  previousWordEnd,
  previousWordStart,
  type CaretMotion,
  type TextSelection,
} from './caretMotion';

const text = 'Akira Endo, the envoy, met Ali-Asghar Khaji.\nSecond line here.';
const paras = splitParagraphs(text);

function press(sel: TextSelection | null, motion: CaretMotion, extend = false, times = 1): TextSelection {
  let s = sel;
  for (let i = 0; i < times; i++) s = moveSelection(text, paras, s, motion, extend);
  return s!;
}
const word = (s: TextSelection) => text.slice(Math.min(s.anchor, s.focus), Math.max(s.anchor, s.focus));

describe('word boundaries', () => {
  it('treats hyphens and apostrophes inside a word as part of it', () => {
    expect(isInWord(text, text.indexOf('-'))).toBe(true);
    expect(nextWordEnd(text, text.indexOf('Ali'))).toBe(text.indexOf(' Khaji'));
    expect(isInWord("minister's", 8)).toBe(true);
  });

  it('skips punctuation between words', () => {
    expect(nextWordStart(text, 6)).toBe(text.indexOf('the'));
    expect(previousWordStart(text, text.indexOf('the'))).toBe(6);
    expect(previousWordEnd(text, text.indexOf('the') + 2)).toBe(10);
  });

  it('keeps surrogate pairs and Persian joiners inside words', () => {
    const t = 'a 𝒜𝒷c d';
    expect(nextWordEnd(t, 2)).toBe(2 + '𝒜𝒷c'.length);
    const fa = 'می‌خواهم بروم';
    expect(nextWordEnd(fa, 0)).toBe('می‌خواهم'.length);
  });
});

describe('moveSelection', () => {
  it('puts the caret on the first word when there is none yet', () => {
    expect(moveSelection('  hello', [{ start: 0, end: 7 }], null, 'wordForward', false)).toEqual({ anchor: 2, focus: 2 });
  });

  it('moves the caret from word start to word start', () => {
    let s = press(null, 'wordForward');
    expect(s.focus).toBe(0);
    s = press(s, 'wordForward');
    expect(s.focus).toBe(6);
    s = press(s, 'wordBackward');
    expect(s.focus).toBe(0);
  });

  it('extends by whole words with Shift, so two presses select two words', () => {
    const s = press({ anchor: 0, focus: 0 }, 'wordForward', true, 2);
    expect(word(s)).toBe('Akira Endo');
  });

  it('shrinks a selection back to a word end', () => {
    const s = press(press({ anchor: 0, focus: 0 }, 'wordForward', true, 3), 'wordBackward', true);
    expect(word(s)).toBe('Akira Endo');
  });

  it('extends backwards to word starts and shrinks forwards without crossing the anchor', () => {
    const end = text.indexOf(',');
    let s = press({ anchor: end, focus: end }, 'wordBackward', true, 2);
    expect(word(s)).toBe('Akira Endo');
    s = press(s, 'wordForward', true);
    expect(word(s)).toBe('Endo');
    s = press(s, 'wordForward', true, 3);
    expect(s.focus).toBeGreaterThanOrEqual(end);
  });

  it('collapses a selection to its edge on a plain arrow', () => {
    expect(press({ anchor: 0, focus: 10 }, 'wordForward')).toEqual({ anchor: 10, focus: 10 });
    expect(press({ anchor: 10, focus: 0 }, 'wordBackward')).toEqual({ anchor: 0, focus: 0 });
  });

  it('goes to paragraph ends with Home/End and between paragraphs with Up/Down', () => {
    expect(press({ anchor: 8, focus: 8 }, 'paragraphEnd').focus).toBe(paras[0].end);
    expect(press({ anchor: 8, focus: 8 }, 'paragraphStart').focus).toBe(0);
    expect(press({ anchor: 8, focus: 8 }, 'nextParagraph').focus).toBe(paras[1].start);
    expect(press({ anchor: paras[1].start, focus: paras[1].start }, 'previousParagraph').focus).toBe(0);
    expect(word(press({ anchor: 0, focus: 0 }, 'paragraphEnd', true))).toBe(text.slice(paras[0].start, paras[0].end));
    expect(press({ anchor: 3, focus: 3 }, 'textEnd').focus).toBe(text.length);
  });
});

describe('right-to-left paragraphs', () => {
  it('detects the direction from the first strong character', () => {
    expect(paragraphDirection('«سلام» hello', { start: 0, end: 12 })).toBe('rtl');
    expect(paragraphDirection('123 hello سلام', { start: 0, end: 14 })).toBe('ltr');
  });

  it('mirrors the arrow keys', () => {
    const t = 'سلام دنیا\nhello world';
    const ps = splitParagraphs(t);
    expect(arrowMotion(t, ps, 0, 'left')).toBe('wordForward');
    expect(arrowMotion(t, ps, 0, 'right')).toBe('wordBackward');
    expect(arrowMotion(t, ps, ps[1].start + 1, 'right')).toBe('wordForward');
  });
});
