// The cluster's TLS material: one self-signed CA and one serving certificate it signs.
// kubectl trusts the CA through `certificate-authority-data` in the kubeconfig and then
// verifies the apiserver's certificate with Go's crypto/tls, which ignores the subject CN
// and matches only subjectAltName entries — so every address a client dials (notably
// IP:127.0.0.1) must be an IP SAN, and every name a DNS SAN.
//
// Generation is pure apart from randomness: the caller passes `now`, and the keys come from
// Node's WebCrypto, passed explicitly so we never rely on (or patch) a global provider.

// @peculiar/x509 2.x resolves its algorithm registry through tsyringe, which refuses to load
// without a Reflect metadata polyfill. It must be evaluated before @peculiar/x509, and ES
// modules evaluate side-effect imports in source order, so keep this import first.
import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import type { JsonGeneralName } from '@peculiar/x509';
import { X509Certificate as NodeX509Certificate, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

export interface ClusterCertificates {
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

export interface GenerateClusterCertificatesOptions {
  /** Every address or name clients will dial: IP literals become IP SANs, names DNS SANs. */
  hosts: string[];
  now: Date;
  /** Validity of the serving certificate; the CA always gets CA_VALID_DAYS. */
  validDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_SERVER_VALID_DAYS = 365;
/** Ten years, as kubeadm gives its CA: rotating the CA means rewriting every kubeconfig. */
const CA_VALID_DAYS = 3650;
/** Backdate notBefore like kubeadm does, so a client whose clock is a little behind still accepts a fresh cert. */
const BACKDATE_MS = 5 * 60 * 1000;
/** certificateCoversHosts reports false this long before expiry, so renewal happens with margin. */
const RENEW_BEFORE_MS = 30 * DAY_MS;

// ECDSA P-256 with SHA-256: small keys, fast to generate, accepted by Go, Node and browsers.
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

// Node's webcrypto implements the DOM Crypto interface @peculiar/x509 expects; the two
// type declarations merely differ in detail, hence the cast.
const crypto = webcrypto as unknown as Crypto;

export async function generateClusterCertificates(opts: GenerateClusterCertificatesOptions): Promise<ClusterCertificates> {
  const validDays = opts.validDays ?? DEFAULT_SERVER_VALID_DAYS;
  // The serving cert must not outlive its issuer: Go rejects a chain with an expired CA.
  if (!Number.isFinite(validDays) || validDays <= 0 || validDays > CA_VALID_DAYS) {
    throw new Error(`validDays must be a positive number of days no greater than ${CA_VALID_DAYS}, got ${validDays}`);
  }
  const nowMs = opts.now.getTime();
  if (Number.isNaN(nowMs)) throw new Error('now must be a valid Date');
  const altNames = subjectAltNames(opts.hosts);

  const notBefore = new Date(nowMs - BACKDATE_MS);
  const caKeys = await generateKeyPair();
  const caCert = await X509CertificateGenerator.createSelfSigned(
    {
      name: 'CN=skiff-ca',
      keys: caKeys,
      notBefore,
      notAfter: new Date(nowMs + CA_VALID_DAYS * DAY_MS),
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        // pathLength 0: this CA signs leaf certificates only, never intermediates.
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
        await SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  const serverKeys = await generateKeyPair();
  const serverCert = await X509CertificateGenerator.create(
    {
      subject: 'CN=skiff-apiserver',
      issuer: caCert.subject,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      notAfter: new Date(nowMs + validDays * DAY_MS),
      signingAlgorithm: SIGNING_ALGORITHM,
      extensions: [
        new BasicConstraintsExtension(false, undefined, true),
        // ECDHE key exchange means an ECDSA serving key only ever signs.
        new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
        new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
        new SubjectAlternativeNameExtension(altNames),
        await SubjectKeyIdentifierExtension.create(serverKeys.publicKey, false, crypto),
        // Lets verifiers pick the right issuer if the CA is ever rotated alongside the old one.
        await AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  return {
    caCertPem: caCert.toString('pem') + '\n',
    caKeyPem: await privateKeyPem(caKeys.privateKey),
    serverCertPem: serverCert.toString('pem') + '\n',
    serverKeyPem: await privateKeyPem(serverKeys.privateKey),
  };
}

/**
 * True when the serving certificate is currently valid, will stay valid for at least 30
 * more days, and has a SAN for every host. Anything unparseable counts as "not covered":
 * the caller's answer to false is to regenerate, which is the safe outcome.
 */
export function certificateCoversHosts(serverCertPem: string, hosts: string[], now: Date): boolean {
  let cert: NodeX509Certificate;
  try {
    cert = new NodeX509Certificate(serverCertPem);
  } catch {
    return false;
  }
  const nowMs = now.getTime();
  const notBefore = Date.parse(cert.validFrom);
  const notAfter = Date.parse(cert.validTo);
  if (Number.isNaN(nowMs) || Number.isNaN(notBefore) || Number.isNaN(notAfter)) return false;
  if (nowMs < notBefore || nowMs + RENEW_BEFORE_MS >= notAfter) return false;

  for (const raw of hosts) {
    const host = normalizeHost(raw);
    if (!host) return false;
    // Node's matchers compare SANs only (subject: 'never' mirrors Go ignoring the CN) and
    // normalise IP spellings, so "::1" matches a SAN stored as 0:0:0:0:0:0:0:1.
    const covered = isIP(host) ? cert.checkIP(host) : cert.checkHost(host, { subject: 'never', wildcards: false });
    if (covered === undefined) return false;
  }
  return true;
}

/** Splits hosts into IP and DNS SANs, rejecting anything that is neither (a typo should fail loudly, not mint a useless cert). */
function subjectAltNames(hosts: string[]): JsonGeneralName[] {
  const seen = new Set<string>();
  const names: JsonGeneralName[] = [];
  for (const raw of hosts) {
    const host = normalizeHost(raw);
    if (!host) throw new Error(`invalid host for the serving certificate: ${JSON.stringify(raw)}`);
    if (seen.has(host)) continue;
    seen.add(host);
    names.push({ type: isIP(host) ? 'ip' : 'dns', value: host });
  }
  if (names.length === 0) throw new Error('the serving certificate needs at least one host');
  return names;
}

// RFC 1123 labels; wildcards are deliberately not accepted for an apiserver cert.
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** An IP literal (brackets stripped, as in URLs) or a lowercased DNS name; undefined if neither. */
function normalizeHost(raw: string): string | undefined {
  let host = raw.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (isIP(host)) return host.includes('%') ? undefined : host.toLowerCase();
  host = host.toLowerCase();
  return DNS_NAME.test(host) ? host : undefined;
}

async function generateKeyPair(): Promise<CryptoKeyPair> {
  // Extractable so the private key can be written out as PKCS#8 for the TLS server.
  return (await crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', key);
  return PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n';
}
