import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';

export type EmbeddedBroker = { url: string; port: number; close(): Promise<void> };

/**
 * An MQTT broker inside this process (aedes, MQTT 3.1.1) on a free loopback port, for the demo
 * fleet: no install, nothing reachable from another machine, gone when the demo stops.
 */
export async function startEmbeddedBroker(port = 0): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        // Clients first: a server with open sockets would wait for them forever.
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
