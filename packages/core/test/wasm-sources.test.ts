/**
 * The WebAssembly kernels ship as hex in src/*-wasm.ts, generated from wasm/*.wat by
 * scripts/build-wasm.mjs. The shipped bytes must be exactly what the sources assemble to: a .wat
 * edited without a build (or a hand-edited hex string) fails here. Assembled with wabt itself, not
 * through the build script, so a broken script cannot hide a mismatch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';
import { describe, expect, it } from 'vitest';
import { COUNT_LF_WASM_HEX } from '../src/count-lf-wasm.js';
import { PREFILTER_WASM_HEX } from '../src/prefilter-wasm.js';

const WASM_DIR = join(dirname(fileURLToPath(import.meta.url)), '../wasm');

/** Each source and the bytes shipped for it. */
const SHIPPED: Record<string, string> = {
  'count-lf.wat': COUNT_LF_WASM_HEX,
  'prefilter.wat': PREFILTER_WASM_HEX,
};

describe('WebAssembly kernels match their sources', () => {
  it('every .wat source has shipped bytes', () => {
    const sources = readdirSync(WASM_DIR).filter((name) => name.endsWith('.wat'));
    expect(sources.sort()).toEqual(Object.keys(SHIPPED).sort());
  });

  it.each(Object.keys(SHIPPED))('%s assembles to the bytes in src/', async (wat) => {
    const wabt = await initWabt();
    const module = wabt.parseWat(wat, readFileSync(join(WASM_DIR, wat), 'utf8'), { simd: true });
    try {
      module.validate();
      const assembled = Buffer.from(module.toBinary({}).buffer).toString('hex');
      // Compared as hex strings, but reported by length and first difference (the strings are long).
      const shipped = SHIPPED[wat]!;
      let at = 0;
      while (at < assembled.length && assembled[at] === shipped[at]) at++;
      const where = at === assembled.length && at === shipped.length ? 'none' : `byte ${at >> 1}`;
      expect({ bytes: shipped.length / 2, firstDifference: where }, 'run node scripts/build-wasm.mjs (or pnpm run build)').toEqual({
        bytes: assembled.length / 2,
        firstDifference: 'none',
      });
    } finally {
      module.destroy();
    }
  });
});
