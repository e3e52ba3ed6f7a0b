import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler } from 'express';
import { HttpProblem, sendHttpProblem, sendProblem } from './problem';
import type { ListenerLog } from './listener-log';

type BodyParserError = { type?: unknown; status?: unknown; expose?: unknown; message?: unknown };

const short = (text: unknown) => String(text).slice(0, 200);

/** Maps body-parser's error types (the `type` field of its http-errors) to what the sender should fix. */
function fromBodyParser(err: BodyParserError, limitBytes: number): HttpProblem | undefined {
  switch (err.type) {
    case 'entity.too.large':
      return new HttpProblem(
        413,
        'Payload too large',
        `The body is larger than ${limitBytes} bytes; send at most ${limitBytes / 1024} KiB.`,
      );
    case 'entity.parse.failed':
      return new HttpProblem(
        400,
        'Invalid JSON',
        `The body is not a valid JSON object (${short(err.message)}); send one JSON object.`,
      );
    case 'encoding.unsupported':
      return new HttpProblem(
        415,
        'Unsupported media type',
        'Send the body uncompressed: no Content-Encoding.',
      );
    case 'charset.unsupported':
      return new HttpProblem(415, 'Unsupported media type', 'Send the body in UTF-8.');
    case 'request.aborted':
      return new HttpProblem(
        400,
        'Incomplete body',
        'The request ended before its body did; send the complete body.',
      );
    case 'request.size.invalid':
      return new HttpProblem(
        400,
        'Invalid body length',
        'The body length does not match Content-Length; send a correct Content-Length.',
      );
    default:
      return undefined;
  }
}

/**
 * The one terminal error handler: every failure leaves as a problem document, client errors with
 * what to fix, anything else as a bare 500 (no stack, no message) that is logged for the operator.
 */
export function problemErrorHandler(log: ListenerLog, bodyLimitBytes: number): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      // Too late for a problem document; cut the connection so the client sees a failure.
      req.socket.destroy();
      return;
    }
    if (err instanceof HttpProblem) return sendHttpProblem(res, err);
    const e = (typeof err === 'object' && err !== null ? err : {}) as BodyParserError;
    const mapped = fromBodyParser(e, bodyLimitBytes);
    if (mapped) return sendHttpProblem(res, mapped);
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
      return sendProblem(
        res,
        e.status,
        STATUS_CODES[e.status] ?? 'Bad request',
        `${short(e.message)}; see /v1/openapi.json.`,
      );
    }
    log.error({ err, method: req.method, path: req.path }, 'listener request failed');
    sendProblem(
      res,
      500,
      'Internal error',
      'The listener failed to handle this request; retry later. The failure was logged for the operator.',
    );
  };
}
