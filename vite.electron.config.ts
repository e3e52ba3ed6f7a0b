import { resolve } from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

const root = import.meta.dirname;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/**
 * One Node-targeted CommonJS bundle. `electron` stays a `require('electron')`: it is provided by the
 * runtime, never by node_modules.
 */
function bundle(entry: string, outDir: string, external: string[]): EnvironmentOptions {
  return {
    consumer: 'server',
    // Bundle every npm dependency: the app then ships without a node_modules tree to resolve at run time.
    resolve: { noExternal: true, external },
    build: {
      outDir: resolve(root, outDir),
      emptyOutDir: true,
      sourcemap: true,
      minify: false,
      target: 'node22',
      rolldownOptions: {
        input: resolve(root, entry),
        external,
        output: { format: 'cjs', entryFileNames: 'index.cjs' },
      },
    },
  };
}

/**
 * The Electron build (`npm run build:electron`): three bundles from one `vite build`.
 * - main: `dist-electron/main/index.cjs`, CommonJS (package.json "main"), npm dependencies bundled,
 *   `electron` and Node built-ins external.
 * - preload: `dist-electron/preload/index.cjs`, CommonJS because a sandboxed preload cannot load
 *   ES modules, and self-contained because it may `require` nothing but 'electron'.
 * - snapshot worker: `dist-electron/snapshot-worker/index.cjs`, the worker thread that writes the
 *   inventory snapshot; self-contained (Node built-ins only), because the main bundle runs its text
 *   with `eval` (a Worker cannot load a path inside app.asar).
 * - listener worker: `dist-electron/listener-worker/index.cjs`, the thread that serves the callback
 *   listener (listener-thread.ts); self-contained in the same way.
 */
export default defineConfig({
  root,
  publicDir: false,
  // The bundles read no VITE_* variables; NODE_ENV is fixed so dependencies drop their dev branches.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [
    {
      // readable-stream (under mqtt) asks for npm shims as 'process/' and 'string_decoder/' (the
      // trailing slash skips the built-in); in Node the built-ins are the real thing.
      name: 'fleetdesk:node-builtins',
      enforce: 'pre',
      resolveId: (source) =>
        source.endsWith('/') && builtinModules.includes(source.slice(0, -1))
          ? { id: `node:${source.slice(0, -1)}`, external: true }
          : null,
    },
  ],
  environments: {
    main: bundle('electron/main/index.ts', 'dist-electron/main', ['electron', ...nodeBuiltins]),
    preload: bundle('electron/preload/index.ts', 'dist-electron/preload', ['electron']),
    // The inventory's snapshot writer thread, loaded by the main bundle (snapshot-worker-thread.ts).
    snapshotWorker: bundle('electron/core/inventory/snapshot-worker.ts', 'dist-electron/snapshot-worker', [
      ...nodeBuiltins,
    ]),
    // The callback listener's thread, loaded by the main bundle (listener-thread.ts).
    listenerWorker: bundle('electron/core/listener/listener-worker.ts', 'dist-electron/listener-worker', [
      ...nodeBuiltins,
    ]),
  },
  builder: {
    async buildApp(builder) {
      const { main, preload, snapshotWorker, listenerWorker } = builder.environments;
      if (!main || !preload || !snapshotWorker || !listenerWorker)
        throw new Error(
          'vite.electron.config.ts: the main, preload, snapshotWorker or listenerWorker environment is missing',
        );
      await builder.build(main);
      await builder.build(preload);
      await builder.build(snapshotWorker);
      await builder.build(listenerWorker);
    },
  },
});
