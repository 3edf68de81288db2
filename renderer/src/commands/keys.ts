/**
 * Key bindings as data: matching a KeyboardEvent against a binding and printing a binding
 * for buttons and the help dialog. "mod" is Ctrl, or Cmd on macOS. Matching falls back to
 * the physical key (event.code) when the layout types a non-Latin character, so "1" and
 * Ctrl+Z still work while a Persian or Arabic keyboard layout is active.
 */
export interface KeyBinding {
  /** `KeyboardEvent.key`, lower case for letters: "z", "1", "?", "ArrowLeft", "Delete". */
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface KeyInput {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const PHYSICAL = /^(?:Key([A-Z])|Digit(\d)|Numpad(\d))$/;

function normalise(key: string): string {
  return key.length === 1 ? key.toLowerCase() : key;
}

/** Printable keys whose character already encodes Shift ("?" is Shift+/ on many layouts). */
function shiftIsImplicit(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

export function matchesBinding(binding: KeyBinding, e: KeyInput): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (!!binding.mod !== mod || !!binding.alt !== e.altKey) return false;
  const want = normalise(binding.key);
  const got = normalise(e.key);
  if (got === want) return shiftIsImplicit(want) || !!binding.shift === e.shiftKey;
  // A non-Latin layout: compare the physical key instead.
  if (!/^[\x20-\x7e]$/.test(e.key) && e.code && !!binding.shift === e.shiftKey) {
    const m = PHYSICAL.exec(e.code);
    const physical = m ? (m[1] ?? m[2] ?? m[3]).toLowerCase() : null;
    return physical === want;
  }
  return false;
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  Delete: 'Delete',
  Backspace: 'Backspace',
  Enter: 'Enter',
  Home: 'Home',
  End: 'End',
  ' ': 'Space',
};

/** The parts of a binding as shown on keycaps: ["Ctrl", "Shift", "Z"]. */
export function bindingParts(b: KeyBinding, mac = isMacPlatform()): string[] {
  const parts: string[] = [];
  if (b.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (b.alt) parts.push(mac ? '⌥' : 'Alt');
  if (b.shift) parts.push(mac ? '⇧' : 'Shift');
  parts.push(KEY_NAMES[b.key] ?? (b.key.length === 1 ? b.key.toUpperCase() : b.key));
  return parts;
}

export function formatBinding(b: KeyBinding, mac = isMacPlatform()): string {
  return bindingParts(b, mac).join(mac ? '' : '+');
}

/** The value of `aria-keyshortcuts` for a set of bindings ("Control+Z Control+Shift+Z"). */
export function ariaKeyShortcuts(bindings: readonly KeyBinding[]): string {
  return bindings
    .map((b) =>
      [b.mod ? 'Control' : '', b.alt ? 'Alt' : '', b.shift ? 'Shift' : '', b.key === ' ' ? 'Space' : b.key.length === 1 ? b.key.toUpperCase() : b.key]
        .filter(Boolean)
        .join('+'),
    )
    .join(' ');
}
