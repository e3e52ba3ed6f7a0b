import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';

/**
 * An aedes broker (MQTT 3.1.1 only) over TCP or WebSocket. `connects` records the protocol version
 * of every CONNECT it sees (pass one array to several brokers to follow a link across restarts);
 * `deny` makes it refuse subscriptions (SUBACK 128), as an ACL would.
 */
export type AedesBroker = { url: string; port: number; close(): Promise<void> };

export type AedesOptions = {
  transport?: 'tcp' | 'ws';
  port?: number;
  connects?: number[];
  deny?: (topic: string) => boolean;
  /** Hang up on an MQTT 5 CONNECT without a CONNACK, as some 3.1.1-only brokers do (TCP only). */
  hangUpOnV5?: boolean;
};

/** The protocol level byte of a CONNECT packet: after the fixed header, its length and "\0\4MQTT". */
function protocolLevel(chunk: Buffer): number | undefined {
  let offset = 1;
  while (offset < 5 && ((chunk[offset] ?? 0) & 0x80) !== 0) offset += 1;
  return chunk[offset + 1 + 6];
}

export async function startAedes(options: AedesOptions = {}): Promise<AedesBroker> {
  const aedes = await Aedes.createBroker({
    preConnect: (_client, packet, done) => {
      options.connects?.push(packet.protocolVersion ?? -1);
      done(null, true);
    },
    authorizeSubscribe: (_client, sub, done) =>
      // A null subscription is aedes' way to answer SUBACK 128; an error would close the connection.
      done(null, options.deny?.(sub.topic) === true ? null : sub),
  });
  const ws = options.transport === 'ws';
  const http = ws ? createHttpServer() : undefined;
  const server: Server =
    http ??
    createServer((socket) => {
      if (options.hangUpOnV5 !== true) return aedes.handle(socket);
      socket.once('data', (chunk: Buffer) => {
        if (protocolLevel(chunk) === 5) return socket.destroy();
        socket.pause();
        socket.unshift(chunk);
        aedes.handle(socket);
      });
    });
  const wss = http !== undefined ? new WebSocketServer({ server: http }) : undefined;
  wss?.on('connection', (socket, request) => aedes.handle(createWebSocketStream(socket), request));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${ws ? 'ws' : 'mqtt'}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss?.clients ?? []) client.terminate();
        wss?.close();
        // Clients first: a server with open sockets would wait for them forever.
        aedes.close(() => server.close(() => resolve()));
        http?.closeAllConnections();
      }),
  };
}
