import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventNames } from '../../shared/contract';
import { ClientFrameSchema, type ServerFrame } from '../../shared/contract/wire';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/logger';
import { apiAccess } from './api-access';
import { MAX_API_FRAME_BYTES } from './api-frame-limit';
import { createTokenCheck } from './token-check';

/**
 * Serves the contract over a WebSocket on the UI's own server. A connection needs the per-run token
 * and must come from the UI's own origin, so another page in the same browser cannot drive the core.
 * Beside it, the token check tells a page refused here whether its token is out of date.
 */
export function attachWsApi(
  server: Server,
  core: Core,
  token: string,
  log: Logger,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_API_FRAME_BYTES });
  const tokenCheck = createTokenCheck(token, log);
  server.on('upgrade', (req, socket, head) => {
    // Once 'upgrade' fires, Node no longer handles this socket's errors: a client that resets the
    // connection instead of reading our 401 would otherwise crash the host with ECONNRESET.
    socket.on('error', () => socket.destroy());
    switch (apiAccess(req, token)) {
      case 'api':
        return wss.handleUpgrade(req, socket, head, (ws) => serve(ws, core, log));
      case 'token-check':
        return tokenCheck.answer(req, socket, head);
      case 'refused':
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
    }
  });
  return {
    close: async () => {
      await Promise.all([
        tokenCheck.close(),
        new Promise<void>((resolve) => {
          for (const client of wss.clients) client.terminate();
          wss.close(() => resolve());
        }),
      ]);
    },
  };
}

function serve(ws: WebSocket, core: Core, log: Logger): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = eventNames.map((event) =>
    core.events.on(event, (payload) => send({ type: 'event', event, payload })),
  );
  ws.on('close', () => unsubscribe.forEach((off) => off()));
  // A frame over MAX_API_FRAME_BYTES or a broken connection: ws closes the socket itself (1009 for
  // the size), and without a listener the error would be thrown and end the host for every client.
  ws.on('error', (error) => log.warn({ err: error }, 'closed an API connection after a socket error'));
  ws.on('message', async (data) => {
    let frame;
    try {
      frame = ClientFrameSchema.parse(JSON.parse(String(data)));
    } catch {
      log.warn('dropped a malformed API frame');
      ws.close(1003, 'malformed frame');
      return;
    }
    send({ type: 'result', id: frame.id, result: await core.call(frame.method, frame.request) });
  });
}
