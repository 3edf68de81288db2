import { describe, expect, it } from 'vitest';
import { TEST_LABELS } from '../test/fakeApi';
import { createTestStore, labelText } from '../test/testStore';
import type { KeyInput } from './keys';
import { buildCommands, commandForKey, executeCommand, runCommand } from './registry';

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('command registry', () => {
  const commands = buildCommands(TEST_LABELS);

  it('has one command per label, bound to its hotkey and named after it', () => {
    const labelCommands = commands.filter((c) => c.category === 'Labels');
    expect(labelCommands.map((c) => [c.label, c.keys[0].key])).toEqual([
      ['Actor', '1'],
      ['Stance', '2'],
      ['Claim', '3'],
    ]);
  });

  it('ids are unique and every bound command has a label', () => {
    const ids = commands.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of commands) expect(c.label).not.toBe('');
  });

  it('resolves keys to commands that apply in the current state', async () => {
    const t = await createTestStore();
    expect(commandForKey(commands, press('1'), t.state())?.id).toBe('label.actor');
    // Nothing to undo or delete yet.
    expect(commandForKey(commands, press('z', { ctrlKey: true }), t.state())).toBeUndefined();
    expect(commandForKey(commands, press('Delete'), t.state())).toBeUndefined();
    labelText(t, 'Akira Endo', 'actor');
    expect(commandForKey(commands, press('z', { ctrlKey: true }), t.state())?.id).toBe('history.undo');
    expect(commandForKey(commands, press('Backspace'), t.state())?.id).toBe('span.delete');
    expect(commandForKey(commands, press('?', { shiftKey: true }), t.state())?.id).toBe('help.shortcuts');
  });

  it('keeps the arrow keys for the caret to the focused text', async () => {
    const t = await createTestStore();
    expect(commandForKey(commands, press('ArrowRight'), t.state())).toBeUndefined();
    t.state().setTextFocused(true);
    expect(commandForKey(commands, press('ArrowRight', { shiftKey: true }), t.state())?.id).toBe('select.right');
  });

  it('runs the same thing for a key and a button', async () => {
    const t = await createTestStore();
    const id = labelText(t, 'Akira Endo', 'actor')!;
    expect(runCommand(commands, 'label.claim', t.state())).toBe(true);
    expect(t.doc().article!.spans.find((s) => s.id === id)!.labelId).toBe('claim');
    executeCommand(commandForKey(commands, press('z', { metaKey: true }), t.state())!, t.state());
    expect(t.doc().article!.spans[0].labelId).toBe('actor');
    runCommand(commands, 'history.redo', t.state());
    expect(t.doc().article!.spans[0].labelId).toBe('claim');
    runCommand(commands, 'span.delete', t.state());
    expect(t.doc().article!.spans).toHaveLength(0);
    runCommand(commands, 'article.toggleDone', t.state());
    expect(t.doc().article!.status).toBe('done');
    expect(runCommand(commands, 'span.delete', t.state())).toBe(false);
  });
});
