// The preload of the designer window. It runs sandboxed (only `electron`'s renderer modules can be
// required), so scripts/bundle.ts bundles it with the contract into one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';
import { BRIDGE_GLOBAL } from './channels.js';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridge(ipcRenderer));
