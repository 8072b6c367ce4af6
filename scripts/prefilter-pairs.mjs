#!/usr/bin/env node
// Chooses the byte-pair classes with which the pre-filter's kernel (packages/core/wasm/prefilter.wat,
// may_hold_secret's bit 2) tells where a base64 needle (packages/core/src/base64-runs.ts,
// ENCODED_NEEDLES) may be, and prints its four 16-byte tables. Each needle gets one of its byte
// pairs, in one of 8 class bits; a bit admits every pair whose bytes' low and high nibbles are
// among those of its needles' pairs. The search keeps the pairs, and groups them, so that the
// admitted pairs are in few files of the given trees (C, JavaScript...): a file with none is
// ruled out without the exact search. Soundness does not depend on the trees, only selectivity:
// packages/core/test/prefilter.test.ts plants every needle at every offset of a block.
// Run it when the needles change, and paste the tables into prefilter.wat (first byte: by low,
// by high nibble; next byte: by low, by high nibble).
// Usage: node scripts/prefilter-pairs.mjs <tree>... [--restarts=30]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSource } from './import-source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { ENCODED_NEEDLES } = await importSource(join(root, 'packages/core/src/base64-runs.ts'));
const trees = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const restarts = Number(process.argv.find((a) => a.startsWith('--restarts='))?.slice(11) ?? 30);
if (trees.length === 0) {
  console.error('usage: node scripts/prefilter-pairs.mjs <tree>... [--restarts=30]');
  process.exit(2);
}

// In how many files each byte pair is.
const filesWith = new Float64Array(65536);
const seenIn = new Int32Array(65536).fill(-1);
let files = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.isFile()) {
      const bytes = readFileSync(path);
      files++;
      for (let i = 0; i + 1 < bytes.length; i++) {
        const pair = (bytes[i] << 8) | bytes[i + 1];
        if (seenIn[pair] !== files) {
          seenIn[pair] = files;
          filesWith[pair]++;
        }
      }
    }
  }
}
for (const tree of trees) walk(tree);

const BITS = 8;
const pairsOf = ENCODED_NEEDLES.map((n) => Array.from({ length: n.length - 1 }, (_, j) => [n.charCodeAt(j), n.charCodeAt(j + 1)]));

/** The nibble sets of each bit, and how many files hold a pair they admit (summed over pairs: an upper bound). */
function evaluate(assignment) {
  const sets = Array.from({ length: BITS }, () => [0, 0, 0, 0]);
  assignment.forEach(([pair, bit], needle) => {
    const [a, b] = pairsOf[needle][pair];
    const s = sets[bit];
    s[0] |= 1 << (a & 15);
    s[1] |= 1 << (a >> 4);
    s[2] |= 1 << (b & 15);
    s[3] |= 1 << (b >> 4);
  });
  const admitted = new Uint8Array(65536);
  for (const [lo1, hi1, lo2, hi2] of sets) {
    if (lo1 === 0) continue;
    for (let a = 0; a < 128; a++) {
      if (!((lo1 >> (a & 15)) & 1 && (hi1 >> (a >> 4)) & 1)) continue;
      for (let b = 0; b < 128; b++) if ((lo2 >> (b & 15)) & 1 && (hi2 >> (b >> 4)) & 1) admitted[(a << 8) | b] = 1;
    }
  }
  let cost = 0;
  for (let k = 0; k < 65536; k++) if (admitted[k]) cost += filesWith[k];
  return { cost, sets };
}

const rarest = (pairs) => pairs.reduce((best, [a, b], i) => (filesWith[(a << 8) | b] < filesWith[(pairs[best][0] << 8) | pairs[best][1]] ? i : best), 0);
let best;
for (let r = 0; r < restarts; r++) {
  const assignment = pairsOf.map((pairs) => [rarest(pairs), Math.floor(Math.random() * BITS)]);
  let { cost } = evaluate(assignment);
  for (let step = 0; step < 4000; step++) {
    const needle = Math.floor(Math.random() * pairsOf.length);
    const was = assignment[needle];
    assignment[needle] = Math.random() < 0.5 ? [Math.floor(Math.random() * pairsOf[needle].length), was[1]] : [was[0], Math.floor(Math.random() * BITS)];
    const next = evaluate(assignment).cost;
    if (next <= cost) cost = next;
    else assignment[needle] = was;
  }
  if (best === undefined || cost < best.cost) best = { cost, assignment: assignment.map((x) => [...x]) };
}

const { sets } = evaluate(best.assignment);
const tables = [[], [], [], []].map(() => new Array(16).fill(0));
sets.forEach((s, bit) => s.forEach((mask, t) => { for (let n = 0; n < 16; n++) if ((mask >> n) & 1) tables[t][n] |= 1 << bit; }));
const hex = (t) => t.map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');
console.log(`${files} files; admitted pairs in at most ${best.cost} of them`);
console.log(`pairs: ${best.assignment.map(([pair], needle) => String.fromCharCode(...pairsOf[needle][pair])).join(' ')}`);
['first byte, low nibble ', 'first byte, high nibble', 'next byte, low nibble  ', 'next byte, high nibble '].forEach((name, t) => console.log(`${name}  ${hex(tables[t])}`));
