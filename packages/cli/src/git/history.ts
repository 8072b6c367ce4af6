import { occurrencesOf } from '../aggregate.js';
import { UsageError } from '../exit-codes.js';
import type { ReportedFinding, ScanOutcome, SkippedEntry } from '../outcome.js';
import { StringDecoder } from 'node:string_decoder';
import { CatFileBatch } from './cat-file.js';
import { git, gitSpawn, repoInfo } from './exec.js';
import { MissingBlobs, NO_LAZY_FETCH_ENV, promisorRemote } from './missing.js';
import { scanBlob } from './scan-blob.js';
import { archiveEntries } from '../archive/report-paths.js';
import { INNER_SEPARATOR } from '../archive/entry.js';
import type { AggregatedFinding } from '../aggregate.js';

/** A blob's finding; `inner` when the blob is an archive (the path inside it). */
type BlobFinding = AggregatedFinding & { inner?: string };
import { GITLINK_MODE, isNullOid, parseRaw, repoPathOf, reportedPath } from './shared.js';
import type { GitHistoryOptions } from './types.js';
import { nowMs } from '../clock.js';

interface Commit {
  sha: string;
  author: string;
  date: string;
}

interface BlobUse {
  /** Every path this blob appeared at, with the first commit (index into commits) that put it there. */
  paths: Map<string, number>;
}

/** Counters for tests and benchmarks: how many blobs the last history scan read. */
export const historyStats = { blobsScanned: 0, commits: 0 };

const COMMIT_MARK = '\x01';

/**
 * Scans every blob reachable from the given revisions (default: every ref), each distinct blob
 * once, and attributes each finding to the commit that introduced that blob at that path.
 * One `git log --raw` pass lists the commits oldest first; one `git cat-file --batch` streams blobs.
 */
export async function scanHistory(opts: GitHistoryOptions): Promise<ScanOutcome> {
  const started = nowMs();
  const { cwd } = opts;
  const info = await repoInfo(cwd, { allowBare: true });
  const promisor = await promisorRemote(cwd, info.commonDir);
  const warnings: string[] = [];
  if (info.shallow) {
    warnings.push('shallow clone: commits before its boundary are not scanned (git fetch --unshallow, or actions/checkout with fetch-depth: 0)');
  }
  const range = opts.revRange?.trim();
  if (range !== undefined && range !== '' && range.startsWith('-')) {
    throw new UsageError(`--history: not a revision range: ${range}`);
  }
  const revs = range === undefined || range === '' ? ['--all'] : ['--end-of-options', ...range.split(/\s+/)];
  const filters = (opts.paths ?? []).map((p) => repoPathOf(p, info, cwd));
  const pathspecs = filters.map((f) => (f === '' ? ':(top)' : `:(top,literal)${f}`));

  const args = [
    'log',
    '--raw',
    '--no-abbrev',
    '-z',
    '--root',
    '--no-renames',
    '--diff-merges=first-parent',
    '--topo-order',
    '--reverse',
    '--no-textconv',
    '--no-ext-diff',
    `--format=${COMMIT_MARK}%H%x00%an <%ae>%x00%aI%x00`,
    ...revs,
    '--',
    ...pathspecs,
  ];
  if (info.head === undefined && range === undefined) {
    // A repository without commits: `--all` may still have refs (e.g. other branches), else nothing.
    const refs = await git(['for-each-ref', '--count=1', '--format=%(objectname)'], cwd);
    if (refs.stdout.toString('utf8').trim() === '') {
      historyStats.blobsScanned = 0;
      historyStats.commits = 0;
      return { findings: [], skipped: [], files: 0, bytes: 0, suppressed: 0, ignored: 0, ignoredNotable: [], warnings, durationMs: Math.round(nowMs() - started) };
    }
  }
  const commits: Commit[] = [];
  const blobs = new Map<string, BlobUse>(); // every blob seen at a scanned path
  const withFindings = new Map<string, BlobFinding[]>();
  const skipped: SkippedEntry[] = [];
  let files = 0;
  let bytes = 0;
  let suppressed = 0;
  let findingCount = 0;

  // Blobs are read and scanned while git log is still listing commits.
  const batch = new CatFileBatch(cwd, async (blob, oid) => {
    const name = blobs.get(oid)?.paths.keys().next().value;
    const r = await scanBlob(blob.chunks, blob.size, opts.scanOptions, opts.archives, name === undefined ? oid : name.slice(name.lastIndexOf('/') + 1));
    if (r.kind === 'binary') {
      const [firstPath] = blobs.get(oid)?.paths.keys() ?? [];
      skipped.push({ path: reportedPath(firstPath ?? oid, info), reason: 'binary' });
      return;
    }
    files++;
    bytes += r.bytes;
    suppressed += r.suppressed;
    // An archive's findings carry the path inside it (`inner`); its skipped entries are listed at the blob's first path.
    const found: BlobFinding[] = r.archive === undefined ? r.findings : r.archive.findings;
    if (r.archive !== undefined) {
      const [firstPath] = blobs.get(oid)?.paths.keys() ?? [];
      skipped.push(...archiveEntries(reportedPath(firstPath ?? oid, info), r.archive, {}).skipped);
      files += r.archive.files;
    }
    if (found.length > 0) {
      withFindings.set(oid, found);
      findingCount += occurrencesOf(found);
    }
    opts.onProgress?.({ files, bytes, findings: findingCount });
  }, (oid) => missing.noteMissing(oid));
  // A blob is read only once known to be here: a partial clone's reads would fetch one by one.
  const missing = new MissingBlobs(cwd, promisor, (oid) => batch.request(oid), opts.fetchMissing === true);

  const ignoredCache = new Map<string, boolean>();
  let ignoredPaths = 0; // each path left out counts once, however many commits touch it
  const ignored = (repoPath: string): boolean => {
    if (!opts.isIgnored) return false;
    let v = ignoredCache.get(repoPath);
    if (v === undefined) {
      v = opts.isIgnored(reportedPath(repoPath, info));
      ignoredCache.set(repoPath, v);
      if (v) ignoredPaths += 1;
    }
    return v;
  };

  // The log is parsed as it streams: `\x01sha`, author, date, then `:meta` / path pairs.
  let headerLeft = 0;
  let meta: string | undefined;
  const onToken = (raw: string): void => {
    if (headerLeft > 0) {
      const c = commits[commits.length - 1]!;
      if (headerLeft === 2) c.author = raw;
      else c.date = raw;
      headerLeft--;
      return;
    }
    if (meta !== undefined) {
      const parsed = parseRaw([meta, raw], 0);
      meta = undefined;
      const e = parsed?.entry;
      if (e === undefined || isNullOid(e.newOid) || e.newMode === GITLINK_MODE || e.status.startsWith('D')) return;
      if (ignored(e.path)) return;
      let use = blobs.get(e.newOid);
      if (use === undefined) {
        use = { paths: new Map() };
        blobs.set(e.newOid, use);
        missing.want(e.newOid); // first appearance: its introducing commit is the current one
      }
      if (!use.paths.has(e.path)) use.paths.set(e.path, commits.length - 1);
      return;
    }
    const tok = raw.startsWith('\n') ? raw.replace(/^\n+/, '') : raw;
    if (tok.startsWith(COMMIT_MARK)) {
      commits.push({ sha: tok.slice(1), author: '', date: '' });
      headerLeft = 2;
    } else if (tok.startsWith(':')) {
      meta = tok;
    }
  };

  const child = gitSpawn(args, cwd, NO_LAZY_FETCH_ENV);
  child.stdin.end();
  const errs: Buffer[] = [];
  child.stderr.on('data', (c: Buffer) => errs.push(c));
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? 1));
  });
  try {
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      const parts = (carry + decoder.write(chunk)).split('\0');
      carry = parts.pop()!;
      for (const t of parts) onToken(t);
    }
    const rest = carry + decoder.end();
    if (rest.length > 0) onToken(rest);
  } catch (error) {
    batch.abort();
    throw error;
  }
  const code = await exited;
  if (code !== 0) {
    batch.abort();
    await batch.finish().catch(() => {});
    const line = Buffer.concat(errs).toString('utf8').split('\n').find((l) => l.trim() !== '') ?? `exit ${code}`;
    const detail = line.replace(/^(fatal|error): /, '');
    if (code === -1) throw new UsageError('git was not found on PATH: install git to use --history');
    if (range !== undefined && range !== '') throw new UsageError(`--history=${range}: ${detail}`);
    throw new UsageError(`git log failed: ${detail}`);
  }
  try {
    await missing.settle();
  } catch (error) {
    batch.abort();
    throw error;
  }
  await batch.finish();
  for (const oid of missing.oids) {
    for (const [p, commitIndex] of blobs.get(oid)?.paths ?? []) {
      skipped.push({ path: reportedPath(p, info), reason: 'missing', commit: commits[commitIndex]?.sha });
    }
  }
  warnings.push(...missing.warnings('the history'));

  // A secret is reported where it was introduced: a later version of the file that still holds
  // it (another line edited) is a new blob, but not a new leak. Commits are listed oldest first.
  const candidates: { finding: ReportedFinding; key: string; commitIndex: number }[] = [];
  const firstSeen = new Map<string, number>();
  for (const [oid, list] of withFindings) {
    const use = blobs.get(oid)!;
    for (const f of list) {
      for (const [p, commitIndex] of use.paths) {
        const c = commits[commitIndex];
        const { inner, ...found } = f;
        const shown = reportedPath(p, info);
        const where = inner === undefined ? { path: shown } : { path: `${shown}${INNER_SEPARATOR}${inner}`, archive: shown, inner };
        const finding: ReportedFinding = { ...found, ...where, commit: c?.sha, author: c?.author, date: c?.date };
        const key = `${finding.path}\0${f.ruleId}\0${f.fingerprint}`;
        candidates.push({ finding, key, commitIndex });
        const seen = firstSeen.get(key);
        if (seen === undefined || commitIndex < seen) firstSeen.set(key, commitIndex);
      }
    }
  }
  const findings = candidates.filter((c) => c.commitIndex === firstSeen.get(c.key)).map((c) => c.finding);
  historyStats.blobsScanned = files + skipped.filter((s) => s.reason === 'binary').length;
  historyStats.commits = commits.length;
  // Unsorted: main.ts sorts every input mode's outcome once (order.ts).
  return { findings, skipped, files, bytes, suppressed, ignored: ignoredPaths, ignoredNotable: [], warnings, durationMs: Math.round(nowMs() - started) };
}
