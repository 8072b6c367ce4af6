import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IGNORE_FILE_NOT_APPLIED, OWN_FILE_PROBLEMS, SKIP_REASONS } from '../src/outcome.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
const read = (file: string): string => readFileSync(file, 'utf8');
/** The values the docs must list: the union's fixed members, then the ignore-file one as a pattern. */
const EXPECTED = [...SKIP_REASONS, `${IGNORE_FILE_NOT_APPLIED}: <kind>`];
const ticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('skip reasons: the SkipReason union (outcome.ts) and the docs agree', () => {
  it('packages/cli/README.md: the Skip reasons table has one row per reason', () => {
    const readme = read(path.join(PACKAGE_DIR, 'README.md'));
    const section = readme.slice(readme.indexOf('\n### Skip reasons\n'));
    expect(section.length, 'no "### Skip reasons" section').toBeLessThan(readme.length);
    const rows = section.split('\n\n#')[0]!.split('\n').filter((line) => /^\| `/.test(line));
    expect(rows.map((row) => ticked(row.split(' | ')[0]!)[0])).toEqual(EXPECTED);
    // The kinds of an ignore file that could not be used, in the last row.
    const meaning = rows.at(-1)!.split(' | ')[1]!;
    const kinds = ticked(meaning.slice(meaning.indexOf('one of')));
    expect(kinds).toEqual([...OWN_FILE_PROBLEMS]);
  });

  it('README.md: the list of skip reasons', () => {
    const readme = read(path.join(REPO_ROOT, 'README.md')).replace(/\s+/g, ' ');
    const list = /Skip reasons \([^)]*\)\): (.*?)\. /.exec(readme)?.[1];
    expect(list, 'no "Skip reasons (...): ..." sentence').toBeDefined();
    expect(ticked(list!)).toEqual(EXPECTED);
  });
});
