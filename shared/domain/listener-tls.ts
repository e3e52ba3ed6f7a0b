/** The listener's TLS files as Settings keep them: both set = HTTPS, both empty = HTTP. */
export type ListenerTlsFiles = { tlsCertFile: string; tlsKeyFile: string };

/**
 * The missing half of a TLS setup, with what to do, or undefined when both files or neither are
 * set. The listener refuses to start on half a setup (no controller could call in), so Settings
 * refuse to save one. Checked when a change is saved, not when settings are read: a file that
 * already holds half a setup still loads, and the listener says what is wrong at start.
 */
export function halfTlsSetup(
  files: ListenerTlsFiles,
): { field: keyof ListenerTlsFiles; message: string } | undefined {
  const cert = files.tlsCertFile !== '';
  const key = files.tlsKeyFile !== '';
  if (cert === key) return undefined;
  return cert
    ? {
        field: 'tlsKeyFile',
        message:
          'Enter the key file too: HTTPS needs both a certificate file and a key file. Leave both empty for HTTP behind a TLS proxy or tunnel.',
      }
    : {
        field: 'tlsCertFile',
        message:
          'Enter the certificate file too: HTTPS needs both a certificate file and a key file. Leave both empty for HTTP behind a TLS proxy or tunnel.',
      };
}
