import { UsageError } from '../exit-codes.js';
import type { ReportedFinding, ScanOutcome, SkippedEntry } from '../outcome.js';
import { readBlobs } from './cat-file.js';
import { git, repoInfo } from './exec.js';
import { GITLINK_MODE, compareFindings, isNullOid, parseRaw, repoPathOf, reportedPath, scanBlob } from './shared.js';
import type { GitHistoryOptions } from './types.js';

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
  const started = performance.now();
  const { cwd } = opts;
  const info = await repoInfo(cwd);
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
      return { findings: [], skipped: [], files: 0, bytes: 0, suppressed: 0, durationMs: Math.round(performance.now() - started) };
    }
  }
  const log = await git(args, cwd);
  if (log.code !== 0) {
    const line = log.stderr.split('\n').find((l) => l.trim() !== '') ?? `exit ${log.code}`;
    const detail = line.replace(/^(fatal|error): /, '');
    if (range !== undefined && range !== '') throw new UsageError(`--history=${range}: ${detail}`);
    throw new UsageError(`git log failed: ${detail}`);
  }

  const commits: Commit[] = [];
  const blobs = new Map<string, BlobUse>(); // insertion order = order of first appearance
  const tokens = log.stdout.toString('utf8').split('\0');
  for (let i = 0; i < tokens.length; ) {
    let tok = tokens[i]!;
    if (tok.startsWith('\n')) tok = tok.replace(/^\n+/, '');
    if (tok.startsWith(COMMIT_MARK)) {
      commits.push({ sha: tok.slice(1), author: tokens[i + 1] ?? '', date: tokens[i + 2] ?? '' });
      i += 3;
      continue;
    }
    if (tok.startsWith(':')) {
      const parsed = parseRaw([tok, tokens[i + 1] ?? '', tokens[i + 2] ?? ''], 0);
      if (parsed === undefined) {
        i++;
        continue;
      }
      i += parsed.used;
      const e = parsed.entry;
      if (isNullOid(e.newOid) || e.newMode === GITLINK_MODE || e.status.startsWith('D')) continue;
      const commitIndex = commits.length - 1;
      let use = blobs.get(e.newOid);
      if (use === undefined) {
        use = { paths: new Map() };
        blobs.set(e.newOid, use);
      }
      if (!use.paths.has(e.path)) use.paths.set(e.path, commitIndex);
      continue;
    }
    i++;
  }

  // Drop ignored paths; a blob with no path left is not read at all.
  const oids: string[] = [];
  for (const [oid, use] of blobs) {
    if (opts.isIgnored) {
      for (const p of [...use.paths.keys()]) if (opts.isIgnored(reportedPath(p, info))) use.paths.delete(p);
    }
    if (use.paths.size > 0) oids.push(oid);
  }

  const findings: ReportedFinding[] = [];
  const skipped: SkippedEntry[] = [];
  let files = 0;
  let bytes = 0;
  let suppressed = 0;
  await readBlobs(cwd, oids, async (blob) => {
    const use = blobs.get(blob.oid)!;
    const r = await scanBlob(blob.chunks, blob.size, opts.scanOptions);
    if (r.kind === 'binary') {
      const [firstPath] = use.paths.keys();
      skipped.push({ path: reportedPath(firstPath!, info), reason: 'binary' });
      return;
    }
    files++;
    bytes += r.bytes;
    suppressed += r.suppressed;
    for (const f of r.findings) {
      for (const [p, commitIndex] of use.paths) {
        const c = commits[commitIndex];
        findings.push({ ...f, path: reportedPath(p, info), commit: c?.sha, author: c?.author, date: c?.date });
      }
    }
    opts.onProgress?.({ files, bytes, findings: findings.length });
  });
  historyStats.blobsScanned = files + skipped.length;
  historyStats.commits = commits.length;
  findings.sort(compareFindings);
  return { findings, skipped, files, bytes, suppressed, durationMs: Math.round(performance.now() - started) };
}
