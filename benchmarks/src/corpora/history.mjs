// A generated git repository for history scans, written with `git fast-import`: thousands of commits
// editing real source files, with keys that are added and later removed (a few stay at HEAD).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { run } from '../measure.mjs';
import { CORPORA_DIR } from '../paths.mjs';
import { FORMS, fingerprintsOf, wrap } from './keys.mjs';
import { pickSources, prng, readText } from './sources.mjs';
import { readMarker, writeMarker } from './walk.mjs';
/** @import { Writable } from 'node:stream' */
/** @import { Log, Marker } from '../types.mjs' */

/**
 * @typedef {object} PlantedKey A key added by a commit (and removed by a later one, or not).
 * @property {number} commitIndex
 * @property {string} [commit]
 * @property {string} file
 * @property {string} form
 * @property {boolean} removed
 * @property {string[]} fingerprints
 * @typedef {Marker & { commits: number, planted: number, stillAtHead: number, gitDirBytes: number }} HistoryMarker
 * @typedef {HistoryMarker & { truth: PlantedKey[] }} HistoryCorpus
 * @typedef {{ path: string, lines: string[] }} TrackedFile
 */

const VERSION = 3;
export const HISTORY_SIZES = { quick: { commits: 300, files: 60, every: 10 }, full: { commits: 5000, files: 400, every: 25 } };
const POSITIVE = FORMS.filter((f) => f.positive).filter((f) => !f.id.startsWith('url-') && !f.id.startsWith('json-'));

/** @param {'quick' | 'full'} size */
export function historyDir(size) {
  return join(CORPORA_DIR, `history-${size}`);
}

/**
 * @param {'quick' | 'full'} size
 * @returns {HistoryCorpus | undefined}
 */
export function historyReady(size) {
  const m = /** @type {HistoryMarker | undefined} */ (readMarker(historyDir(size), VERSION));
  if (!m) return undefined;
  return { ...m, truth: JSON.parse(readFileSync(join(historyDir(size), 'truth.json'), 'utf8')) };
}

/**
 * @param {string} cwd
 * @param {string[]} args
 * @param {(stdin: Writable) => void} [input] writes stdin (and ends it)
 * @returns {Promise<void>}
 */
function git(cwd, args, input) {
  return new Promise((resolveP, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveP() : reject(new Error(`git ${args[0]}: exit ${code}: ${err.slice(-500)}`))));
    if (typeof input === 'function') input(child.stdin);
    else child.stdin.end();
  });
}

/**
 * @param {'quick' | 'full'} size
 * @param {{ log?: Log }} [options]
 */
export async function ensureHistory(size, { log = console.log } = {}) {
  const ready = historyReady(size);
  if (ready) return ready;
  const cfg = HISTORY_SIZES[size];
  const dir = historyDir(size);
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const repo = join(tmp, 'repo');
  mkdirSync(repo, { recursive: true });
  await git(repo, ['init', '-q', '-b', 'main']);

  const { files: sources } = pickSources(cfg.files * 3, 11);
  /** @type {TrackedFile[]} */
  const pool = [];
  for (const s of sources) {
    if (s.size > 24 * 1024) continue;
    const text = readText(s.abs);
    if (text !== undefined) pool.push({ path: s.path.replace(/^[^/]+\//, 'src/'), lines: text.split('\n') });
  }
  const tracked = pool.slice(0, cfg.files);
  const donors = pool.slice(cfg.files);
  if (donors.length === 0) donors.push(...tracked);
  log(`  git fast-import: ${cfg.commits} commits over ${tracked.length} files`);

  const rand = prng(5);
  /** @type {PlantedKey[]} */
  const truth = [];
  /** @type {Map<number, { file: TrackedFile, text: string }[]>} */
  const pendingRemovals = new Map(); // commit index -> [{ file, text }]
  let planted = 0;
  const t0 = 1_700_000_000;

  await git(repo, ['fast-import', '--quiet', `--export-marks=${join(tmp, 'marks')}`], (stdin) => {
    /** @type {(string | Buffer)[]} */
    const chunks = [];
    /** @param {string} s */
    const data = (s) => {
      const b = Buffer.from(s, 'utf8');
      chunks.push(`data ${b.length}\n`, b, '\n');
    };
    const flush = () => {
      for (const c of chunks) stdin.write(c);
      chunks.length = 0;
    };
    for (let c = 1; c <= cfg.commits; c++) {
      /** @type {Set<TrackedFile>} */
      const changed = new Set();
      let message = `Update ${c}`;
      if (c === 1) {
        for (const f of tracked) changed.add(f);
        message = 'Initial import';
      } else {
        // 1-3 ordinary edits: replace a few lines with lines from another real file.
        const edits = 1 + Math.floor(rand() * 3);
        for (let e = 0; e < edits; e++) {
          const f = tracked[Math.floor(rand() * tracked.length)];
          const d = donors[Math.floor(rand() * donors.length)];
          const at = Math.floor(rand() * f.lines.length);
          const take = 1 + Math.floor(rand() * 8);
          const from = Math.floor(rand() * Math.max(1, d.lines.length - take));
          f.lines.splice(at, Math.floor(rand() * 4), ...d.lines.slice(from, from + take));
          changed.add(f);
        }
        // Removal of a key planted earlier.
        for (const r of pendingRemovals.get(c) ?? []) {
          const idx = r.file.lines.indexOf(r.text);
          if (idx !== -1) {
            r.file.lines.splice(idx, 1);
            changed.add(r.file);
            message = `Remove leaked credential (${c})`;
          }
        }
        // A new leak every `every` commits.
        if (c % cfg.every === 0) {
          const form = POSITIVE[planted % POSITIVE.length];
          const f = tracked[Math.floor(rand() * tracked.length)];
          const ext = extname(f.path).slice(1);
          const made = form.make(`history-${size}-${planted}`, `kghist${planted}`, rand);
          const text = wrap(ext, made, `h${planted}`);
          f.lines.splice(Math.floor(rand() * f.lines.length), 0, text);
          changed.add(f);
          const stays = planted % 10 === 9;
          if (!stays) {
            const later = c + 3 + Math.floor(rand() * 30);
            let removals = pendingRemovals.get(later);
            if (!removals) pendingRemovals.set(later, (removals = []));
            removals.push({ file: f, text });
          }
          truth.push({ commitIndex: c, file: f.path, form: form.id, removed: !stays, fingerprints: fingerprintsOf(made.secret) });
          planted++;
          message = `Configure SignalR (${c})`;
        }
      }
      chunks.push(`commit refs/heads/main\nmark :${c}\n`);
      chunks.push(`author Bench Author <bench@example.invalid> ${t0 + c * 600} +0000\n`);
      chunks.push(`committer Bench Author <bench@example.invalid> ${t0 + c * 600} +0000\n`);
      data(message);
      if (c > 1) chunks.push(`from :${c - 1}\n`);
      for (const f of changed) {
        chunks.push(`M 100644 inline ${f.path}\n`);
        data(f.lines.join('\n'));
      }
      chunks.push('\n');
      flush();
    }
    stdin.end();
  });
  await git(repo, ['checkout', '-q', '-f', 'main']);
  // Map fast-import marks to commit ids.
  const marks = new Map(
    readFileSync(join(tmp, 'marks'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([m, sha]) => [Number(m.slice(1)), sha]),
  );
  for (const t of truth) t.commit = marks.get(t.commitIndex);
  writeFileSync(join(tmp, 'truth.json'), JSON.stringify(truth, null, 1));
  const packBytes = Number((await run('du', ['-sb', join(repo, '.git')])).split('\t')[0]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  writeMarker(dir, {
    version: VERSION,
    name: `history-${size}`,
    root: join(dir, 'repo'),
    commits: cfg.commits,
    files: tracked.length,
    planted: truth.length,
    stillAtHead: truth.filter((t) => !t.removed).length,
    gitDirBytes: packBytes,
  });
  const made = historyReady(size);
  if (!made) throw new Error(`${dir}: the repository just written does not read back`);
  return made;
}
