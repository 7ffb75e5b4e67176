// A throwaway self-signed certificate for loopback TLS servers, made with openssl for one test run.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificate {
  key: Buffer;
  cert: Buffer;
  /** Where the certificate is (e.g. for NODE_EXTRA_CA_CERTS). */
  certFile: string;
  /** Base64 SHA-256 of its public key: what Chromium's --ignore-certificate-errors-spki-list takes. */
  spkiHash: string;
}

/** Writes key.pem and cert.pem into `dir` for `subjectAltName` (e.g. `DNS:localhost`, `IP:127.0.0.1`). */
export function selfSignedCertificate(dir: string, subjectAltName: string): Certificate {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const commonName = subjectAltName.replace(/^\w+:/, '');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-days', '2', '-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${subjectAltName}`],
      ...['-keyout', keyFile, '-out', certFile],
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(certFile);
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    key: readFileSync(keyFile),
    cert,
    certFile,
    spkiHash: createHash('sha256').update(spki).digest('base64'),
  };
}
