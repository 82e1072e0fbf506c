// Parsers for the numeric flags of every `skiff` subcommand, so `skiff up` and `skiff
// agent` accept the same values for the same kind of flag and say the same thing when
// they refuse one.
import { InvalidArgumentError } from 'commander';

export function portOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return n;
}

export function secondsOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('a number of seconds, 0 or more.');
  return n;
}

/** Counts and durations where 0 means none (no nodes, no start delay). */
export function countOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number, 0 or more.');
  return n;
}

/** Sizes and intervals where 0 would make no sense (a pod capacity, a poll interval). */
export function positiveIntOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a whole number above 0.');
  return n;
}
