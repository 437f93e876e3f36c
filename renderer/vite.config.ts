// Build of the designer: `vite build renderer` (root = this folder) → renderer/dist, served as static
// files by `pipewright serve` and loaded from disk by Electron, hence relative asset URLs (base './').
// Monaco and its worker are bundled from node_modules (see src/mapping/monaco-environment.ts): the app
// loads nothing from a CDN.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is one big chunk by nature; it is loaded lazily, only when an expression editor opens.
    chunkSizeWarningLimit: 4000,
  },
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
});
