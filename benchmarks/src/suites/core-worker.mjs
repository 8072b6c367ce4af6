// Child process for the core-throughput suite: loads a real-source sample into memory, then times
// scanText, scanStream, a plain regex and Buffer.indexOf over the same bytes. Prints JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { listFiles } from '../corpora/walk.mjs';

/**
 * What the worker prints: per case, its timings (ms per pass) and its result.
 * @typedef {{ bytes: number, files: number, chars: number, chunk: number, results: Record<string, { samples: number[], result: unknown }> }} CoreWorkerOutput
 */

// argv[6]: another build's core (`--against REV`); then only keyguard's own cases run.
const [root, sizeArg, runsArg, chunkArg, coreEntry] = process.argv.slice(2);
/** @type {typeof import('@keyguard/core')} */
const { scanStream, scanText } = await import(coreEntry === undefined ? '@keyguard/core' : pathToFileURL(coreEntry).href);
const target = Number(sizeArg);
const runs = Number(runsArg);
const CHUNK = Number(chunkArg || 65536);

/** @type {Buffer[]} */
const parts = [];
let have = 0;
let files = 0;
for (const f of listFiles(root)) {
  if (!/\.(c|h|S|js|ts|mjs|cjs|json|md|rst|txt|py|sh|dts|dtsi|ya?ml)$/.test(f.path)) continue;
  const b = readFileSync(join(root, f.path));
  if (b.subarray(0, 8000).includes(0)) continue;
  parts.push(b);
  have += b.length;
  files++;
  if (have >= target) break;
}
const buffer = Buffer.concat(parts).subarray(0, target);
const text = buffer.toString('utf8');
const bytes = buffer.length;

async function* chunks() {
  for (let i = 0; i < bytes; i += CHUNK) yield buffer.subarray(i, Math.min(bytes, i + CHUNK));
}

const cases = {
  // Repeated 10 times per timing (it is too fast for one), reported per pass.
  'Buffer.indexOf (rare byte, read-speed reference)': () => {
    let r = -1;
    for (let i = 0; i < 10; i++) r = buffer.indexOf(0);
    return r;
  },
  'regex /[A-Za-z0-9+\\/]{43}=/g': () => {
    const re = /[A-Za-z0-9+/]{43}=/g;
    let n = 0;
    while (re.exec(text) !== null) n++;
    return n;
  },
  'keyguard scanText': () => scanText(text).length,
  'keyguard scanStream (64 KiB chunks)': async () => {
    let n = 0;
    for await (const _ of scanStream(chunks())) n++;
    return n;
  },
};

/** @type {CoreWorkerOutput} */
const out = { bytes, files, chars: text.length, chunk: CHUNK, results: {} };
for (const [name, fn] of Object.entries(cases)) {
  if (coreEntry !== undefined && !name.startsWith('keyguard')) continue;
  await fn(); // warm-up (JIT, caches)
  /** @type {number[]} */
  const samples = [];
  /** @type {unknown} */
  let result;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const t = performance.now();
    result = await fn();
    samples.push((performance.now() - t) / (name.startsWith('Buffer.indexOf') ? 10 : 1));
  }
  out.results[name] = { samples, result };
}
process.stdout.write(JSON.stringify(out));
