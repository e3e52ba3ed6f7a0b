import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { META_CONTENT_SECURITY_POLICY } from './electron/core/csp';

/** The CSP as a meta tag in the built page only: the dev server's React refresh runs inline code. */
const cspMeta: Plugin = {
  name: 'fleetdesk-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
};

/** The renderer build: a static bundle both hosts load (Electron from file, the host over HTTP). */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
  },
});
