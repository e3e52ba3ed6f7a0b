import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import { CONTENT_SECURITY_POLICY } from '../core/csp';

/** Serves the built renderer on loopback with the app's CSP; the API attaches to the same server. */
export async function startUiServer(
  rendererDir: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The UI is not built (no ${join(rendererDir, 'index.html')}): run \`npm run build\` first.`,
    );
  }
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.use(express.static(rendererDir, { index: 'index.html' }));
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the UI and its API are never reachable from another machine.
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
