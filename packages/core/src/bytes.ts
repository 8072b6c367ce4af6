/**
 * The type of the byte buffers core hands out (`borrowScanBuffer`, `KeyRandom.bytes`): at run
 * time they are Node Buffers. Where Node's types are loaded (`@types/node`), this is the
 * `Buffer` that `Buffer.allocUnsafe` returns, so callers keep Buffer's methods; everywhere else
 * it is the standard `Uint8Array` a Buffer extends. It is found through `globalThis` rather than
 * by naming `Buffer`, so that the published declarations compile without `@types/node`.
 */
export type NodeBufferOrUint8Array = typeof globalThis extends { Buffer: { allocUnsafe(size: number): infer B } }
  ? B
  : Uint8Array;
