import { randomBytes } from 'node:crypto';
import type { DemoLaunch } from '../../shared/contract';
import { createCore, type Core } from '../core/create-core';
import { systemClock } from '../core/clock';
import type { Logger } from '../core/logger';
import { confStoreOpener } from './conf-store';
import { startUiServer } from './ui-server';
import { attachWsApi } from './ws-api';
import { uiPortError } from './ui-port-in-use';
import type { HostOptions } from './host-options';
import { headlessSecretStore } from '../core/secrets/headless-secret-store';
import { profileFromArgs } from '../core/broker/broker-url';

/** The broker of `--broker`, with the username and password reference from the environment. */
function brokerProfile(url: string, fallback: string | undefined, env: NodeJS.ProcessEnv) {
  const profile = profileFromArgs(
    ['--broker', url, ...(fallback ? ['--broker-fallback', fallback] : [])],
    env,
  );
  if (!profile) throw new Error('--broker needs a URL');
  return profile;
}

export type RunningHost = { core: Core; uiUrl: string; listenerUrl: string; stop(): Promise<void> };

/**
 * The headless host: the same core as the desktop app, the built renderer on 127.0.0.1, and the
 * contract over a WebSocket guarded by a token made fresh for this run.
 */
export async function startHost(
  options: HostOptions,
  deps: {
    rendererDir: string;
    version: string;
    log: Logger;
    demo?: boolean;
    launchDemo?: () => Promise<DemoLaunch>;
  },
): Promise<RunningHost> {
  const core = createCore({
    dataDir: options.dataDir,
    clock: systemClock,
    openStore: confStoreOpener(options.dataDir),
    log: deps.log,
    host: 'headless',
    demo: deps.demo ?? false,
    ...(deps.launchDemo && { launchDemo: deps.launchDemo }),
    version: deps.version,
    ...(options.listenerToken !== undefined && { listenerToken: options.listenerToken }),
    ...(options.broker !== undefined && {
      broker: brokerProfile(options.broker, options.brokerFallback, process.env),
    }),
    secrets: headlessSecretStore(),
    listener: {
      ...(options.listenerHost !== undefined && { host: options.listenerHost }),
      ...(options.listenerPort !== undefined && { port: options.listenerPort }),
    },
  });
  await core.start();
  const token = randomBytes(24).toString('base64url');
  const ui = await startUiServer(deps.rendererDir, options.uiPort).catch(async (error: unknown) => {
    await core.stop();
    // `npm run demo` takes --ui-port only; `npm run serve` also reads FLEETDESK_UI_PORT.
    throw uiPortError(error, options.uiPort, deps.demo ? '--ui-port' : '--ui-port (or FLEETDESK_UI_PORT)');
  });
  const api = attachWsApi(ui.server, core, token, deps.log);
  return {
    core,
    uiUrl: `http://127.0.0.1:${ui.port}/?token=${token}`,
    listenerUrl: core.info().listenerUrl,
    async stop() {
      await api.close();
      await new Promise<void>((resolve) => {
        ui.server.close(() => resolve());
        ui.server.closeAllConnections();
      });
      await core.stop();
    },
  };
}
