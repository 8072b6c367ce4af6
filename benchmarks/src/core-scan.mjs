#!/usr/bin/env node
// Fallback "keyguard" for when the CLI is not built: walks a directory and scans every file with
// @keyguard/core's scanStream, one file at a time, single thread. Writes { findings: [{ path, line,
// ruleId }], summary } (no secrets) as JSON to the output file. Usage: core-scan.mjs <dir> <out>
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { scanStream, SkippedInputError } from '@keyguard/core';
import { listFiles } from './corpora/walk.mjs';

const [target, out] = process.argv.slice(2);
// A single file is scanned as a directory holding just that file.
const single = statSync(target).isFile();
const root = single ? dirname(target) : target;
const entries = single ? [{ path: basename(target), size: statSync(target).size }] : listFiles(root);
const findings = [];
let files = 0;
let bytes = 0;
let skipped = 0;
for (const f of entries) {
  if (f.path === '.keyguard-bench.json') continue;
  files++;
  bytes += f.size;
  try {
    for await (const x of scanStream(createReadStream(join(root, f.path), { highWaterMark: 1 << 20 }))) {
      findings.push({ path: f.path, line: x.line, ruleId: x.ruleId, confidence: x.confidence, form: x.context.keyFormat });
    }
  } catch (e) {
    if (e instanceof SkippedInputError) skipped++;
    else throw e;
  }
}
writeFileSync(out, JSON.stringify({ findings, summary: { files, bytes, skipped, findings: findings.length } }));
process.exit(findings.length > 0 ? 1 : 0);
