import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
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
  const cert = readPem(tlsCertFile, 'certificate');
  const key = readPem(tlsKeyFile, 'key');
  checkPair(parseCertificate(cert, tlsCertFile), parseKey(key, tlsKeyFile), tlsCertFile, tlsKeyFile);
  return { cert, key };
}

/**
 * Each file is read and parsed on its own, so that a refusal names the file at fault: OpenSSL's
 * own message ("PEM routines::no start line") names neither.
 */
function readPem(file: string, what: 'certificate' | 'key'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`The TLS ${what} file ${file} cannot be read (${reasonOf(error)}).`);
  }
}

function parseCertificate(pem: string, file: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new Error(`The TLS certificate file ${file} is not a PEM certificate (${reasonOf(error)}).`);
  }
}

function parseKey(pem: string, file: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    const hint = /ENCRYPTED/.test(pem)
      ? '; it is encrypted, and the listener needs it without a passphrase'
      : '';
    throw new Error(`The TLS key file ${file} is not a PEM private key (${reasonOf(error)}${hint}).`);
  }
}

/**
 * Refuses a key that does not belong to the certificate. Node refuses a mismatched key of the
 * certificate's own type, but takes an EC key with an RSA certificate (OpenSSL keeps one slot per
 * key type), and then every handshake fails while the listener looks healthy.
 */
function checkPair(certificate: X509Certificate, key: KeyObject, certFile: string, keyFile: string): void {
  if (certificate.checkPrivateKey(key)) return;
  const [keyType, certType] = [key.asymmetricKeyType, certificate.publicKey.asymmetricKeyType];
  const which =
    keyType === certType ? `another ${keyType} key` : `a ${keyType} key for a ${certType} certificate`;
  throw new Error(
    `The TLS key file ${keyFile} does not belong to the certificate file ${certFile} (${which}): name the key that was made with this certificate in Settings → Callback listener.`,
  );
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
