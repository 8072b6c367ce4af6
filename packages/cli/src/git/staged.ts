import { occurrencesOf } from '../aggregate.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReportedFinding, ScanOutcome, SkippedEntry } from '../outcome.js';
import { type Blob, CatFileBatch, readBlobs } from './cat-file.js';
import { MissingBlobs, presentObjects, promisorRemote } from './missing.js';
import { emptyTree, git, gitOk, repoInfo } from './exec.js';
import {
  GITLINK_MODE,
  IN_MEMORY_LIMIT,
  isNullOid,
  filterMatcher,
  parseRaw,
  repoPathOf,
  reportedPath,
} from './shared.js';
import type { BlobScan } from './scan-blob.js';
import type { GitScanOptions } from './types.js';
import { nowMs } from '../clock.js';
import { readBlobFromWorktree } from './worktree-blob.js';
import { findWorkTree, type WorkTreeInfo } from './work-tree.js';
import { diffIndex, takeStagedDiff } from './early-diff.js';
import { archiveEntries } from '../archive/report-paths.js';

interface Target {
  /** Path relative to the repository's top level. */
  repoPath: string;
  /** As reported: relative to cwd, `/`-separated. */
  path: string;
  /** The staged blob and its index mode. */
  oid: string;
  mode: string;
  /** Blobs whose secrets are not new: HEAD's version (or the rename source's). */
  baseOids: string[];
  /** Named explicitly but unchanged: every secret in it is reported. */
  full: boolean;
  /** Fingerprints already committed at this path (filled for files with findings). */
  known?: Set<string>;
}

/** Parent commits of an in-progress merge (`MERGE_HEAD`), if any. */
async function mergeHeads(cwd: string): Promise<string[]> {
  const r = await git(['rev-parse', '--git-path', 'MERGE_HEAD'], cwd);
  if (r.code !== 0) return [];
  try {
    const text = readFileSync(resolve(cwd, r.stdout.toString('utf8').trim()), 'utf8');
    return text.split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  } catch {
    return [];
  }
}

/**
 * Scans what the next commit would add: the staged (index) content of every added, modified,
 * renamed or type-changed file. A secret is new unless HEAD's version of the path (for a rename,
 * the source's; during a merge, any merged parent's) already holds the same fingerprint.
 * Files named in `paths` that have no staged change are scanned in full (`pre-commit run --all-files`);
 * a folder in `paths` restricts the scan to the staged changes under it.
 */
export async function scanStaged(opts: GitScanOptions): Promise<ScanOutcome> {
  const { cwd } = opts;
  // A pre-commit hook waits for this on every commit: one git process in the common case (the
  // diff against HEAD), started first. The repository is found from its folders where git would
  // see it the same way (work-tree.ts), else by `git rev-parse`, run alongside; the diff is redone
  // against the empty tree before the first commit. Blobs come from the work tree, or cat-file.
  const settled = <T>(p: Promise<T>): Promise<{ ok: T } | { error: unknown }> => p.then((ok) => ({ ok }), (error: unknown) => ({ error }));
  const againstHead = settled(takeStagedDiff(cwd) ?? diffIndex(cwd, 'HEAD'));
  const found = findWorkTree(cwd, process.env);
  const describe: EarlyGit['describe'] =
    found !== undefined ? Promise.resolve({ ok: { info: found, hasHead: undefined } }) : settled(repoInfo(cwd).then((info) => ({ info, hasHead: info.head !== undefined })));
  const results = new Map<string, BlobScan>();
  const blobNames = new Map<string, string>(); // oid -> a file name it is staged as (names a .gz's content)
  let progressFiles = 0;
  let progressBytes = 0;
  let progressFindings = 0;
  let missing: MissingBlobs | undefined;
  const scanStagedBlob = async (blob: Blob): Promise<void> => {
    const r = await (await scanner).scanBlob(blob.chunks, blob.size, opts.scanOptions, opts.archives, blobNames.get(blob.oid));
    results.set(blob.oid, r);
    progressFiles++;
    progressBytes += r.bytes;
    if (r.kind === 'text') progressFindings += occurrencesOf(r.findings) + (r.archive !== undefined ? occurrencesOf(r.archive.findings) : 0);
    opts.onProgress?.({ files: progressFiles, bytes: progressBytes, findings: progressFindings });
  };
  // cat-file starts with the first blob the work tree cannot provide (see pass 1).
  const batch = new CatFileBatch(cwd, scanStagedBlob, (oid) => missing?.noteMissing(oid));
  const listIndex = (opts.paths ?? []).length > 0 ? settled(gitOk(['ls-files', '-s', '-z', '--full-name'], cwd, 'git ls-files')) : undefined;
  // The scanner loads once git is running, not before.
  const scanner = import('./scan-blob.js');
  try {
    return await scanStagedWith(opts, { describe, results, blobNames, batch, scanStagedBlob, againstHead, listIndex, scanner, setMissing: (m) => (missing = m) });
  } catch (error) {
    batch.abort();
    await batch.finish().catch(() => {});
    throw error;
  }
}

/** What scanStaged starts before it knows the repository (see there). */
interface EarlyGit {
  /** The repository; `hasHead` undefined when found from the folders (the diff against HEAD tells). */
  describe: Promise<{ ok: { info: WorkTreeInfo; hasHead: boolean | undefined } } | { error: unknown }>;
  results: Map<string, BlobScan>;
  blobNames: Map<string, string>;
  batch: CatFileBatch;
  /** Scans one staged blob into `results`. */
  scanStagedBlob: (blob: Blob) => Promise<void>;
  againstHead: Promise<{ ok: Buffer } | { error: unknown }>;
  listIndex: Promise<{ ok: Buffer } | { error: unknown }> | undefined;
  scanner: Promise<typeof import('./scan-blob.js')>;
  setMissing: (missing: MissingBlobs) => void;
}

/** Whether HEAD names a commit (not before the first commit). */
const headExists = async (cwd: string): Promise<boolean> => (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd)).code === 0;


async function scanStagedWith(opts: GitScanOptions, early: EarlyGit): Promise<ScanOutcome> {
  const started = nowMs();
  const { cwd } = opts;
  const { results, batch, againstHead, listIndex } = early;
  const described = await early.describe;
  if ('error' in described) throw described.error;
  const { info, hasHead } = described.ok;
  const promisor = await promisorRemote(cwd, info.commonDir);
  let raw: Buffer;
  if (hasHead === false) {
    raw = await diffIndex(cwd, await emptyTree(cwd));
  } else {
    const diff = await againstHead;
    if ('ok' in diff) raw = diff.ok;
    else if (hasHead === undefined && !(await headExists(cwd))) raw = await diffIndex(cwd, await emptyTree(cwd));
    else throw diff.error;
  }
  const tokens = raw.toString('utf8').split('\0');
  const filters = (opts.paths ?? []).map((p) => repoPathOf(p, info, cwd));
  const filtered = filters.length > 0;
  const match = filterMatcher(filters);
  const usedFilter = new Set<string>();
  const touched = new Set<string>();

  const skipped: SkippedEntry[] = [];
  const targets: Target[] = [];
  let ignored = 0;
  const consider = (repoPath: string, oid: string, mode: string, baseOids: string[], full: boolean): void => {
    if (mode === GITLINK_MODE) return; // a submodule: its own repository's business
    const path = reportedPath(repoPath, info);
    if (opts.isIgnored?.(path)) {
      ignored += 1;
      return;
    }
    targets.push({ repoPath, path, oid, mode, baseOids, full });
  };

  for (let i = 0; i < tokens.length; ) {
    const parsed = parseRaw(tokens, i);
    if (parsed === undefined) {
      i++;
      continue;
    }
    i += parsed.used;
    const e = parsed.entry;
    if (filtered) {
      const hit = match(e.path);
      if (hit.length === 0) continue;
      for (const f of hit) usedFilter.add(f);
    }
    touched.add(e.path);
    const kind = e.status.charAt(0);
    if (kind === 'D') continue; // nothing to add
    if (kind === 'U') {
      skipped.push({ path: reportedPath(e.path, info), reason: 'unmerged' });
      continue;
    }
    if (isNullOid(e.newOid)) continue;
    const baseOids = !isNullOid(e.oldOid) && e.oldMode !== GITLINK_MODE && kind !== 'C' ? [e.oldOid] : [];
    consider(e.path, e.newOid, e.newMode, baseOids, false);
  }

  if (filtered) {
    // Files named exactly but with no staged change: scan their index content in full.
    // The whole index, filtered here: no pathspec list on the command line, however many files.
    const listed = await listIndex!;
    if ('error' in listed) throw listed.error;
    const ls = listed.ok;
    for (const rec of ls.toString('utf8').split('\0')) {
      const m = /^(\d+) ([0-9a-f]+) (\d)\t([\s\S]*)$/.exec(rec);
      if (m === null) continue;
      const [, mode, oid, stage, repoPath] = m as unknown as [string, string, string, string, string];
      const hit = match(repoPath);
      if (hit.length === 0) continue;
      for (const f of hit) usedFilter.add(f);
      // Only a file named exactly is scanned in full; a folder restricts to its staged changes.
      if (!hit.includes(repoPath) || repoPath === '') continue;
      if (touched.has(repoPath)) continue;
      touched.add(repoPath);
      if (stage !== '0') {
        skipped.push({ path: reportedPath(repoPath, info), reason: 'unmerged' });
        continue;
      }
      consider(repoPath, oid, mode, [], true);
    }
    for (const f of filters) {
      if (!usedFilter.has(f)) skipped.push({ path: reportedPath(f, info) || '.', reason: 'not-in-index' });
    }
  }

  // Pass 1: the staged blobs, each distinct blob once. Most are byte-identical in the work tree
  // (checked by their hash) and read from there; the rest go through the one cat-file process.
  const firstTarget = new Map<string, Target>();
  for (const t of targets) if (!firstTarget.has(t.oid)) firstTarget.set(t.oid, t);
  // A staged blob is normally local; in a partial clone (sparse index, `git add` of a skipped
  // path) one may not be, and reading it would fetch it unasked.
  const missing = new MissingBlobs(cwd, promisor, (oid) => batch.request(oid), opts.fetchMissing === true);
  early.setMissing(missing);
  for (const [oid, t] of firstTarget) early.blobNames.set(oid, t.repoPath.slice(t.repoPath.lastIndexOf('/') + 1));
  for (const [oid, t] of firstTarget) {
    const bytes = info.bare ? undefined : readBlobFromWorktree(join(info.toplevel, t.repoPath), oid, t.mode, IN_MEMORY_LIMIT);
    if (bytes === undefined) missing.want(oid);
    else await early.scanStagedBlob({ oid, size: bytes.length, chunks: [bytes] });
  }
  await missing.settle();
  await batch.finish();

  // Pass 2: for files with findings, the secrets already committed (HEAD, rename source, merge parents).
  const needBase = targets.filter((t) => {
    const r = results.get(t.oid);
    return !t.full && r?.kind === 'text' && (r.findings.length > 0 || (r.archive?.findings.length ?? 0) > 0);
  });
  const known = new Map<string, Set<string>>(); // base request -> fingerprints
  if (needBase.length > 0) {
    const merges = await mergeHeads(cwd);
    const requests = new Set<string>();
    for (const t of needBase) {
      for (const oid of t.baseOids) requests.add(oid);
      if (!t.repoPath.includes('\n')) for (const m of merges) requests.add(`${m}:${t.repoPath}`);
    }
    let list = [...requests];
    if (promisor !== undefined) {
      // Only what is here: a `<merge>:<path>` spec cannot be checked without reading it, so in a
      // partial clone merge parents are left out (a secret they hold is reported, not dropped).
      const here = await presentObjects(cwd, list.filter((r) => !r.includes(':')));
      list = list.filter((r) => here.has(r));
    }
    const { scanBlob } = await early.scanner;
    await readBlobs(cwd, list, async (blob, index) => {
      const r = await scanBlob(blob.chunks, blob.size, { ...opts.scanOptions, inlineIgnore: false, allow: [] }, opts.archives);
      if (r.kind === 'text') known.set(list[index]!, new Set([...r.findings, ...(r.archive?.findings ?? [])].map((f) => f.fingerprint)));
    });
    for (const t of needBase) {
      const fps = new Set<string>();
      for (const req of [...t.baseOids, ...merges.map((m) => `${m}:${t.repoPath}`)]) {
        for (const fp of known.get(req) ?? []) fps.add(fp);
      }
      t.known = fps;
    }
  }

  const findings: ReportedFinding[] = [];
  let files = 0;
  let bytes = 0;
  let suppressed = 0;
  for (const t of targets) {
    const r = results.get(t.oid);
    if (r === undefined) {
      if (missing.oids.has(t.oid)) skipped.push({ path: t.path, reason: 'missing' });
      continue;
    }
    if (r.kind === 'binary') {
      skipped.push({ path: t.path, reason: 'binary' });
      continue;
    }
    files++;
    bytes += r.bytes;
    suppressed += r.suppressed;
    for (const f of r.findings) {
      if (t.known?.has(f.fingerprint)) continue;
      findings.push({ ...f, path: t.path });
    }
    if (r.archive !== undefined) {
      files += r.archive.files;
      const inside = archiveEntries(t.path, r.archive, {});
      findings.push(...inside.findings.filter((f) => t.known?.has(f.fingerprint) !== true));
      skipped.push(...inside.skipped);
    }
  }
  // Unsorted: main.ts sorts every input mode's outcome once (order.ts).
  const warnings = missing.warnings('the staged changes');
  return { findings, skipped, files, bytes, suppressed, ignored, ignoredNotable: [], warnings, durationMs: Math.round(nowMs() - started) };
}
