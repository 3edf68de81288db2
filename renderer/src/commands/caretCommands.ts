/**
 * Keyboard selection: a word caret in the text region. These apply only while the text
 * region has focus, so the arrow keys keep their usual meaning everywhere else.
 */
import { arrowMotion, type CaretMotion } from '../document/caretMotion';
import type { WorkbenchState } from '../store/types';
import type { KeyBinding } from './keys';
import type { Command } from './registry';

const inText = (s: WorkbenchState) => !!s.article && s.textFocused;

function arrow(s: WorkbenchState, dir: 'left' | 'right'): CaretMotion {
  const at = s.textSelection?.focus ?? 0;
  return arrowMotion(s.article!.text, s.paragraphs, at, dir);
}

function caret(id: string, label: string, keys: KeyBinding[], motion: (s: WorkbenchState) => CaretMotion, extend: boolean): Command {
  return {
    id,
    label,
    category: 'Caret and selection',
    keys,
    when: inText,
    perform: (s) => s.moveCaret(motion(s), extend),
  };
}

export const caretCommands: Command[] = [
  caret('caret.right', 'Caret to the next word (right)', [{ key: 'ArrowRight' }], (s) => arrow(s, 'right'), false),
  caret('caret.left', 'Caret to the previous word (left)', [{ key: 'ArrowLeft' }], (s) => arrow(s, 'left'), false),
  caret('select.right', 'Extend the selection by a word (right)', [{ key: 'ArrowRight', shift: true }], (s) => arrow(s, 'right'), true),
  caret('select.left', 'Extend the selection by a word (left)', [{ key: 'ArrowLeft', shift: true }], (s) => arrow(s, 'left'), true),
  caret('caret.paragraphStart', 'Caret to the start of the paragraph', [{ key: 'Home' }], () => 'paragraphStart', false),
  caret('caret.paragraphEnd', 'Caret to the end of the paragraph', [{ key: 'End' }], () => 'paragraphEnd', false),
  caret('select.paragraphStart', 'Extend the selection to the paragraph start', [{ key: 'Home', shift: true }], () => 'paragraphStart', true),
  caret('select.paragraphEnd', 'Extend the selection to the paragraph end', [{ key: 'End', shift: true }], () => 'paragraphEnd', true),
  caret('caret.nextParagraph', 'Caret to the next paragraph', [{ key: 'ArrowDown' }], () => 'nextParagraph', false),
  caret('caret.previousParagraph', 'Caret to the previous paragraph', [{ key: 'ArrowUp' }], () => 'previousParagraph', false),
  caret('select.nextParagraph', 'Extend the selection by a paragraph (down)', [{ key: 'ArrowDown', shift: true }], () => 'nextParagraph', true),
  caret('select.previousParagraph', 'Extend the selection by a paragraph (up)', [{ key: 'ArrowUp', shift: true }], () => 'previousParagraph', true),
  caret('caret.textStart', 'Caret to the start of the text', [{ key: 'Home', mod: true }], () => 'textStart', false),
  caret('caret.textEnd', 'Caret to the end of the text', [{ key: 'End', mod: true }], () => 'textEnd', false),
];
