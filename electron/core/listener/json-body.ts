import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { HttpProblem } from './problem';

/** Body limit of listener-api.md: at most 64 KiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/** Deeper JSON than this is refused: nobody needs it, and it would strain every later consumer. */
export const MAX_JSON_DEPTH = 32;

const rawBodies = new WeakMap<IncomingMessage, string>();

/** The exact body text of a request that went through `jsonBody` (empty string if none). */
export function rawBodyOf(req: IncomingMessage): string {
  return rawBodies.get(req) ?? '';
}

/**
 * Refuses anything but `application/json` in UTF-8 with 415 before the body is read, so the
 * parser only ever sees what the API promises to accept.
 */
export function requireJson(): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers['content-type'] ?? '';
    const [media = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
    const charset = params
      .find((p) => p.startsWith('charset='))
      ?.slice('charset='.length)
      .replace(/^"|"$/g, '');
    if (media !== 'application/json') {
      throw new HttpProblem(
        415,
        'Unsupported media type',
        `Send the body as JSON with "Content-Type: application/json" (got "${header.slice(0, 100)}").`,
      );
    }
    if (charset !== undefined && charset !== 'utf-8') {
      throw new HttpProblem(
        415,
        'Unsupported media type',
        `Send the body in UTF-8 (got charset "${charset.slice(0, 40)}").`,
      );
    }
    next();
  };
}

/**
 * Parses the JSON body (objects and arrays only, limited size, no compression) and keeps its exact
 * text. Errors reach the error handler, which maps them to 400, 413 or 415.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  return express.json({
    limit: limitBytes,
    strict: true,
    inflate: false,
    type: () => true,
    verify: (req, _res, buf) => {
      let text: string;
      try {
        text = decoder.decode(buf);
      } catch {
        throw new HttpProblem(400, 'Invalid body', 'The body is not valid UTF-8; send UTF-8 encoded JSON.');
      }
      if (exceedsDepth(text, MAX_JSON_DEPTH)) {
        throw new HttpProblem(
          400,
          'Invalid body',
          `The JSON nests deeper than ${MAX_JSON_DEPTH} levels; flatten it.`,
        );
      }
      rawBodies.set(req, text);
    },
  });
}

/** True when brackets outside strings nest deeper than `max`; a linear scan, no recursion. */
export function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
