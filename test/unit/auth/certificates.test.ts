// Must precede @peculiar/x509, whose dependency injection needs the Reflect metadata API.
import 'reflect-metadata';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate as PeculiarX509Certificate,
} from '@peculiar/x509';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { once } from 'node:events';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { certificateCoversHosts, generateClusterCertificates } from '../../../lib/auth/certificates.ts';
import type { ClusterCertificates } from '../../../lib/auth/certificates.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const HOSTS = ['127.0.0.1', '::1', 'localhost', 'skiff.example.com'];

let certs: ClusterCertificates;
let generationMs = 0;

beforeAll(async () => {
  const started = performance.now();
  certs = await generateClusterCertificates({ hosts: HOSTS, now: NOW });
  generationMs = performance.now() - started;
});

describe('generateClusterCertificates', () => {
  it('generates quickly (ECDSA P-256)', () => {
    expect(generationMs).toBeLessThan(2000);
  });

  it('makes a self-signed CA allowed to sign certificates', () => {
    const ca = new X509Certificate(certs.caCertPem);
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=skiff-ca');
    expect(ca.checkIssued(ca)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.publicKey.asymmetricKeyType).toBe('ec');
    expect(ca.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // node:crypto exposes neither basicConstraints nor keyUsage bits; read them with @peculiar/x509.
    const parsed = new PeculiarX509Certificate(certs.caCertPem);
    expect(parsed.getExtension(BasicConstraintsExtension)?.ca).toBe(true);
    const usages = parsed.getExtension(KeyUsagesExtension)?.usages ?? 0;
    expect(usages & KeyUsageFlags.keyCertSign).toBeTruthy();
    // Ten years (3650 days) from now.
    expect(Date.parse(ca.validTo)).toBe(Math.floor((NOW.getTime() + 3650 * DAY) / 1000) * 1000);
  });

  it('signs a serving certificate with a SAN for every host', () => {
    const ca = new X509Certificate(certs.caCertPem);
    const server = new X509Certificate(certs.serverCertPem);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(server.subjectAltName?.split(', ').sort()).toEqual(
      ['IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1', 'DNS:localhost', 'DNS:skiff.example.com'].sort(),
    );
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.checkHost('localhost', { subject: 'never' })).toBe('localhost');
    // serverAuth only.
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    const parsed = new PeculiarX509Certificate(certs.serverCertPem);
    expect(parsed.getExtension(BasicConstraintsExtension)?.ca).toBe(false);
    expect(parsed.getExtension(ExtendedKeyUsageExtension)?.usages).toEqual([ExtendedKeyUsage.serverAuth]);
    // Default validity 365 days; notBefore is backdated a little for clock skew.
    expect(Date.parse(server.validTo)).toBe(Math.floor((NOW.getTime() + 365 * DAY) / 1000) * 1000);
    expect(Date.parse(server.validFrom)).toBeLessThan(NOW.getTime());
    expect(Date.parse(server.validFrom)).toBeGreaterThanOrEqual(NOW.getTime() - 60 * 60 * 1000);
    // Serial numbers must be positive: Go 1.23+ (kubectl 1.32) rejects negative ones.
    // node prints the magnitude only, so read the sign bit from the DER INTEGER itself.
    const serialDer = serialNumberContent(server.raw);
    expect(serialDer.length).toBeGreaterThanOrEqual(16);
    expect((serialDer[0] ?? 0xff) & 0x80).toBe(0);
  });

  it('writes PKCS#8 PEM private keys that belong to the certificates', () => {
    for (const [keyPem, certPem] of [
      [certs.caKeyPem, certs.caCertPem],
      [certs.serverKeyPem, certs.serverCertPem],
    ] as const) {
      expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
      expect(certPem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
      expect(new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    }
  });

  it('honours validDays and rejects nonsense', async () => {
    const short = await generateClusterCertificates({ hosts: ['127.0.0.1'], now: NOW, validDays: 10 });
    expect(Date.parse(new X509Certificate(short.serverCertPem).validTo)).toBe(NOW.getTime() + 10 * DAY);
    await expect(generateClusterCertificates({ hosts: ['127.0.0.1'], now: NOW, validDays: 0 })).rejects.toThrow(/validDays/);
    await expect(generateClusterCertificates({ hosts: ['127.0.0.1'], now: NOW, validDays: 4000 })).rejects.toThrow(/validDays/);
    await expect(generateClusterCertificates({ hosts: [], now: NOW })).rejects.toThrow(/at least one host/);
    await expect(generateClusterCertificates({ hosts: ['not a host!'], now: NOW })).rejects.toThrow(/invalid host/);
    await expect(generateClusterCertificates({ hosts: ['https://127.0.0.1:6443'], now: NOW })).rejects.toThrow(/invalid host/);
  });

  it('normalises hosts: brackets, case, duplicates', async () => {
    const c = await generateClusterCertificates({ hosts: ['[::1]', 'LocalHost', 'localhost', '10.0.0.7'], now: NOW });
    expect(new X509Certificate(c.serverCertPem).subjectAltName?.split(', ').sort()).toEqual(
      ['DNS:localhost', 'IP Address:0:0:0:0:0:0:0:1', 'IP Address:10.0.0.7'].sort(),
    );
  });

  it('generates fresh keys every time', async () => {
    const again = await generateClusterCertificates({ hosts: HOSTS, now: NOW });
    expect(again.caKeyPem).not.toBe(certs.caKeyPem);
    expect(again.serverKeyPem).not.toBe(certs.serverKeyPem);
    expect(new X509Certificate(again.serverCertPem).verify(new X509Certificate(certs.caCertPem).publicKey)).toBe(false);
  });
});

describe('certificateCoversHosts', () => {
  it('is true for the hosts it was made for, in any spelling or subset', () => {
    expect(certificateCoversHosts(certs.serverCertPem, HOSTS, NOW)).toBe(true);
    expect(certificateCoversHosts(certs.serverCertPem, ['127.0.0.1'], NOW)).toBe(true);
    expect(certificateCoversHosts(certs.serverCertPem, ['0:0::1', 'LOCALHOST', '[::1]'], NOW)).toBe(true);
  });

  it('is false when a host is missing', () => {
    expect(certificateCoversHosts(certs.serverCertPem, [...HOSTS, '10.1.2.3'], NOW)).toBe(false);
    expect(certificateCoversHosts(certs.serverCertPem, ['other.example.com'], NOW)).toBe(false);
    // The CN is not a SAN, and Go ignores it.
    expect(certificateCoversHosts(certs.serverCertPem, ['skiff-apiserver'], NOW)).toBe(false);
    expect(certificateCoversHosts(certs.serverCertPem, ['not a host!'], NOW)).toBe(false);
  });

  it('is false within 30 days of expiry, after expiry and before notBefore', () => {
    expect(certificateCoversHosts(certs.serverCertPem, HOSTS, new Date(NOW.getTime() + 334 * DAY))).toBe(true);
    expect(certificateCoversHosts(certs.serverCertPem, HOSTS, new Date(NOW.getTime() + 336 * DAY))).toBe(false);
    expect(certificateCoversHosts(certs.serverCertPem, HOSTS, new Date(NOW.getTime() + 400 * DAY))).toBe(false);
    expect(certificateCoversHosts(certs.serverCertPem, HOSTS, new Date(NOW.getTime() - DAY))).toBe(false);
  });

  it('is false for garbage', () => {
    expect(certificateCoversHosts('not a certificate', HOSTS, NOW)).toBe(false);
    expect(certificateCoversHosts('', HOSTS, NOW)).toBe(false);
  });
});

describe('TLS handshake over 127.0.0.1', () => {
  // The handshake checks validity against the real clock, so these certs are minted for now.
  let live: ClusterCertificates;
  beforeAll(async () => {
    live = await generateClusterCertificates({ hosts: ['127.0.0.1', 'localhost'], now: new Date() });
  });

  it('succeeds for a client that trusts only the cluster CA', async () => {
    await withServer(live, async (port) => {
      const res = await get(port, { ca: live.caCertPem });
      expect(res.status).toBe(200);
      expect(res.body).toBe('ok');
      expect(res.authorized).toBe(true);
    });
  });

  it('fails for a client that does not trust the CA', async () => {
    await withServer(live, async (port) => {
      // The system roots only.
      await expect(get(port, {})).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
      // Another skiff cluster's CA.
      const other = await generateClusterCertificates({ hosts: ['127.0.0.1'], now: new Date() });
      await expect(get(port, { ca: other.caCertPem })).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    });
  });

  it('fails when the certificate lacks the IP SAN the client dialled', async () => {
    const dnsOnly = await generateClusterCertificates({ hosts: ['localhost'], now: new Date() });
    await withServer(dnsOnly, async (port) => {
      await expect(get(port, { ca: dnsOnly.caCertPem })).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    });
  });
});

async function withServer(c: ClusterCertificates, fn: (port: number) => Promise<void>): Promise<void> {
  const server = createServer({ key: c.serverKeyPem, cert: c.serverCertPem }, (_req, res) => {
    res.end('ok');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await fn((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  }
}

/** GET https://127.0.0.1:<port>/ with no servername, as kubectl dials an IP server URL. */
function get(port: number, tls: { ca?: string }): Promise<{ status: number; body: string; authorized: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', agent: false, ...tls }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const socket = res.socket as TLSSocket;
        resolve({ status: res.statusCode ?? 0, body, authorized: socket.authorized });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The content octets of tbsCertificate.serialNumber: Certificate > TBSCertificate > [0] version, INTEGER. */
function serialNumberContent(der: Buffer): Buffer {
  // Returns [headerLength, contentLength] of the DER element at `at`.
  const header = (at: number): [number, number] => {
    const first = der[at + 1] ?? 0;
    if (first < 0x80) return [2, first];
    const n = first & 0x7f;
    return [2 + n, der.subarray(at + 2, at + 2 + n).reduce((len, b) => len * 256 + b, 0)];
  };
  let at = header(0)[0]; // into Certificate
  at += header(at)[0]; // into TBSCertificate
  if (der[at] === 0xa0) {
    const [h, l] = header(at);
    at += h + l; // past the explicit version
  }
  expect(der[at]).toBe(0x02);
  const [h, l] = header(at);
  return der.subarray(at + h, at + h + l);
}
