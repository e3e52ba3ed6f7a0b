import { z } from 'zod';

/**
 * A browser does not tell a page why its WebSocket handshake failed: a host that is down and a
 * host that refuses the page's token (it was restarted and made a new one) look the same. So after
 * a failed attempt the page opens a socket on this path with the same `?token=`, and the host
 * answers with one {@link TokenVerdictFrame} and closes. It reveals no more than the API's own
 * 401 does: whether this exact token is the current one.
 */
export const TOKEN_CHECK_PATH = '/api/token-check';

export const TokenVerdictFrameSchema = z.object({
  type: z.literal('token-check'),
  accepted: z.boolean(),
});
export type TokenVerdictFrame = z.infer<typeof TokenVerdictFrameSchema>;
