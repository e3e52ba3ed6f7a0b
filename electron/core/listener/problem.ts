import type { Response } from 'express';

/** Sends an RFC 9457 problem document: `title` says what happened, `detail` what to fix. */
export function sendProblem(res: Response, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').json({ type: 'about:blank', status, title, detail, ...extra });
}
