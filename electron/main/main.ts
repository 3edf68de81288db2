/**
 * Entry point of the Electron main process (bundled to dist-electron/main.cjs). Only wiring:
 * the real Electron modules and the workspace service go into `startApp`, which holds the logic.
 */
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { openWorkspace } from '../service/workspace';
import { EXIT_STARTUP_FAILED, startApp } from './startApp';

startApp({
  app,
  protocol,
  ipcMain,
  dialog,
  shell,
  BrowserWindow,
  defaultSession: () => session.defaultSession,
  openWorkspace,
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  resourcesPath: process.resourcesPath,
}).catch((err: unknown) => {
  console.error('Annotation Workbench failed to start:', err);
  app.exit(EXIT_STARTUP_FAILED);
});
