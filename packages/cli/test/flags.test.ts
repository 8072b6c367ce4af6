import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';
import { FLAGS, type FlagCommand, type FlagSpec, parseArgsOptions, withFlagsTable } from '../src/flags.js';
import { helpText } from '../src/help.js';
import { hasHelpEntry } from './help-entries.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
const flags = FLAGS as readonly FlagSpec[];

/** argv giving `flag` (with a value it accepts, and what it needs besides) to `command`. */
function argvWith(command: FlagCommand, flag: FlagSpec): string[] {
  const samples: Record<string, string> = { format: 'json', 'min-confidence': 'high', jobs: '2', history: 'HEAD~1..HEAD' };
  const given = flag.type === 'string' ? `--${flag.name}=${samples[flag.name] ?? 'some-file.txt'}` : `--${flag.name}`;
  const needs: Record<string, string[]> = { 'stdin-filename': ['-'], 'fetch-missing': ['--staged'] };
  return [command, given, ...(needs[flag.name] ?? [])];
}

describe('the flag table (flags.ts)', () => {
  it('names each flag and alias once', () => {
    const names = flags.map((f) => f.name);
    const shorts = flags.flatMap((f) => (f.short !== undefined ? [f.short] : []));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(shorts).size).toBe(shorts.length);
  });

  it('is what parseArgs is given (the optional-value flags are taken out before it)', () => {
    const expected = Object.fromEntries(
      flags.filter((f) => f.optionalValue !== true).map((f) => [f.name, f.short !== undefined ? { type: f.type, short: f.short } : { type: f.type }]),
    );
    expect(parseArgsOptions()).toEqual(expected);
  });

  it('every flag is accepted by the commands it applies to, and refused by the others', () => {
    for (const flag of flags) {
      for (const command of ['scan', 'baseline'] as const) {
        const argv = argvWith(command, flag);
        if (flag.commands.includes(command)) expect(() => parseCliArgs(argv), argv.join(' ')).not.toThrow();
        else expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(`--${flag.name} applies to ${flag.commands.join(' and ')}, not to ${command}`);
      }
      if (flag.short !== undefined) {
        const argv = ['scan', `-${flag.short}`, ...(flag.type === 'string' ? [flag.name === 'format' ? 'json' : '2'] : [])];
        expect(() => parseCliArgs(argv), argv.join(' ')).not.toThrow();
      }
    }
  });
});

describe('--help', () => {
  const help = helpText();

  it('gives every flag of the table an entry, named as the table does (alias and value included)', () => {
    for (const flag of flags) expect(hasHelpEntry(help, flag), flag.name).toBe(true);
  });

  it('names no flag the table does not have', () => {
    const known = new Set(flags.map((f) => f.name));
    const mentioned = new Set([...help.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]!));
    expect([...mentioned].filter((name) => !known.has(name))).toEqual([]);
  });

  it('keeps every line within 90 columns', () => {
    expect(help.split('\n').filter((line) => line.length > 90)).toEqual([]);
  });
});

describe('packages/cli/README.md', () => {
  it('holds the flag table generated from flags.ts (node scripts/docs-flags.mjs rewrites it)', () => {
    const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
    expect(readme, 'stale flag table: run node scripts/docs-flags.mjs').toBe(withFlagsTable(readme));
  });

  it('scripts/docs-flags.mjs --check agrees', () => {
    expect(execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/docs-flags.mjs'), '--check'], { encoding: 'utf8' })).toMatch(/up to date/);
  });
});
