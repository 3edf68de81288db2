/**
 * Vite build of the renderer (renderer/ → dist/renderer). `base: './'` keeps asset URLs
 * relative so the same build loads from the Electron shell and from the browser host.
 * The renderer imports `shared/` by relative path, so the dev server may read the repo root.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron 45 / current Chromium: no legacy transforms needed.
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    fs: { allow: [repoRoot] },
  },
});
