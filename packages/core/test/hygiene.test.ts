/**
 * keyguard's own sources must pass its own scan: the core package's sources and tests and the
 * fixture corpus hold no key, only generators and tokens.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanText } from '../src/index.js';
import { keyPlaceholderReason } from '../src/placeholders.js';
import { KEY_SHAPED } from './helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const files = [join(ROOT, 'packages/core/src'), join(ROOT, 'packages/core/test'), join(ROOT, 'fixtures')].flatMap((d) => walk(d));

describe('repository hygiene', () => {
  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s: no finding, nothing key-shaped', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(scanText(text, { minConfidence: 'low', inlineIgnore: false })).toEqual([]);
    for (const pattern of KEY_SHAPED) {
      for (const m of text.matchAll(pattern)) {
        // only public or visibly fake values (emulator, docs, low diversity, sequences)
        expect(keyPlaceholderReason(m[0]), `key-shaped literal ${m[0].slice(0, 6)}…`).toBeDefined();
      }
    }
  });
});
