// The cluster's CA and serving certificate, kept in <home>/pki. The CA is made once; the
// serving certificate is re-issued when it no longer covers our hosts or nears expiry.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateCoversHosts, generateClusterCertificates, type ClusterCertificates } from '../lib/auth/certificates.ts';

export const SERVING_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export async function loadOrCreatePki(home: string, now = new Date()): Promise<ClusterCertificates> {
  const dir = join(home, 'pki');
  const files = { caCertPem: 'ca.crt', caKeyPem: 'ca.key', serverCertPem: 'server.crt', serverKeyPem: 'server.key' } as const;
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  if (Object.values(files).every((f) => existsSync(join(dir, f)))) {
    const pki = { caCertPem: read(files.caCertPem), caKeyPem: read(files.caKeyPem), serverCertPem: read(files.serverCertPem), serverKeyPem: read(files.serverKeyPem) };
    if (certificateCoversHosts(pki.serverCertPem, SERVING_HOSTS, now)) return pki;
  }
  // Regenerating both keeps the code simple; a local CA change only means re-reading the kubeconfig.
  const pki = await generateClusterCertificates({ hosts: SERVING_HOSTS, now });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [k, f] of Object.entries(files)) writeFileSync(join(dir, f), pki[k as keyof ClusterCertificates], { mode: 0o600 });
  return pki;
}
