import type { Logger } from '../core/logger';
import { startDemo, type RunningDemo } from './start-demo';

/**
 * The "Try the demo fleet" button's back end for the headless host: the first click starts the
 * demo beside the real instance (its own data dir, UI port and broker), later clicks answer the
 * same URL; `stop()` ends it with the host.
 */
export function demoLauncher(options: {
  dataDir: string;
  rendererDir: string;
  version: string;
  log: Logger;
}): {
  launch(): Promise<{ url: string }>;
  stop(): Promise<void>;
} {
  let running: Promise<RunningDemo> | undefined;
  return {
    async launch() {
      running ??= startDemo({
        ...options,
        controllers: 50,
        uiPort: 0,
        seed: 1,
        log: options.log.child({ module: 'demo' }),
      });
      try {
        return { url: (await running).host.uiUrl };
      } catch (error) {
        running = undefined;
        throw error;
      }
    },
    async stop() {
      const demo = await running?.catch(() => undefined);
      await demo?.stop();
    },
  };
}
