// What /version reports. kubectl 1.32's dispatcher runs its bundled 1.32 client only when
// the server says minor "32" (KUBECTL.md), so that is the Kubernetes version we speak.
export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0+skiff',
    gitCommit: 'skiff',
    gitTreeState: 'clean',
    buildDate: '2026-11-22T00:00:00Z',
    goVersion: 'skiff (TypeScript on Node.js)',
    compiler: 'skiff',
    platform: 'linux/arm64',
  };
}
