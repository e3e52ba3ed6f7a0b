/**
 * Turns what mqtt.js and Node report (error codes, CONNACK/PUBACK/DISCONNECT reason codes) into a
 * sentence an operator can act on. The link keeps the sentence as `lastError`.
 */

type CodedError = { code?: unknown; message?: unknown };

/** CONNACK refusals: MQTT 3.1.1 return codes (1-5) and MQTT 5 reason codes (128+). */
const CONNACK_WORDS: Record<number, string> = {
  1: 'the broker does not speak this MQTT version',
  132: 'the broker does not speak this MQTT version',
  2: 'the broker rejected the client id',
  133: 'the broker rejected the client id',
  3: 'the broker is unavailable right now',
  136: 'the broker is unavailable right now',
  137: 'the broker is busy',
  4: 'not authorised: check the username and password',
  5: 'not authorised: check the username and password',
  134: 'not authorised: check the username and password',
  135: 'not authorised: check the username and password',
  138: 'the broker has banned this client',
  140: 'the broker wants another authentication method',
  156: 'the broker asks to use another server',
  157: 'the broker has moved',
  159: 'connecting too often: the broker limits the connection rate',
};

/** DISCONNECT reasons a broker sends before closing an established MQTT 5 link. */
const DISCONNECT_WORDS: Record<number, string> = {
  139: 'the broker is shutting down',
  141: 'the broker saw no keep-alive from us in time',
  142: 'another client with this client id took over the session (is Fleetdesk running twice?)',
  152: 'an administrator disconnected this client',
  160: 'the broker ended the session after its maximum connect time',
};

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/** Reason codes (CONNACK or DISCONNECT) that mean the credentials are wrong: retrying soon will not help. */
export function isAuthRefusal(code: number): boolean {
  return code === 4 || code === 5 || code === 134 || code === 135;
}

/** Reason codes that mean "this MQTT version is not spoken here". */
export function isVersionRefusal(code: number): boolean {
  return code === 1 || code === 132;
}

/** Words for an error mqtt.js emitted while connecting or connected to `url`. */
export function describeLinkError(error: unknown, url: string, connectTimeoutMs: number): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const text = typeof message === 'string' ? message : String(error);
  if (typeof code === 'number') {
    const words = CONNACK_WORDS[code];
    return words ?? `the broker refused the connection (${text})`;
  }
  if (typeof code === 'string') {
    if (code === 'ECONNREFUSED') return `connection refused at ${url} (is the broker running?)`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return `host not found: ${url} (check the broker address)`;
    if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return `no route to ${url} (network down, or a firewall blocks the port?)`;
    }
    if (code === 'ECONNRESET' || code === 'EPIPE') return `the connection to ${url} was reset`;
    if (TLS_UNTRUSTED.has(code)) return 'TLS: certificate not trusted (set the CA file of the broker)';
    if (code === 'CERT_HAS_EXPIRED') return 'TLS: the broker certificate has expired';
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
      return `TLS: the certificate is not valid for the host in ${url}`;
    if (code.includes('CERTIFICATE_REQUIRED')) {
      return 'TLS: the broker requires a client certificate (set the certificate and key files)';
    }
    if (code.includes('ALERT_UNKNOWN_CA') || code.includes('ALERT_BAD_CERTIFICATE')) {
      return 'TLS: the broker rejected our client certificate';
    }
    // OpenSSL's message is a multi-line dump; its code is the readable part.
    if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return `TLS: handshake failed (${code})`;
  }
  if (text === 'connack timeout') {
    return `no answer from ${url} within ${Math.round(connectTimeoutMs / 1000)} s (a firewall blocking the port? try the port-80 backup)`;
  }
  if (text === 'Keepalive timeout') return `the broker at ${url} stopped answering (keep-alive timeout)`;
  return `${text} (${url})`;
}

/** Words for a DISCONNECT packet an MQTT 5 broker sent. */
export function describeDisconnect(reasonCode: number | undefined): string {
  if (reasonCode === undefined) return 'the broker disconnected us';
  return DISCONNECT_WORDS[reasonCode] ?? `the broker disconnected us (reason ${reasonCode})`;
}

/** Words for a publish the broker refused (MQTT 5 PUBACK reason code), or a local failure. */
export function describePublishError(error: Error): string {
  const code = (error as CodedError).code;
  if (code === 135) return 'the broker refused the publish: not authorised for this topic';
  if (code === 144) return 'the broker refused the publish: topic name invalid';
  if (code === 151) return 'the broker refused the publish: quota exceeded';
  if (code === 153) return 'the broker refused the publish: payload format invalid';
  return typeof code === 'number' ? `the broker refused the publish (${error.message})` : error.message;
}
