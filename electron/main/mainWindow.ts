/**
 * The workbench window: created through `createSecureWindow` (the hardened webPreferences) and
 * pointed at the renderer on app://workbench/. Takes the BrowserWindow class as a parameter so
 * tests construct it with a fake.
 */
import type { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, createSecureWindow, type BrowserWindowConstructor } from './security';

export const PRODUCT_NAME = 'Annotation Workbench';

export interface MainWindowDeps {
  BrowserWindow: BrowserWindowConstructor;
  /** Absolute path of dist-electron/preload.cjs. */
  preloadPath: string;
  /** Where load failures are reported. Default console.error. */
  logError?: (message: string) => void;
}

export function createMainWindow({ BrowserWindow, preloadPath, logError = console.error }: MainWindowDeps): BrowserWindow {
  const window = createSecureWindow(BrowserWindow, {
    preload: preloadPath,
    title: PRODUCT_NAME,
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
  });
  // Shown once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((err: unknown) => logError(`could not load ${APP_ENTRY_URL}: ${String(err)}`));
  return window;
}
