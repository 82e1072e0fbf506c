import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { countOption, portOption, positiveIntOption, secondsOption } from '../../../local/cli-options.ts';

describe('skiff flag parsers', () => {
  it('take 0 where it means none, as both skiff up and skiff agent --start-delay do', () => {
    expect(countOption('0')).toBe(0);
    expect(countOption('250')).toBe(250);
    expect(() => countOption('-1')).toThrow(InvalidArgumentError);
    expect(() => countOption('1.5')).toThrow('a whole number, 0 or more.');
  });

  it('refuse 0 where a size or interval must be positive', () => {
    expect(positiveIntOption('110')).toBe(110);
    expect(() => positiveIntOption('0')).toThrow('a whole number above 0.');
  });

  it('bound ports and seconds', () => {
    expect(portOption('0')).toBe(0);
    expect(() => portOption('65536')).toThrow('a port is a whole number from 0 to 65535.');
    expect(secondsOption('0.5')).toBe(0.5);
    expect(() => secondsOption('soon')).toThrow('a number of seconds, 0 or more.');
  });
});
