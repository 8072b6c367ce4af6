import { type ScanOptions, scanStream, SkippedInputError } from '@keyguard/core';
import { type AggregatedFinding, FindingAggregator } from '../aggregate.js';
import type { SkipReason } from '../outcome.js';
import { type ByteStream, counted, drain, peek } from './byte-stream.js';
import { type ArchiveEntry, BrokenArchiveError, entryName, INNER_SEPARATOR } from './entry.js';
import { gunzip } from './gzip.js';
import { type ArchiveLimitName, type ArchiveLimits, RATIO_MIN_BYTES } from './limits.js';
import { type ArchiveKind, archiveKindOf, SNIFF_BYTES } from './sniff.js';
import { tarEntries } from './tar-entries.js';
import { zipEntries } from './zip-entries.js';

/** `inner`: the path below the outer archive, nested archives joined with `!/` (`pkg/a.nupkg!/x.json`). */
export interface InnerFinding extends AggregatedFinding {
  inner: string;
}
/** `inner` is '' when the outer archive itself is the one skipped (broken, or a limit hit). */
export interface InnerSkip {
  inner: string;
  reason: SkipReason;
}

/** What an archive (and every archive in it) holds, as findings and skipped entries. */
export interface ArchiveScan {
  findings: InnerFinding[];
  skipped: InnerSkip[];
  /** Entries read as text. */
  files: number;
  bytes: number;
  suppressed: number;
}

/** What one archive has used of its limits. */
interface Budget {
  compressedIn: number;
  decompressedOut: number;
  entries: number;
  hit?: ArchiveLimitName;
  /** The archive this one is inside: a limit hit there cuts this one short too. */
  parent: Budget | undefined;
}

/** A limit of this archive or of one it is in was hit: its stream may end early. */
const cutShort = (budget: Budget | undefined): boolean => budget !== undefined && (budget.hit !== undefined || cutShort(budget.parent));

interface Walk {
  options: ScanOptions;
  limits: ArchiveLimits;
  result: ArchiveScan;
  onTopEntry: ((name: string) => void) | undefined;
}

/**
 * Reads an archive stream (its kind told by archiveKindOf) and everything in it, never
 * writing to disk. `name` is the archive's file name (it names a gzip file's content).
 * Never throws for bad input: a broken archive or a limit hit is a skipped entry.
 */
export async function scanArchive(
  source: ByteStream,
  kind: ArchiveKind,
  name: string,
  options: ScanOptions,
  limits: ArchiveLimits,
  /** Told the name of every entry of the outer archive (an image layer's whiteouts). */
  onTopEntry?: (name: string) => void,
): Promise<ArchiveScan> {
  const walk: Walk = { options, limits, result: { findings: [], skipped: [], files: 0, bytes: 0, suppressed: 0 }, onTopEntry };
  await readArchive(walk, source, kind, name, '', 1, undefined);
  return walk.result;
}

/** Reads one archive; `self` is its own inner path ('' for the outer one). */
async function readArchive(walk: Walk, source: ByteStream, kind: ArchiveKind, name: string, self: string, depth: number, parent: Budget | undefined): Promise<void> {
  const budget: Budget = { compressedIn: 0, decompressedOut: 0, entries: 0, parent };
  const prefix = self === '' ? '' : `${self}${INNER_SEPARATOR}`;
  const input = counted(source, (n) => (budget.compressedIn += n));
  try {
    for await (const entry of await entriesOf(input, kind, name, budget, walk.limits)) {
      budget.entries += 1;
      if (budget.entries > walk.limits.maxEntries) {
        budget.hit = 'maxEntries';
        break;
      }
      if (depth === 1) walk.onTopEntry?.(entryName(entry.name));
      // Zip bodies are counted here; a gzip's output was counted as it was inflated.
      const body = kind === 'zip' || kind === 'tar' ? limited(entry.body, budget, walk.limits) : entry.body;
      await readEntry(walk, entry, body, `${prefix}${entryName(entry.name)}`, depth, budget);
      await drain(body);
      if (budget.hit !== undefined) break;
    }
  } catch (error) {
    // A stream cut by a limit (this archive's, or an outer one's) looks broken to the parser
    // that reads it: the limit is the reason, listed where it was hit.
    if (!cutShort(budget)) {
      if (!(error instanceof BrokenArchiveError)) throw error;
      walk.result.skipped.push({ inner: self, reason: 'broken archive' });
    }
  }
  if (budget.hit !== undefined) walk.result.skipped.push({ inner: self, reason: `archive limit: ${budget.hit}` });
}

/** The entries of an archive of any kind. A gzip holding a tar is one archive (`.tar.gz`). */
async function entriesOf(input: ByteStream, kind: ArchiveKind, name: string, budget: Budget, limits: ArchiveLimits): Promise<AsyncIterable<ArchiveEntry>> {
  if (kind === 'zip') return zipEntries(input);
  if (kind === 'tar') return tarEntries(input);
  const inflated = limited(gunzip(input), budget, limits);
  const { head, stream } = await peek(inflated, SNIFF_BYTES);
  if (archiveKindOf(head) === 'tar') return tarEntries(stream);
  return (async function* () {
    yield { name: name.replace(/\.gz$/i, '') || name, type: 'file', body: stream } satisfies ArchiveEntry;
  })();
}

/**
 * Passes an archive's decompressed bytes through while its limits allow; when one is hit the
 * stream ends there (what came before is still scanned) and the budget says which.
 */
async function* limited(source: ByteStream, budget: Budget, limits: ArchiveLimits): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (budget.hit !== undefined) return;
    const room = limits.maxBytes - budget.decompressedOut;
    budget.decompressedOut += chunk.length;
    if (chunk.length > room) {
      budget.hit = 'maxBytes';
      if (room > 0) yield chunk.subarray(0, room);
      return;
    }
    if (budget.decompressedOut >= RATIO_MIN_BYTES && budget.decompressedOut > limits.maxRatio * Math.max(budget.compressedIn, 1)) {
      budget.hit = 'maxRatio';
      return;
    }
    yield chunk;
  }
}

const SKIPPED_TYPES: Partial<Record<ArchiveEntry['type'], SkipReason>> = { symlink: 'symlink', device: 'device', fifo: 'fifo', special: 'special' };

/** One entry: an archive in an archive is read in turn, anything else scanned as text. */
async function readEntry(walk: Walk, entry: ArchiveEntry, body: ByteStream, inner: string, depth: number, budget: Budget): Promise<void> {
  const { result } = walk;
  if (entry.type === 'directory') return;
  const skipAs = entry.unreadable ?? SKIPPED_TYPES[entry.type];
  if (skipAs !== undefined) {
    result.skipped.push({ inner, reason: skipAs });
    return;
  }
  const { head, stream } = await peek(body, SNIFF_BYTES);
  const nested = archiveKindOf(head);
  if (nested !== undefined) {
    if (depth >= walk.limits.maxDepth) {
      result.skipped.push({ inner, reason: 'archive limit: maxDepth' });
      return;
    }
    await readArchive(walk, stream, nested, inner.slice(inner.lastIndexOf('/') + 1), inner, depth + 1, budget);
    return;
  }
  const found = new FindingAggregator();
  const scan = scanStream(stream, walk.options);
  try {
    for await (const finding of scan) found.add(finding);
  } catch (error) {
    if (!(error instanceof SkippedInputError)) {
      keep(result, found, inner);
      throw error;
    }
    result.skipped.push({ inner, reason: error.reason });
    return;
  }
  keep(result, found, inner);
  result.files += 1;
  result.bytes += scan.stats.bytes;
  result.suppressed += scan.stats.suppressed;
}

function keep(result: ArchiveScan, found: FindingAggregator, inner: string): void {
  for (const f of found.findings()) result.findings.push({ ...f, inner });
}
