/**
 * The headless host built the way the packaged app is (vite.electron.config.ts): one Node-targeted
 * CommonJS bundle with every npm dependency inside, plus the core's worker threads (inventory
 * snapshots, callback listener) each as its own bundle beside it, run by plain `node`. Under `tsx`
 * the host carries a TypeScript compiler's require/import hooks, every module's transpiled text and
 * source maps (and its worker threads compile themselves through tsx as well): memory the shipped
 * app never pays. Measuring the
 * bundle is the fair figure for "the core's RSS".
 *
 * Layout in a temp dir, so the bundle finds what `electron/host/cli.ts` and the snapshot worker
 * loader look for relative to themselves:
 *   <dir>/package.json            (cli.ts reads the version from `../../package.json`)
 *   <dir>/dist → <repo>/dist      (the renderer the UI server serves)
 *   <dir>/bundle/host/index.cjs
 *   <dir>/bundle/snapshot-worker/index.cjs   (start-worker-thread.ts: `../snapshot-worker/`)
 *   <dir>/bundle/listener-worker/index.cjs   (the same: `../listener-worker/`)
 */
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** The same options as vite.electron.config.ts's `bundle()`, for one entry. */
function bundleConfig(entry: string, outDir: string): InlineConfig {
  return {
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [
      {
        // As in vite.electron.config.ts: readable-stream's 'process/' and 'string_decoder/'.
        name: 'fleetdesk-bench:node-builtins',
        enforce: 'pre',
        resolveId: (source: string) =>
          source.endsWith('/') && builtinModules.includes(source.slice(0, -1))
            ? { id: `node:${source.slice(0, -1)}`, external: true }
            : null,
      },
    ],
    ssr: { noExternal: true, external: nodeBuiltins },
    build: {
      ssr: resolve(ROOT, entry),
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      target: 'node22',
      rolldownOptions: {
        input: resolve(ROOT, entry),
        external: nodeBuiltins,
        output: { format: 'cjs', entryFileNames: 'index.cjs' },
      },
    },
  };
}

export type BundledHost = { dir: string; entry: string; dispose(): void };

/** Builds the host and its worker threads into a fresh temp dir (about 10–20 s). */
export async function buildBundledHost(): Promise<BundledHost> {
  const dir = mkdtempSync(join(tmpdir(), 'fleetdesk-bench-host-'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'), 'dir');
  await build(bundleConfig('electron/host/cli.ts', join(dir, 'bundle/host')));
  await build(
    bundleConfig('electron/core/inventory/snapshot-worker.ts', join(dir, 'bundle/snapshot-worker')),
  );
  await build(bundleConfig('electron/core/listener/listener-worker.ts', join(dir, 'bundle/listener-worker')));
  return {
    dir,
    entry: join(dir, 'bundle/host/index.cjs'),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
