import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

// The server serves dist/ under a strict CSP (script-src 'self'; style-src 'self'): no inline
// scripts or styles, so keep the module preload polyfill off and CSS in emitted files.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3111' },
  },
});
