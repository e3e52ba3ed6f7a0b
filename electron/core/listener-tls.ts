import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Settings } from '../../shared/domain/settings';

/**
 * The listener's TLS material from Settings: none when both files are unset, the PEM pair when
 * both are set. Half a configuration is an error, never a silent fall back to plain HTTP.
 */
export function listenerTls(listener: Settings['listener']): { cert: string; key: string } | undefined {
  const { tlsCertFile, tlsKeyFile } = listener;
  if (!tlsCertFile && !tlsKeyFile) return undefined;
  if (!tlsCertFile || !tlsKeyFile)
    throw new Error('HTTPS needs both a certificate file and a key file (Settings → Callback listener).');
  const pair = { cert: readFileSync(tlsCertFile, 'utf8'), key: readFileSync(tlsKeyFile, 'utf8') };
  checkPair(pair, tlsCertFile, tlsKeyFile);
  return pair;
}

/**
 * Refuses a key that does not belong to the certificate. Node refuses a mismatched key of the
 * certificate's own type, but takes an EC key with an RSA certificate (OpenSSL keeps one slot per
 * key type), and then every handshake fails while the listener looks healthy.
 */
function checkPair(pair: { cert: string; key: string }, certFile: string, keyFile: string): void {
  const certificate = new X509Certificate(pair.cert);
  const key = createPrivateKey(pair.key);
  if (certificate.checkPrivateKey(key)) return;
  const [keyType, certType] = [key.asymmetricKeyType, certificate.publicKey.asymmetricKeyType];
  const which =
    keyType === certType ? `another ${keyType} key` : `a ${keyType} key for a ${certType} certificate`;
  throw new Error(
    `The TLS key file ${keyFile} does not belong to the certificate file ${certFile} (${which}): name the key that was made with this certificate in Settings → Callback listener.`,
  );
}
