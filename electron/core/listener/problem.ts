import type { Response } from 'express';
import type { FieldError } from '../../../shared/protocol/listener';

/** Extra members of a problem document beyond type, status, title and detail. */
export type ProblemExtras = { errors?: FieldError[] };

/** Sends an RFC 9457 problem document: `title` says what happened, `detail` what to fix. */
export function sendProblem(
  res: Response,
  status: number,
  title: string,
  detail: string,
  extra: ProblemExtras = {},
): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({ type: 'about:blank', status, title, detail, ...extra });
}

/**
 * A problem thrown (or passed to `next`) by middleware; the error handler turns it into a problem
 * document. Headers such as `Retry-After` or `WWW-Authenticate` travel with it.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${status} ${title}: ${detail}`);
    this.name = 'HttpProblem';
  }
}

/** Writes an `HttpProblem` with its headers. */
export function sendHttpProblem(res: Response, problem: HttpProblem): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  sendProblem(res, problem.status, problem.title, problem.detail, problem.extras);
}

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** The answer while the listener cannot record calls (draining, or the core did not confirm). */
export function unavailable(detail: string): HttpProblem {
  return new HttpProblem(
    503,
    'Service unavailable',
    detail,
    {},
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
