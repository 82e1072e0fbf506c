// What a deployment may vary, read once from CDK context (cdk.json, or `-c key=value`),
// so constructs never reach into context themselves and tests can pass a config directly.
import type { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface SkiffConfig {
  /** Prefix of the stack names (`<name>-stateful`, `<name>-compute`) and of the queue names. */
  name: string;
  /** Deploying into LocalStack (`npm run deploy:local`): state is disposable there. */
  localstack: boolean;
  /** How often the resync rule re-enqueues every object (and compacts the change log). */
  resyncMinutes: number;
  logRetentionDays: number;
  /** Subscribed to the alarm topic when set. */
  alarmEmail?: string;
}

export const DEFAULT_CONFIG: SkiffConfig = {
  name: 'skiff',
  localstack: false,
  resyncMinutes: 5,
  logRetentionDays: 30,
};

export function configFromContext(app: App): SkiffConfig {
  const ctx = (key: string): unknown => app.node.tryGetContext(`skiff:${key}`);
  const name = stringOr(ctx('name'), DEFAULT_CONFIG.name);
  if (!/^[a-z][a-z0-9-]{0,30}$/.test(name)) {
    // It prefixes queue names (80 characters at most, with ".fifo") and stack names.
    throw new Error(`skiff:name "${name}" must be 1-31 lowercase letters, digits or dashes, starting with a letter`);
  }
  const alarmEmail = ctx('alarmEmail');
  return {
    name,
    localstack: booleanOf(ctx('localstack')),
    resyncMinutes: positiveInt(ctx('resyncMinutes'), DEFAULT_CONFIG.resyncMinutes, 'resyncMinutes'),
    logRetentionDays: retention(positiveInt(ctx('logRetentionDays'), DEFAULT_CONFIG.logRetentionDays, 'logRetentionDays')),
    ...(typeof alarmEmail === 'string' && alarmEmail ? { alarmEmail } : {}),
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value ? value : fallback;
}

// `-c skiff:localstack=true` arrives as the string "true"; cdk.json can hold a real boolean.
function booleanOf(value: unknown): boolean {
  return value === true || value === 'true';
}

function positiveInt(value: unknown, fallback: number, key: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`skiff:${key} must be a whole number above 0, got ${String(value)}`);
  return n;
}

// CloudWatch Logs accepts only its own list of retention periods; refuse others at synth.
function retention(days: number): number {
  const allowed = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);
  if (!allowed.includes(days)) throw new Error(`skiff:logRetentionDays must be one of ${allowed.join(', ')}`);
  return days;
}
