// A container's environment, as kubelet's makeEnvironmentVariables builds it: envFrom
// sources first (in order, later ones winning), then env entries, each value expanded
// with $(VAR) against what is defined so far. ConfigMaps and Secrets are read by the
// caller (envSources names them); this file only decides. Missing required sources are a
// CreateContainerConfigError with kubelet's messages.
import type { ConfigMap, Container, Pod, Secret } from 'kubernetes-types/core/v1';
import { expandVars } from './env-expansion.ts';
import { fieldRefValue, resourceFieldValue, type PodRuntimeFields } from './field-ref.ts';

export interface EnvSourceNames {
  configMaps: Set<string>;
  secrets: Set<string>;
}

/** Every ConfigMap and Secret a container's env refers to. */
export function envSources(container: Container): EnvSourceNames {
  const out: EnvSourceNames = { configMaps: new Set(), secrets: new Set() };
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef?.name) out.configMaps.add(from.configMapRef.name);
    if (from.secretRef?.name) out.secrets.add(from.secretRef.name);
  }
  for (const e of container.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef?.name;
    const secret = e.valueFrom?.secretKeyRef?.name;
    if (cm) out.configMaps.add(cm);
    if (secret) out.secrets.add(secret);
  }
  return out;
}

export interface EnvInputs {
  pod: Pod;
  container: Container;
  /** name → object; absent means "not found". */
  configMaps: ReadonlyMap<string, ConfigMap>;
  secrets: ReadonlyMap<string, Secret>;
  runtime: PodRuntimeFields;
  allocatable: Record<string, string>;
}

export type EnvResult = { ok: true; env: [string, string][] } | { ok: false; reason: 'CreateContainerConfigError'; message: string };

/** kube's rule for names taken from envFrom keys (C identifiers and more, minus '='). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function secretValue(secret: Secret, key: string): string | undefined {
  if (secret.data && key in secret.data) return Buffer.from(secret.data[key]!, 'base64').toString('utf8');
  return secret.stringData?.[key];
}

class ConfigError extends Error {}

function fromSources(input: EnvInputs, vars: Map<string, string>): void {
  for (const from of input.container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    let data: Record<string, string> | undefined;
    if (from.configMapRef) {
      const cm = input.configMaps.get(from.configMapRef.name ?? '');
      if (!cm) {
        if (from.configMapRef.optional) continue;
        throw new ConfigError(`configmap "${from.configMapRef.name}" not found`);
      }
      data = cm.data ?? {};
    } else if (from.secretRef) {
      const secret = input.secrets.get(from.secretRef.name ?? '');
      if (!secret) {
        if (from.secretRef.optional) continue;
        throw new ConfigError(`secret "${from.secretRef.name}" not found`);
      }
      data = {};
      for (const key of Object.keys(secret.data ?? {})) data[key] = secretValue(secret, key)!;
    }
    // Keys that are not valid variable names are skipped (kubelet records an event).
    for (const [k, v] of Object.entries(data ?? {})) if (ENV_NAME.test(prefix + k)) vars.set(prefix + k, v);
  }
}

function valueOf(entry: NonNullable<Container['env']>[number], input: EnvInputs, vars: Map<string, string>): string | undefined {
  const ns = input.pod.metadata?.namespace ?? '';
  const from = entry.valueFrom;
  if (!from) return expandVars(entry.value ?? '', (n) => vars.get(n));
  if (from.fieldRef) return fieldRefValue(from.fieldRef.fieldPath, input.pod, input.runtime) ?? '';
  if (from.resourceFieldRef) return resourceFieldValue(from.resourceFieldRef, input.container, input.allocatable) ?? '';
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    const cm = input.configMaps.get(ref.name ?? '');
    if (!cm) {
      if (ref.optional) return undefined;
      throw new ConfigError(`configmap "${ref.name}" not found`);
    }
    const v = cm.data?.[ref.key];
    if (v === undefined) {
      if (ref.optional) return undefined;
      throw new ConfigError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
    }
    return v;
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    const secret = input.secrets.get(ref.name ?? '');
    if (!secret) {
      if (ref.optional) return undefined;
      throw new ConfigError(`secret "${ref.name}" not found`);
    }
    const v = secretValue(secret, ref.key);
    if (v === undefined) {
      if (ref.optional) return undefined;
      throw new ConfigError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
    }
    return v;
  }
  return '';
}

export function resolveEnv(input: EnvInputs): EnvResult {
  const vars = new Map<string, string>();
  try {
    fromSources(input, vars);
    for (const entry of input.container.env ?? []) {
      const value = valueOf(entry, input, vars);
      if (value !== undefined) vars.set(entry.name, value);
    }
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, reason: 'CreateContainerConfigError', message: err.message };
    throw err;
  }
  return { ok: true, env: [...vars.entries()] };
}

/** command and args with $(VAR) expanded against the container's environment. */
export function expandCommand(container: Container, env: readonly [string, string][]): { command: string[]; args: string[] } {
  const vars = new Map(env);
  const lookup = (n: string) => vars.get(n);
  return {
    command: (container.command ?? []).map((c) => expandVars(c, lookup)),
    args: (container.args ?? []).map((a) => expandVars(a, lookup)),
  };
}
