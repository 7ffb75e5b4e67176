// Throwaway TLS material for loopback servers, made with openssl for one test run.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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

export interface CertificateAuthority {
  /** The CA's certificate (PEM): what a browser is made to trust. */
  caFile: string;
  /** The server's key and its certificate, issued by the CA for `localhost`. */
  key: Buffer;
  cert: Buffer;
}

/**
 * Makes a throwaway certificate authority in `dir` and a `localhost` server certificate it issued:
 * a browser that trusts the CA accepts the server as it would any public site, with no switch that
 * turns certificate checks off.
 */
export function localCertificateAuthority(dir: string): CertificateAuthority {
  const file = (name: string) => join(dir, name);
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl([
    ...['req', '-x509', ...ecKey, '-days', '2', '-subj', '/CN=corskit throwaway test CA'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ...['-keyout', file('ca-key.pem'), '-out', file('ca.pem')],
  ]);
  openssl([
    'req',
    ...ecKey,
    '-subj',
    '/CN=localhost',
    '-keyout',
    file('key.pem'),
    '-out',
    file('server.csr'),
  ]);
  writeFileSync(
    file('server.ext'),
    [
      'subjectAltName=DNS:localhost',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  openssl([
    ...['x509', '-req', '-in', file('server.csr'), '-days', '2', '-set_serial', '1'],
    ...['-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-extfile', file('server.ext')],
    ...['-out', file('cert.pem')],
  ]);
  return { caFile: file('ca.pem'), key: readFileSync(file('key.pem')), cert: readFileSync(file('cert.pem')) };
}
