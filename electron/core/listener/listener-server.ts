import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { sendProblem } from './problem';

export type ListenerAddress = { host: string; port: number; url: string };

/**
 * The internet-facing callback listener. It is built from its own routes only and receives no
 * handle on control, inventory or settings beyond what each route is given.
 */
export class ListenerServer {
  private server: Server | undefined;

  async start(host: string, port: number): Promise<ListenerAddress> {
    const app = express();
    app.disable('x-powered-by');
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.use((req, res) => {
      sendProblem(res, 404, 'Not found', `${req.method} ${req.path} is not part of the Fleetdesk listener API (see /v1/openapi.json).`);
    });
    const server = createServer(app);
    // Bound limits against slow clients: headers within 10 s, whole request within 15 s.
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { host, port: address.port, url: `http://${shownHost}:${address.port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }
}
