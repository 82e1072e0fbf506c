// Facts about the machine an agent runs on, read through node:os: what a Node reports
// when no flags say otherwise (simulated nodes pass their capacity as flags).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { NodeFacts } from './node-object.ts';

export interface Capacity {
  cpu: string;
  memory: string;
  pods: string;
}

/** Node's names for architectures, mapped to Go's GOARCH as kubelet reports them. */
const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

export function goArch(nodeArch: string): string {
  return GOARCH[nodeArch] ?? nodeArch;
}

/** kubelet's default max pods is 110. */
export function machineCapacity(): Capacity {
  return { cpu: String(os.availableParallelism()), memory: `${Math.floor(os.totalmem() / 1024)}Ki`, pods: '110' };
}

/** The first non-internal IPv4 address, else loopback. */
export function machineAddress(): string {
  for (const addrs of Object.values(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * nodeInfo.osImage from os-release text, as kubelet gets it from cadvisor: PRETTY_NAME
 * without its quotes, "Linux" when the file names none, "Unknown" when there is no file.
 */
export function osImageFromOsRelease(text: string | undefined): string {
  if (text === undefined) return 'Unknown';
  const pretty = /^PRETTY_NAME=(.*)$/m.exec(text);
  return pretty ? pretty[1]!.trim().replace(/^"+|"+$/g, '') : 'Linux';
}

/** What simulated nodes report: they describe no machine, so nothing is read. */
export const SIMULATED_OS_IMAGE = 'Linux (skiff simulated)';

/** os-release lives in /etc, or only in /usr/lib on stateless systems. */
function hostOsImage(): string {
  if (os.platform() !== 'linux') return os.type();
  return osImageFromOsRelease(readTrimmed('/etc/os-release') ?? readTrimmed('/usr/lib/os-release'));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export interface FactsInput {
  name: string;
  runtimeVersion: string;
  /** Simulated nodes do not describe this machine: their ids derive from the node name. */
  simulated: boolean;
  capacity?: Partial<Capacity>;
  labels?: Record<string, string>;
  address?: string;
}

export function machineFacts(input: FactsInput): NodeFacts {
  const capacity = { ...machineCapacity(), ...input.capacity };
  const machineID = input.simulated ? digest(`machine:${input.name}`) : readTrimmed('/etc/machine-id') ?? digest(`machine:${os.hostname()}`);
  const bootID = input.simulated ? digest(`boot:${input.name}`) : readTrimmed('/proc/sys/kernel/random/boot_id') ?? digest(`boot:${os.hostname()}:${os.uptime()}`);
  return {
    name: input.name,
    labels: input.labels ?? {},
    capacity,
    address: input.address ?? machineAddress(),
    hostname: input.simulated ? input.name : os.hostname(),
    os: os.platform() === 'win32' ? 'windows' : os.platform(),
    arch: goArch(os.arch()),
    kernelVersion: os.release(),
    osImage: input.simulated ? SIMULATED_OS_IMAGE : hostOsImage(),
    machineID,
    bootID,
    containerRuntimeVersion: input.runtimeVersion,
  };
}
