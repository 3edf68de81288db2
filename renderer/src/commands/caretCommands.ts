/**
 * Keyboard selection: a word caret in the text region. These apply only while the text
 * region has focus, so the arrow keys keep their usual meaning everywhere else.
 */
import { arrowMotion, type CaretMotion } from '../document/caretMotion';
import type { WorkbenchState } from '../store/types';
import type { KeyBinding } from './keys';
import type { Command } from './command';
import { documentOf } from '../store/documentState';

const inText = (s: WorkbenchState) => !!documentOf(s).article && s.textFocused;

/**
 * Which way an arrow goes depends on the paragraph's direction. While extending, the
 * paragraph where the selection started decides, so one Shift+Arrow gesture keeps going the
 * same way even when it crosses into a paragraph of the other direction.
 */
function arrow(s: WorkbenchState, dir: 'left' | 'right', extend: boolean): CaretMotion {
  const sel = s.textSelection;
  const at = (extend ? sel?.anchor : sel?.focus) ?? 0;
  const { article, paragraphs } = documentOf(s);
  return arrowMotion(article!.text, paragraphs, at, dir);
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
  caret('caret.right', 'Next word (right)', [{ key: 'ArrowRight' }], (s) => arrow(s, 'right', false), false),
  caret('caret.left', 'Previous word (left)', [{ key: 'ArrowLeft' }], (s) => arrow(s, 'left', false), false),
  caret('select.right', 'Select word to the right', [{ key: 'ArrowRight', shift: true }], (s) => arrow(s, 'right', true), true),
  caret('select.left', 'Select word to the left', [{ key: 'ArrowLeft', shift: true }], (s) => arrow(s, 'left', true), true),
  caret('caret.paragraphStart', 'Paragraph start', [{ key: 'Home' }], () => 'paragraphStart', false),
  caret('caret.paragraphEnd', 'Paragraph end', [{ key: 'End' }], () => 'paragraphEnd', false),
  caret('select.paragraphStart', 'Select to paragraph start', [{ key: 'Home', shift: true }], () => 'paragraphStart', true),
  caret('select.paragraphEnd', 'Select to paragraph end', [{ key: 'End', shift: true }], () => 'paragraphEnd', true),
  caret('caret.nextParagraph', 'Next paragraph', [{ key: 'ArrowDown' }], () => 'nextParagraph', false),
  caret('caret.previousParagraph', 'Previous paragraph', [{ key: 'ArrowUp' }], () => 'previousParagraph', false),
  caret('select.nextParagraph', 'Select to next paragraph', [{ key: 'ArrowDown', shift: true }], () => 'nextParagraph', true),
  caret('select.previousParagraph', 'Select to previous paragraph', [{ key: 'ArrowUp', shift: true }], () => 'previousParagraph', true),
  caret('caret.textStart', 'Start of the text', [{ key: 'Home', mod: true }], () => 'textStart', false),
  caret('caret.textEnd', 'End of the text', [{ key: 'End', mod: true }], () => 'textEnd', false),
];
