/**
 * Preload of the workbench window (sandboxed: bundled into one CommonJS file with only
 * `electron` external, see scripts/build-electron.mjs). Exposes the named bridge functions and
 * nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/api/bridge';
import { buildBridge } from './buildBridge';

// A wrapper, not `ipcRenderer.invoke` itself: the renderer must not receive a function that
// can reach arbitrary channels, and the IPC event object never crosses the bridge.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  buildBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
