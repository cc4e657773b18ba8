import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// @vscode/markdown-it-katex requires its own (older, CommonJS) KaTeX. Pointing every "katex" import at the
// one ESM build bundles a single copy (~270 kB less) that matches the katex.css we import.
const katexEsm = fileURLToPath(new URL('./node_modules/katex/dist/katex.mjs', import.meta.url));

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the desktop app serves the build at cue-app://app/, the web host at its root.
  base: './',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^katex$/, replacement: katexEsm }],
  },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // A desktop app loading from disk: one ~700 kB chunk costs nothing worth splitting for.
    chunkSizeWarningLimit: 1024,
  },
});
