import { COUNT_LF_WASM_HEX } from './count-lf-wasm.js';
import { ensureWasmMemory, instantiateWasm, type WasmMemory } from './wasm.js';

/**
 * Counts '\n' in text[from, to) with indexOf: fine for short ranges and any string. The search
 * runs in a slice (a view, not a copy): indexOf cannot stop at `to`, and on a line without '\n'
 * it would read to the end of the text, for every finding of a long line (quadratic).
 */
export function countLineFeedsJs(text: string, from: number, to: number): number {
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  let count = 0;
  for (let at = range.indexOf('\n'); at !== -1; at = range.indexOf('\n', at + 1)) count++;
  return count;
}

interface SimdCounter {
  memory: WasmMemory;
  countLf: (ptr: number, len: number) => number;
}

let simd: SimdCounter | null | undefined;

/** The SIMD counter, compiled on first use; null where WebAssembly SIMD is unavailable. */
function simdCounter(): SimdCounter | null {
  if (simd !== undefined) return simd;
  const exports = instantiateWasm<{ memory: WasmMemory; count_lf: (ptr: number, len: number) => number }>(COUNT_LF_WASM_HEX);
  simd = exports === null ? null : { memory: exports.memory, countLf: exports.count_lf };
  return simd;
}

/** Below this many characters the copy into WebAssembly memory costs more than it saves. */
export const SIMD_THRESHOLD = 2 * 1024;

let simdCounts = 0;

/** Test hook: how many ranges the WebAssembly kernel has counted (tests check that it, not the fallback, ran). */
export function simdLineFeedCounts(): number {
  return simdCounts;
}

/**
 * Counts '\n' in text[from, to) of a one-byte (latin1) string. Large ranges are copied into
 * WebAssembly memory and counted 64 bytes a step: line counting is otherwise the scan's ceiling.
 */
export function countLineFeedsLatin1(text: string, from: number, to: number): number {
  const length = to - from;
  const counter = length >= SIMD_THRESHOLD ? simdCounter() : null;
  if (counter === null) return countLineFeedsJs(text, from, to);
  ensureWasmMemory(counter.memory, length);
  const view = Buffer.from(counter.memory.buffer, 0, length);
  view.write(text.slice(from, to), 0, length, 'latin1');
  simdCounts++;
  return counter.countLf(0, length);
}
