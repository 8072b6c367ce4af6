import type { NodeBufferOrUint8Array } from './bytes.js';
import { PREFILTER_WASM_HEX } from './prefilter-wasm.js';
import { mayHoldJoinedSecret } from './joined-scan.js';
import { mayHoldEncodedSecret } from './prefilter-base64.js';
import { ensureWasmMemory, instantiateWasm, type WasmMemory } from './wasm.js';

/**
 * A conservative WebAssembly pre-filter over UTF-8 bytes (wasm/prefilter.wat): it says "no
 * secret can be here" for almost every source file (1 of the kernel's 78,579 files needs the
 * matcher), so scanBytes can skip decoding and matching them. It never rules out a match: at
 * each place the matcher anchors, it tests a condition every match there needs. The base64
 * forms of connection strings are looked for after it (prefilter-base64.ts), only where the
 * kernel saw a byte pair that each of their needles holds one of (rare in code).
 */

interface Prefilter {
  memory: WasmMemory;
  mayHoldSecret: (ptr: number, len: number) => number;
}

/** Below this offset the module keeps its tables. */
const INPUT_AT = 1024;
/** The SIMD step reads up to 16 bytes past the input. */
const ROOM_AFTER = 64;

/** Bytes held elsewhere are copied in to be filtered up to this size; bigger ones go straight to the matcher. */
export const PREFILTER_MAX_COPY_BYTES = 8 * 1024 * 1024;

let instance: Prefilter | null | undefined;

/** The filter, compiled on first use; null where WebAssembly SIMD is unavailable. */
function prefilter(): Prefilter | null {
  if (instance !== undefined) return instance;
  const exports = instantiateWasm<{ memory: WasmMemory; may_hold_secret: (ptr: number, len: number) => number }>(PREFILTER_WASM_HEX);
  instance = exports === null ? null : { memory: exports.memory, mayHoldSecret: exports.may_hold_secret };
  return instance;
}

function ensureCapacity(filter: Prefilter, bytes: number): void {
  ensureWasmMemory(filter.memory, INPUT_AT + bytes + ROOM_AFTER);
}

/**
 * A buffer of `bytes` bytes inside the filter's memory: input read into it is filtered where it
 * lies, without a copy. Valid until the next call to this function (growing the memory detaches
 * earlier buffers) and holding what was read until the filter copies in other bytes (a call of
 * mayHoldSecret or scanBytes with bytes from elsewhere). Where WebAssembly is unavailable, a
 * plain buffer. A Node Buffer, typed as one where Node's types are loaded (see bytes.ts).
 */
export function borrowScanBuffer(bytes: number): NodeBufferOrUint8Array {
  const filter = prefilter();
  if (filter === null) return Buffer.allocUnsafe(bytes);
  ensureCapacity(filter, bytes);
  return Buffer.from(filter.memory.buffer, INPUT_AT, bytes);
}

/** The kernel's verdict (wasm/prefilter.wat): anchored, or the flags below. */
const ANCHORED = 1;
/** A byte pair that each base64 needle holds one of: prefilter-base64.ts must look. */
export const MAY_BE_ENCODED = 2;
/** A J or an = that each hit of piece-gate.ts's bytesMayHoldPieces needs: the joined gate must look. */
export const MAY_BE_IN_PIECES = 4;
/** The verdict when there is no kernel (or the bytes are too big to copy in): everything must look. */
const UNFILTERED = ANCHORED;

/**
 * What the kernel sees in `bytes`: ANCHORED (the matcher must look), else MAY_BE_ENCODED and
 * MAY_BE_IN_PIECES bits (0: no secret, whole, encoded or in pieces, can be there). Exported for tests.
 */
export function prefilterVerdict(bytes: Uint8Array): number {
  const filter = prefilter();
  if (filter === null) return UNFILTERED;
  const memory = filter.memory.buffer;
  let ptr: number;
  if (bytes.buffer === memory && bytes.byteOffset >= INPUT_AT && bytes.byteOffset + bytes.length + ROOM_AFTER <= memory.byteLength) {
    ptr = bytes.byteOffset; // read there through borrowScanBuffer: nothing to copy
  } else {
    if (bytes.length > PREFILTER_MAX_COPY_BYTES) return UNFILTERED;
    ensureCapacity(filter, bytes.length);
    new Uint8Array(filter.memory.buffer, INPUT_AT, bytes.length).set(bytes);
    ptr = INPUT_AT;
  }
  return filter.mayHoldSecret(ptr, bytes.length);
}

/** False when no secret written whole can be in `bytes` (UTF-8 or ASCII); true when the matcher must look. */
export function mayHoldSecret(bytes: Uint8Array): boolean {
  const verdict = prefilterVerdict(bytes);
  // The exact search for base64 needles runs only where the kernel saw what each of them needs.
  return verdict === ANCHORED || ((verdict & MAY_BE_ENCODED) !== 0 && mayHoldEncodedSecret(bytes));
}

/**
 * False when no secret can be in `bytes`, whole or written in pieces (mayHoldSecret, then
 * joined-scan.ts's mayHoldJoinedSecret): scanBytes's gate. One pass of the kernel for both; each
 * exact gate in JavaScript runs only where the kernel saw what its hits need.
 */
export function mayHoldSecretWholeOrInPieces(bytes: Uint8Array): boolean {
  const verdict = prefilterVerdict(bytes);
  if (verdict === ANCHORED) return true;
  return ((verdict & MAY_BE_ENCODED) !== 0 && mayHoldEncodedSecret(bytes)) || ((verdict & MAY_BE_IN_PIECES) !== 0 && mayHoldJoinedSecret(bytes));
}

