import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { TokenVerdictFrame } from '../../shared/contract/token-check';
import type { Logger } from '../core/logger';
import { presentsToken } from './api-access';

/** The page sends nothing on this socket; anything it does send is cut off early. */
const MAX_CHECK_FRAME_BYTES = 1024;

/**
 * Answers a page that could not open the API socket, which a browser reports the same whether the
 * host is down or refused the token: one frame saying whether the page's token is this run's, then
 * the socket closes. An open tab from before a restart learns it needs the new link. This tells a
 * caller no more than the API's 401 would, and uses the same constant-time comparison.
 */
export function createTokenCheck(
  token: string,
  log: Logger,
): {
  answer(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CHECK_FRAME_BYTES });
  return {
    answer(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (error) => log.debug({ err: error }, 'a token check socket failed'));
        const verdict: TokenVerdictFrame = { type: 'token-check', accepted: presentsToken(req, token) };
        ws.send(JSON.stringify(verdict));
        ws.close(1000);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
