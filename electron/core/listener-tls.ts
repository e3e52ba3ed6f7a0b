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
  return { cert: readFileSync(tlsCertFile, 'utf8'), key: readFileSync(tlsKeyFile, 'utf8') };
}
