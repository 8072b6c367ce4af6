// Planted-key corpus: real source files copied into the cache with generated keys (every form) and
// decoys inserted on their own lines at recorded positions. truth.json records each line.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { CORPORA_DIR } from '../paths.mjs';
import { FORMS, wrap } from './keys.mjs';
import { pickSources, prng, readText } from './sources.mjs';
import { readMarker, writeMarker } from './walk.mjs';
/** @import { Form } from './keys.mjs' */
/** @import { Log, Marker } from '../types.mjs' */

/**
 * @typedef {{ file: string, line: number, form: string }} PlantedLine A planted secret's (or decoy's) line.
 * @typedef {Marker & { sources: string[], bytes: number, positives: number, decoys: number }} PlantedMarker
 * @typedef {PlantedMarker & { truth: { positives: PlantedLine[], decoys: PlantedLine[] } }} PlantedCorpus
 */

const VERSION = 5;
export const PLANTED_SIZES = { quick: 300, full: 3000 };

/** @param {'quick' | 'full'} size */
export function plantedDir(size) {
  return join(CORPORA_DIR, `planted-${size}`);
}

/**
 * @param {'quick' | 'full'} size
 * @returns {PlantedCorpus | undefined}
 */
export function plantedReady(size) {
  const m = /** @type {PlantedMarker | undefined} */ (readMarker(plantedDir(size), VERSION));
  if (!m) return undefined;
  return { ...m, truth: JSON.parse(readFileSync(join(plantedDir(size), 'truth.json'), 'utf8')) };
}

/**
 * @param {'quick' | 'full'} size
 * @param {{ log?: Log }} [options]
 */
export async function ensurePlanted(size, { log = console.log } = {}) {
  const ready = plantedReady(size);
  if (ready) return ready;
  const dir = plantedDir(size);
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const treeDir = join(tmp, 'tree');
  const { roots, files } = pickSources(PLANTED_SIZES[size], 7);
  log(`  planting keys into ${files.length} files from ${roots.join(' + ')}`);
  const rand = prng(42);
  /** @type {PlantedLine[]} */
  const truth = [];
  /** @type {PlantedLine[]} */
  const decoys = [];
  let bytes = 0;
  let planted = 0;
  files.forEach((f, fileIndex) => {
    const text = readText(f.abs);
    if (text === undefined) return;
    const ext = extname(f.path).slice(1);
    const lines = text.split('\n');
    // Half the files get 1-3 insertions; the rest stay as they are (false-positive background).
    const inserts = fileIndex % 2 === 0 ? 1 + Math.floor(rand() * 3) : 0;
    /** @type {Map<number, { form: Form, line: string }[]>} */
    const at = new Map();
    for (let i = 0; i < inserts; i++) {
      const form = FORMS[planted++ % FORMS.length];
      const seed = `bench-${size}-${fileIndex}-${i}`;
      const name = `kgbench${fileIndex}x${i}`;
      const line = wrap(ext, form.make(seed, name, rand), `${fileIndex}_${i}`);
      const pos = Math.floor(rand() * (lines.length + 1));
      let here = at.get(pos);
      if (!here) at.set(pos, (here = []));
      here.push({ form, line });
    }
    /** @type {string[]} */
    const out = [];
    for (let i = 0; i <= lines.length; i++) {
      for (const ins of at.get(i) ?? []) {
        out.push(ins.line);
        const entry = { file: f.path, line: out.length, form: ins.form.id };
        (ins.form.positive ? truth : decoys).push(entry);
      }
      if (i < lines.length) out.push(lines[i]);
    }
    const content = out.join('\n');
    const dest = join(treeDir, f.path);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, content);
    bytes += Buffer.byteLength(content);
  });
  writeFileSync(join(tmp, 'truth.json'), JSON.stringify({ positives: truth, decoys }, null, 1));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  writeMarker(dir, {
    version: VERSION,
    name: `planted-${size}`,
    root: join(dir, 'tree'),
    sources: roots,
    files: files.length,
    bytes,
    positives: truth.length,
    decoys: decoys.length,
  });
  const made = plantedReady(size);
  if (!made) throw new Error(`${dir}: the corpus just written does not read back`);
  return made;
}
