/** The URL schemes a broker may be reached by (protocol.md §1): plain and TLS, TCP and WebSocket. */
export const BROKER_SCHEMES = ['mqtt', 'mqtts', 'ws', 'wss'] as const;
export type BrokerScheme = (typeof BROKER_SCHEMES)[number];

/** A broker URL taken apart: what the UI shows and what the link dials. */
export type BrokerAddress = {
  scheme: BrokerScheme;
  host: string;
  /** The explicit port, or the scheme's default (1883, 8883, 80, 443). */
  port: number;
  /** WebSocket path ('' for TCP). */
  path: string;
  tls: boolean;
};

const DEFAULT_PORTS: Record<BrokerScheme, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

// scheme://host[:port][/path]. Host: a DNS name, IPv4, or [IPv6]. No user:password@ part, on purpose:
// credentials live in the profile's username and the secret store, never in a URL that gets logged.
const URL_PATTERN =
  /^(mqtts?|wss?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?(\/[^\s?#]*)?$/;

/**
 * Parses a broker URL (`mqtt://host:1883`, `ws://host:80/mqtt`, ...). Answers a sentence saying what
 * is wrong instead of throwing, so a form can show it next to the field.
 */
export function parseBrokerAddress(url: string): BrokerAddress | { error: string } {
  if (/^[a-z]+:\/\/[^/]*@/i.test(url)) {
    return { error: 'put the username and password in their own fields, not in the URL' };
  }
  const match = URL_PATTERN.exec(url.trim());
  if (match === null) {
    return { error: 'expected mqtt://, mqtts://, ws:// or wss:// followed by a host and an optional :port' };
  }
  const [, scheme = 'mqtt', host = '', portText, path] = match;
  const brokerScheme = scheme.toLowerCase() as BrokerScheme;
  const port = portText === undefined ? DEFAULT_PORTS[brokerScheme] : Number(portText);
  if (port < 1 || port > 65_535) return { error: `port ${portText} is out of range (1-65535)` };
  const ws = brokerScheme === 'ws' || brokerScheme === 'wss';
  if (!ws && path !== undefined && path !== '/')
    return { error: 'a path is only meaningful for ws:// and wss://' };
  return {
    scheme: brokerScheme,
    host,
    port,
    path: ws ? (path ?? '') : '',
    tls: brokerScheme === 'mqtts' || brokerScheme === 'wss',
  };
}

/** True when `parseBrokerAddress` answered an error. */
export function isAddressError(parsed: BrokerAddress | { error: string }): parsed is { error: string } {
  return 'error' in parsed;
}
