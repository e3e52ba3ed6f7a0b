import type { Request } from 'express';

const addresses = new WeakMap<Request, string>();

/**
 * The client's address, after the proxies trusted in Settings → Listener. Express's `req.ip`
 * works it out again on every read (parsing X-Forwarded-For against the trust list); a callback
 * reads it twice (the per-address limit and the record), so it is kept per request.
 */
export function clientAddress(req: Request): string {
  let address = addresses.get(req);
  if (address === undefined) {
    address = req.ip ?? req.socket.remoteAddress ?? '';
    addresses.set(req, address);
  }
  return address;
}
