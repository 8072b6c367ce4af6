/** The slice of the WebAssembly API keyguard uses (lib ES2022 does not declare it; Node has it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

/** WebAssembly memory grows by pages of this size. */
export const WASM_PAGE_BYTES = 64 * 1024;

/**
 * Compiles and instantiates a module given as hex (the generated src/*-wasm.ts files); null
 * where that fails, e.g. without WebAssembly SIMD, so callers fall back to JavaScript.
 */
export function instantiateWasm<Exports>(hex: string): Exports | null {
  try {
    const module = new WebAssembly.Module(Buffer.from(hex, 'hex'));
    return new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  } catch {
    return null;
  }
}

/** Grows `memory` to at least `bytes` bytes. */
export function ensureWasmMemory(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / WASM_PAGE_BYTES));
}
