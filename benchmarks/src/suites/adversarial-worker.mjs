// Child process for the adversarial suite: times @keyguard/core (one thread, input in memory) on
// text built to defeat a matcher (every character an anchor, key shapes every 45 characters, ...)
// and on plain source text of the same size, in the same process. Prints JSON.
//   node adversarial-worker.mjs <patternMiB> <lineMiB> <runs> <sourceRoot|-> [only]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanBytes, scanStream, scanText } from '@keyguard/core';
import { listFiles } from '../corpora/walk.mjs';
import { prng } from '../corpora/sources.mjs';

/**
 * What the worker prints: per pattern and API, the timings (ms) and the findings.
 * @typedef {{ pattern: string, bytes: number, modes: Record<string, { samples: number[], findings: number | undefined }> }} PatternTimings
 * @typedef {{ runs: number, chunk: number, modes: string[], patterns: PatternTimings[] }} AdversarialWorkerOutput
 */

const [sizeArg, lineArg, runsArg, sourceRoot, only] = process.argv.slice(2);
const SIZE = Math.round(Number(sizeArg) * 2 ** 20);
const LINE = Math.round(Number(lineArg) * 2 ** 20);
const RUNS = Number(runsArg);
const CHUNK = 65536;

/** @type {(unit: string, length: number) => string} */
const repeatTo = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** 44-character tokens: 43 random base64 characters and '=' (a legacy key's shape, no evidence). */
/**
 * @param {number} length
 * @param {number} seed
 */
function tokens(length, seed) {
  const rand = prng(seed);
  /** @type {string[]} */
  const out = [];
  for (let have = 0; have < length; have += 45) {
    let t = '';
    for (let i = 0; i < 43; i++) t += B64[(rand() * 64) | 0];
    out.push(`${t}=`);
  }
  return out;
}

/** Plain source text: real files concatenated, repeated up to `length` bytes (ASCII-safe cut). */
/** @param {number} length */
function plainText(length) {
  /** @type {Buffer[]} */
  const parts = [];
  let have = 0;
  if (sourceRoot && sourceRoot !== '-') {
    for (const f of listFiles(sourceRoot)) {
      if (!/\.(c|h|js|ts|mjs|cjs|json|md|py|sh|ya?ml)$/.test(f.path) || f.size > 256 * 1024) continue;
      const b = readFileSync(join(sourceRoot, f.path));
      if (b.subarray(0, 8000).includes(0)) continue;
      parts.push(b);
      have += b.length;
      if (have >= Math.min(length, 32 * 2 ** 20)) break;
    }
  }
  let buffer = Buffer.concat(parts);
  if (buffer.length === 0) buffer = Buffer.from('int main(void) { return printf("hello, world\\n"); }\n');
  const out = Buffer.allocUnsafe(length);
  for (let at = 0; at < length; at += buffer.length) buffer.copy(out, at, 0, Math.min(buffer.length, length - at));
  return out;
}

/** name -> () => Buffer (built when measured, so that one pattern is in memory at a time). */
const PATTERNS = {
  'plain source text': () => plainText(SIZE),
  '=': () => Buffer.from(repeatTo('=', SIZE), 'latin1'),
  'ClientSecret=': () => Buffer.from(repeatTo('ClientSecret=', SIZE), 'latin1'),
  'AuthType=azure.app;ClientSecret=': () => Buffer.from(repeatTo('AuthType=azure.app;ClientSecret=', SIZE), 'latin1'),
  'AccessKey=': () => Buffer.from(repeatTo('AccessKey=', SIZE), 'latin1'),
  'Endpoint=https://a.service.signalr.net;': () => Buffer.from(repeatTo('Endpoint=https://a.service.signalr.net;', SIZE), 'latin1'),
  '%2B': () => Buffer.from(repeatTo('%2B', SIZE), 'latin1'),
  '\\u002B': () => Buffer.from(repeatTo('\\u002B', SIZE), 'latin1'),
  '\\\\/': () => Buffer.from(repeatTo('\\\\/', SIZE), 'latin1'),
  JQQJ99: () => Buffer.from(repeatTo('JQQJ99', SIZE), 'latin1'),
  '${': () => Buffer.from(repeatTo('${', SIZE), 'latin1'),
  '{{': () => Buffer.from(repeatTo('{{', SIZE), 'latin1'),
  '<': () => Buffer.from(repeatTo('<', SIZE), 'latin1'),
  'space-separated 44-char base64 tokens': () => Buffer.from(tokens(SIZE, 1).join(' ').slice(0, SIZE), 'latin1'),
  [`one ${Math.round(LINE / 1e6)} MB line of quoted base64 strings`]: () => Buffer.from(tokens(LINE, 2).map((t) => `"${t}"`).join(',').slice(0, LINE), 'latin1'),
};

/** @param {Buffer} buffer */
function* chunks(buffer) {
  for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

/** @type {import('@keyguard/core').ScanOptions} */
const LOW = { minConfidence: 'low' };
/** @type {Record<string, (b: Buffer, text: string) => number | Promise<number>>} */
const MODES = {
  'scanBytes low': (b) => scanBytes(b, LOW).findings.length,
  'scanBytes default': (b) => scanBytes(b).findings.length,
  'scanText low': (b, text) => scanText(text, LOW).length,
  'scanText default': (b, text) => scanText(text).length,
  'scanStream low': async (b) => {
    let n = 0;
    for await (const _ of scanStream(chunks(b), LOW)) n++;
    return n;
  },
  'scanStream default': async (b) => {
    let n = 0;
    for await (const _ of scanStream(chunks(b))) n++;
    return n;
  },
};

/** @type {AdversarialWorkerOutput} */
const out = { runs: RUNS, chunk: CHUNK, modes: Object.keys(MODES), patterns: [] };
for (const [name, make] of Object.entries(PATTERNS)) {
  if (only && name !== only && name !== 'plain source text') continue;
  const bytes = make();
  const text = bytes.toString('latin1'); // every pattern is ASCII: its own UTF-8
  /** @type {PatternTimings} */
  const row = { pattern: name, bytes: bytes.length, modes: {} };
  for (const [mode, fn] of Object.entries(MODES)) {
    await fn(bytes, text); // warm-up
    /** @type {number[]} */
    const samples = [];
    /** @type {number | undefined} */
    let findings;
    for (let i = 0; i < RUNS; i++) {
      globalThis.gc?.();
      const t = performance.now();
      findings = await fn(bytes, text);
      samples.push(performance.now() - t);
    }
    row.modes[mode] = { samples, findings };
  }
  out.patterns.push(row);
}
process.stdout.write(JSON.stringify(out));
