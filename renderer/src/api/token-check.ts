import { TOKEN_CHECK_PATH, TokenVerdictFrameSchema } from '../../../shared/contract/token-check';
import type { SocketConstructor, SocketLike } from './ws-transport';

/** What the host said about the page's token; `unknown` when it could not be asked (it is down). */
export type TokenVerdict = 'accepted' | 'refused' | 'unknown';
export type TokenCheck = () => Promise<TokenVerdict>;

/** What a call says while the host refuses this page's token. */
export const LINK_FROM_EARLIER_RUN =
  "This page's link is from an earlier run of the Fleetdesk host, which makes a new link each time it starts. Open the new link the host printed (the line starting with UI:, ending in ?token=…).";

/** A host that is up answers at once; this only bounds a check that hangs. */
const CHECK_DEADLINE_MS = 5_000;

/**
 * Asks the host whether it accepts the token of `apiUrl`, over a socket on the token-check path:
 * a WebSocket, because a failed fetch would add "Failed to load resource" to the console at every
 * retry while the host is down, and a failed socket is reported as the API socket's already is.
 */
export function socketTokenCheck(
  apiUrl: string,
  Socket: SocketConstructor,
  deadlineMs = CHECK_DEADLINE_MS,
): TokenCheck {
  const url = new URL(apiUrl);
  url.pathname = TOKEN_CHECK_PATH;
  return () =>
    new Promise((resolve) => {
      let ws: SocketLike | undefined;
      const timer = setTimeout(() => done('unknown'), deadlineMs);
      function done(verdict: TokenVerdict): void {
        clearTimeout(timer);
        if (ws) {
          ws.onmessage = ws.onclose = null;
          // Kept: closing a socket still connecting reports an error (Node's ws throws it unheard).
          ws.onerror = () => undefined;
          ws.close();
        }
        resolve(verdict);
      }
      try {
        ws = new Socket(url.href);
      } catch {
        return done('unknown');
      }
      ws.onmessage = (event) => done(verdictOf(event.data));
      ws.onerror = () => undefined; // a close always follows
      ws.onclose = () => done('unknown');
    });
}

function verdictOf(data: unknown): TokenVerdict {
  try {
    const frame = TokenVerdictFrameSchema.parse(JSON.parse(String(data)));
    return frame.accepted ? 'accepted' : 'refused';
  } catch {
    // A host of another version: no verdict, so the page keeps reconnecting as it did before.
    return 'unknown';
  }
}
