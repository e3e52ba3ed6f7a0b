import { createServer as createHttpServer, STATUS_CODES, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';

/** Limits against slow clients (slowloris, CVE-2018-12122); see reliability-notes.md §3. */
export type TimeoutOptions = {
  /** The request line and headers must arrive within this. */
  headersMs: number;
  /** The whole request, body included, must arrive within this. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
};

export const DEFAULT_TIMEOUTS: TimeoutOptions = { headersMs: 10_000, requestMs: 15_000, keepAliveMs: 5_000 };

/** A PEM certificate chain and its private key; with them the listener speaks HTTPS. */
export type TlsOptions = { cert: string | Buffer; key: string | Buffer };

/** A complete HTTP/1.1 problem response for sockets that never reached Express. */
function rawProblem(status: number, title: string, detail: string): string {
  const body = JSON.stringify({ type: 'about:blank', status, title, detail });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

function classify(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request timeout', 'The request took too long to arrive; send headers and body promptly.'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'Request header fields too large', 'Send fewer or shorter headers.'];
    case 'HPE_INVALID_METHOD':
      return [400, 'Bad request', 'Unknown HTTP method; the API uses GET and POST (see /v1/openapi.json).'];
    default:
      return [400, 'Bad request', 'The request is not valid HTTP/1.1.'];
  }
}

/** Answers once, then closes; a client that does not read still loses its socket within a second. */
function answerAndClose(socket: Duplex, response: string): void {
  socket.end(response, () => socket.destroy());
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * Replaces Node's bare-text answers to malformed requests, timeouts and CONNECT with problem
 * documents, so every answer of the listener has the same shape.
 */
function answerProtocolErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own handler makes the same checks: nothing to say to a gone client, and nothing may be
    // written into a response whose headers already left (`_httpMessage` is that response).
    const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, title, detail] = classify(err.code);
    answerAndClose(socket, rawProblem(status, title, detail));
  });
  // Without a listener Node silently drops CONNECT requests.
  server.on('connect', (_req, socket: Duplex) => {
    answerAndClose(
      socket,
      rawProblem(
        405,
        'Method not allowed',
        'CONNECT is not supported; the API uses GET and POST (see /v1/openapi.json).',
      ),
    );
  });
}

/** The HTTP or HTTPS server of the listener with its timeouts. */
export function createListenerHttpServer(
  app: RequestListener,
  timeouts: TimeoutOptions,
  tls?: TlsOptions,
): Server {
  const options = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node enforces the two timeouts above from a periodic sweep (default every 30 s), which would
    // let a slow client hold a socket far past headersTimeout.
    connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(timeouts.headersMs / 4))),
  };
  // https.Server implements the whole http.Server surface (timeouts, closeAllConnections, ...).
  const server = tls
    ? (createHttpsServer(
        {
          ...options,
          cert: tls.cert,
          key: tls.key,
          minVersion: 'TLSv1.2',
          handshakeTimeout: timeouts.headersMs,
        },
        app,
      ) as unknown as Server)
    : createHttpServer(options, app);
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  answerProtocolErrors(server);
  return server;
}
