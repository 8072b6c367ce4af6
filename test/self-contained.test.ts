import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// A clone from GitHub has nothing beside it: no tracked file may reach for the material that
// sits next to the development checkout. Spelled in pieces so this file does not match itself.
const PARENT = '\\.\\.';
const SIBLING = 'shared';
const OUTSIDE = [
  new RegExp(`${PARENT}[/\\\\]+${SIBLING}\\b`), // the folder as a relative path, either separator
  new RegExp(`['"]${PARENT}['"]\\s*,\\s*['"]${SIBLING}['"]`), // the folder as path.join arguments
];

/** Tracked files (NUL-separated so any name works), without the lockfile. */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && f !== 'pnpm-lock.yaml');
}

/** `file:line` of every line of `text` that points outside the repository. */
export function outsideReferences(file: string, text: string): string[] {
  const hits: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (OUTSIDE.some((re) => re.test(line))) hits.push(`${file}:${i + 1}`);
  });
  return hits;
}

describe('the repository is self-contained', () => {
  it('recognises a reference to the sibling folder, however it is spelled', () => {
    const up = ['..', SIBLING].join('/');
    expect(outsideReferences('a.ts', `const s = '${up}/schemas/x.json';`)).toEqual(['a.ts:1']);
    expect(outsideReferences('b.ts', `x\npath.resolve(root, '..', '${SIBLING}', 'y')`)).toEqual(['b.ts:2']);
    expect(outsideReferences('c.md', `see ..\\${SIBLING}\\reference`)).toEqual(['c.md:1']);
    expect(outsideReferences('d.ts', `import { shared } from './${SIBLING}.js';`)).toEqual([]);
  });

  it('no tracked file refers to the folder beside the checkout', () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(100);
    const hits = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(join(repoRoot, file), 'utf8');
      } catch {
        return []; // deleted in the work tree but still tracked
      }
      return outsideReferences(file, text);
    });
    expect(hits).toEqual([]);
  });
});
