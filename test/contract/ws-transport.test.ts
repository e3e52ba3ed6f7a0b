import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildClient } from '../../shared/contract';
import { API_PATH, TOKEN_PARAM } from '../../shared/contract/wire';
import { createWsTransport, type SocketConstructor } from '../../renderer/src/api/ws-transport';
import { startHost } from '../../electron/host/start-host';
import { createLogger } from '../../electron/core/logger';
import { tempDir } from '../support/temp-dir';
import { contractSuite } from './contract-suite';

// The renderer's own transport against the real headless host; `ws` stands in for the browser's
// WebSocket class (same onopen/onmessage/onclose surface).
contractSuite('WebSocket (headless host)', async () => {
  const data = tempDir();
  const ui = tempDir();
  mkdirSync(ui.path, { recursive: true });
  writeFileSync(join(ui.path, 'index.html'), '<!doctype html><title>t</title>');
  const host = await startHost(
    {
      dataDir: data.path,
      uiPort: 0,
      listenerHost: '127.0.0.1',
      listenerPort: 0,
      listenerToken: undefined,
      broker: undefined,
      brokerFallback: undefined,
    },
    { rendererDir: ui.path, version: '0.0.0-test', log: createLogger('silent') },
  );
  const page = new URL(host.uiUrl);
  const url = `ws://${page.host}${API_PATH}?${TOKEN_PARAM}=${page.searchParams.get(TOKEN_PARAM) ?? ''}`;
  const transport = createWsTransport({ url, WebSocket: WebSocket as unknown as SocketConstructor });
  return {
    api: buildClient(transport),
    dataDir: data.path,
    async teardown() {
      transport.close();
      await host.stop();
      data.remove();
      ui.remove();
    },
  };
});
