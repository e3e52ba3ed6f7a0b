import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

export interface ReceivedCall {
  atMs: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Decides the answer to one call; the default accepts everything with 202. */
export type Responder = (call: ReceivedCall, res: ServerResponse) => void;

export const accept: Responder = (call, res) => {
  res.writeHead(202, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      received: true,
      serialNumber: call.body['serialNumber'],
      eventId: call.body['eventId'],
    }),
  );
};

/** A stand-in for the callback listener on 127.0.0.1 that records every call it gets. */
export async function startFakeListener(responder: Responder = accept): Promise<{
  url: string;
  calls: ReceivedCall[];
  close(): Promise<void>;
}> {
  const calls: ReceivedCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const call: ReceivedCall = {
        atMs: Date.now(),
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
      calls.push(call);
      responder(call, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    calls,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
