import { describe, expect, it } from 'vitest';
import { createTestStore, labelText } from '../test/testStore';

describe('selection slice', () => {
  it('drops the selected span when a text range is selected', async () => {
    const t = await createTestStore();
    labelText(t, 'Akira Endo', 'actor');
    expect(t.state().selectedSpanId).not.toBeNull();
    t.state().setSelectionFromDom({ anchor: 15, focus: 20 });
    expect(t.state().selectedSpanId).toBeNull();
    // A click (collapsed selection) keeps it.
    const id = labelText(t, 'Tehran', 'claim');
    t.state().setSelectionFromDom({ anchor: 3, focus: 3 });
    expect(t.state().selectedSpanId).toBe(id);
  });

  it('selects the innermost span on click, then cycles outwards', async () => {
    const t = await createTestStore();
    const outer = labelText(t, 'Akira Endo met Ali-Asghar Khaji', 'claim')!;
    const inner = labelText(t, 'Akira Endo', 'actor')!;
    t.state().selectSpan(null);
    t.state().clickSpans([outer, inner]);
    expect(t.state().selectedSpanId).toBe(inner);
    t.state().clickSpans([outer, inner]);
    expect(t.state().selectedSpanId).toBe(outer);
    t.state().clickSpans([outer, inner]);
    expect(t.state().selectedSpanId).toBe(inner);
  });

  it('walks spans in reading order from the selected span or the caret, wrapping around', async () => {
    const t = await createTestStore();
    const a = labelText(t, 'Akira Endo', 'actor')!;
    const b = labelText(t, 'Tehran', 'claim')!;
    const c = labelText(t, 'denounced', 'stance')!;
    t.state().selectSpan(a);
    t.state().selectAdjacentSpan(1);
    expect(t.state().selectedSpanId).toBe(b);
    t.state().selectAdjacentSpan(1);
    expect(t.state().selectedSpanId).toBe(c);
    t.state().selectAdjacentSpan(1);
    expect(t.state().selectedSpanId).toBe(a);
    t.state().selectAdjacentSpan(-1);
    expect(t.state().selectedSpanId).toBe(c);
    // From a caret after "Tehran": the next span is "denounced".
    t.state().clearSelection();
    const at = t.doc().article!.text.indexOf('They');
    t.state().setTextSelection({ anchor: at, focus: at });
    t.state().selectAdjacentSpan(1);
    expect(t.state().selectedSpanId).toBe(c);
    expect(t.state().scrollTarget?.spanId).toBe(c);
  });

  it('moves the caret by word and selects with Shift, deselecting the span', async () => {
    const t = await createTestStore();
    labelText(t, 'Tehran', 'claim');
    t.state().setTextSelection({ anchor: 0, focus: 0 });
    t.state().moveCaret('wordForward', true);
    t.state().moveCaret('wordForward', true);
    const sel = t.state().textSelection!;
    expect(t.doc().article!.text.slice(sel.anchor, sel.focus)).toBe('Akira Endo');
    expect(t.state().selectedSpanId).toBeNull();
    expect(t.state().selectionOrigin).toBe('program');
    t.state().applyLabel('actor');
    expect(t.doc().article!.spans.map((s) => s.labelId)).toEqual(['actor', 'claim']);
  });

  it('Escape deselects the span and collapses the selection', async () => {
    const t = await createTestStore();
    labelText(t, 'Tehran', 'claim');
    t.state().clearSelection();
    expect(t.state().selectedSpanId).toBeNull();
    t.state().setSelectionFromDom({ anchor: 0, focus: 5 });
    t.state().clearSelection();
    expect(t.state().textSelection).toEqual({ anchor: 5, focus: 5 });
  });
});
