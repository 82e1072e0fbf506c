// What a node says about its operating system: os-release parsed as kubelet's cadvisor
// does, and a fixed description for simulated nodes, which describe no machine.
import { describe, expect, it } from 'vitest';
import { machineFacts, osImageFromOsRelease, SIMULATED_OS_IMAGE } from '../../../lib/agent/machine.ts';

describe('osImage', () => {
  it('is PRETTY_NAME without its quotes', () => {
    const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\n';
    expect(osImageFromOsRelease(debian)).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(osImageFromOsRelease('NAME=Alpine\nPRETTY_NAME=Alpine Linux v3.20\n')).toBe('Alpine Linux v3.20');
  });

  it('is "Linux" when os-release names nothing, and "Unknown" without one', () => {
    expect(osImageFromOsRelease('NAME="Hand made"\nID=hm\n')).toBe('Linux');
    expect(osImageFromOsRelease(undefined)).toBe('Unknown');
  });

  it('is fixed for simulated nodes, next to the real kernel release', () => {
    const facts = machineFacts({ name: 'sim-1', runtimeVersion: 'simulated://1', simulated: true });
    expect(facts.osImage).toBe(SIMULATED_OS_IMAGE);
    expect(facts.kernelVersion).toMatch(/^\d+\.\d+/);
  });
});
