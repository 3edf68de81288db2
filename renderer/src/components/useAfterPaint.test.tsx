// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAfterPaint } from './useAfterPaint';

afterEach(cleanup);

let setValue: (v: number) => void = () => {};
function Probe() {
  const [value, set] = useState(0);
  setValue = set;
  const shown = useAfterPaint(value);
  return <output aria-label="shown">{shown}</output>;
}
const shown = () => screen.getByRole('status', { name: 'shown' }).textContent;

describe('useAfterPaint', () => {
  it('shows a new value only after the next frame', async () => {
    render(<Probe />);
    act(() => setValue(1));
    expect(shown()).toBe('0');
    await waitFor(() => expect(shown()).toBe('1'));
  });

  it('catches up at once when a key or pointer is pressed, before the handlers see the page', () => {
    render(<Probe />);
    let seenByHandler = '';
    const onKey = () => (seenByHandler = shown() ?? '');
    window.addEventListener('keydown', onKey);
    act(() => setValue(2));
    expect(shown()).toBe('0');
    fireEvent.keyDown(window, { key: 'Tab' });
    expect(seenByHandler).toBe('2');
    act(() => setValue(3));
    expect(shown()).toBe('2');
    fireEvent.pointerDown(document.body);
    expect(shown()).toBe('3');
    window.removeEventListener('keydown', onKey);
  });

  it('skips a value that came and went within the frame', async () => {
    render(<Probe />);
    act(() => setValue(4));
    act(() => setValue(0));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 5)));
    expect(shown()).toBe('0');
  });
});
