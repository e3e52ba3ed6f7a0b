import { z } from 'zod';

/**
 * Frames of the WebSocket transport used by the headless host. The IPC transport needs none:
 * Electron's invoke/send carry the method name and payload directly.
 */
export const ClientFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  // Optional: JSON.stringify drops an `undefined` request (methods that take none).
  request: z.unknown().optional(),
});
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  { type: 'result'; id: number; result: unknown } | { type: 'event'; event: string; payload: unknown };

/** The header-free way a browser WebSocket can present the per-run token: a query parameter. */
export const TOKEN_PARAM = 'token';
export const API_PATH = '/api';
