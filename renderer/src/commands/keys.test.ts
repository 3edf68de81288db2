import { describe, expect, it } from 'vitest';
import { ariaKeyShortcuts, formatBinding, matchesBinding, type KeyInput } from './keys';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('matchesBinding', () => {
  it('matches letters case-insensitively with exact modifiers', () => {
    expect(matchesBinding({ key: 'z', mod: true }, key('z', { ctrlKey: true }))).toBe(true);
    expect(matchesBinding({ key: 'z', mod: true }, key('z', { metaKey: true }))).toBe(true);
    expect(matchesBinding({ key: 'z', mod: true }, key('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesBinding({ key: 'z', mod: true, shift: true }, key('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchesBinding({ key: 'n' }, key('n', { ctrlKey: true }))).toBe(false);
    expect(matchesBinding({ key: 'n' }, key('n', { altKey: true }))).toBe(false);
  });

  it('ignores Shift for punctuation that needs it', () => {
    expect(matchesBinding({ key: '?' }, key('?', { shiftKey: true }))).toBe(true);
  });

  it('does not take Shift+1 for 1', () => {
    expect(matchesBinding({ key: '1' }, key('!', { shiftKey: true, code: 'Digit1' }))).toBe(false);
  });

  it('falls back to the physical key on a non-Latin layout', () => {
    expect(matchesBinding({ key: '1' }, key('۱', { code: 'Digit1' }))).toBe(true);
    expect(matchesBinding({ key: 'z', mod: true }, key('ظ', { code: 'KeyZ', ctrlKey: true }))).toBe(true);
    expect(matchesBinding({ key: 'n' }, key('د', { code: 'KeyN' }))).toBe(true);
    expect(matchesBinding({ key: 'n' }, key('د', { code: 'KeyP' }))).toBe(false);
  });

  it('matches named keys with Shift as given', () => {
    expect(matchesBinding({ key: 'ArrowRight' }, key('ArrowRight'))).toBe(true);
    expect(matchesBinding({ key: 'ArrowRight' }, key('ArrowRight', { shiftKey: true }))).toBe(false);
    expect(matchesBinding({ key: 'ArrowRight', shift: true }, key('ArrowRight', { shiftKey: true }))).toBe(true);
  });
});

describe('printing bindings', () => {
  it('formats for Windows/Linux and macOS', () => {
    expect(formatBinding({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(formatBinding({ key: 'z', mod: true }, true)).toBe('⌘Z');
    expect(formatBinding({ key: 'ArrowLeft', shift: true }, false)).toBe('Shift+←');
  });

  it('writes aria-keyshortcuts values', () => {
    expect(ariaKeyShortcuts([{ key: 'z', mod: true }, { key: 'y', mod: true }])).toBe('Control+Z Control+Y');
    expect(ariaKeyShortcuts([{ key: '1' }])).toBe('1');
  });
});
