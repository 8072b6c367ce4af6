import { type ScanOptions, scanBytes, SkippedInputError } from '@keyguard/core';
import { FindingAggregator } from '../aggregate.js';
import { peek } from '../archive/byte-stream.js';
import { BrokenArchiveError, INNER_SEPARATOR } from '../archive/entry.js';
import type { ArchiveLimits } from '../archive/limits.js';
import { type ArchiveScan, scanArchive } from '../archive/scan-archive.js';
import { archiveKindOf, SNIFF_BYTES } from '../archive/sniff.js';
import type { ReportedFinding, SkippedEntry } from '../outcome.js';
import { openImage } from './image-source.js';
import { describeImages, type ImageDescription } from './manifest.js';
import { Whiteouts } from './whiteouts.js';

export interface ImageScan {
  findings: ReportedFinding[];
  skipped: SkippedEntry[];
  files: number;
  bytes: number;
  suppressed: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `keyguard scan --image FILE`: every layer's files (nested archives too) and the config's
 * `Env`, `Labels` and history `created_by` lines, reported as `image.tar!/<layer digest>/path`
 * and `image.tar!/config:Env`. No container daemon is involved: the saved image is read as is.
 * `shown` is the image's path as reports give it.
 */
export async function scanImage(file: string, shown: string, options: ScanOptions, limits: ArchiveLimits): Promise<ImageScan> {
  const source = await openImage(file);
  let images: ImageDescription[];
  try {
    images = describeImages(source);
  } catch (error) {
    if (source.broken === true) throw new Error('broken archive: the tarball ends before its manifest', { cause: error });
    throw error;
  }
  const out: ImageScan = { findings: [], skipped: [], files: 0, bytes: 0, suppressed: 0 };
  const at = (inner: string): { path: string; archive: string; inner: string } => ({ path: `${shown}${INNER_SEPARATOR}${inner}`, archive: shown, inner });

  // The configs: what `docker inspect` shows, and the build's ARG/ENV lines kept in its history.
  const configs = new Set<string>();
  for (const image of images) {
    if (configs.has(image.config)) continue;
    configs.add(image.config);
    const config = source.json(image.config);
    const prefix = images.length > 1 ? `${image.configDigest}/` : '';
    if (!isRecord(config)) {
      out.skipped.push({ ...at(`${prefix}config`), reason: 'broken archive' });
      continue;
    }
    const runtime = isRecord(config.config) ? config.config : {};
    const env = Array.isArray(runtime.Env) ? runtime.Env.filter((e): e is string => typeof e === 'string') : [];
    const labels = isRecord(runtime.Labels) ? Object.entries(runtime.Labels).map(([k, v]) => `${k}=${String(v)}`) : [];
    const history = Array.isArray(config.history) ? config.history.map((h) => (isRecord(h) && typeof h.created_by === 'string' ? h.created_by : '')) : [];
    for (const [name, lines] of [['Env', env], ['Labels', labels], ['history', history]] as const) {
      if (lines.length === 0) continue;
      scanLines(lines, options, out, at(`${prefix}config:${name}`));
    }
  }

  // The layers, each once (images of one tarball share them), in the order the source holds them.
  const digests = new Map<string, string>();
  for (const image of images) for (const layer of image.layers) digests.set(layer.entry, layer.digest);
  const results = new Map<string, ArchiveScan>();
  const whiteouts = new Map<string, Whiteouts>();
  let read = new Set<string>();
  try {
    read = await source.read(new Set(digests.keys()), async (entry, body) => {
    const digest = digests.get(entry) ?? entry;
    const { head, stream } = await peek(body, SNIFF_BYTES);
    const kind = archiveKindOf(head);
    if (kind === undefined) {
      // zstd layers (and anything else): not read, never silently.
      out.skipped.push({ ...at(digest), reason: 'unsupported compression' });
      return;
    }
    const layerWhiteouts = new Whiteouts();
    whiteouts.set(entry, layerWhiteouts);
    results.set(entry, await scanArchive(stream, kind, digest, options, limits, (name) => layerWhiteouts.add(name)));
    });
  } catch (error) {
    // The tarball itself is cut short: what was read is reported, the rest listed below.
    if (!(error instanceof BrokenArchiveError)) throw error;
    source.broken = true;
  }
  if (source.broken === true) out.skipped.push({ path: shown, reason: 'broken archive' });
  for (const [entry, digest] of digests) if (!read.has(entry) && !results.has(entry)) out.skipped.push({ ...at(digest), reason: 'broken archive' });

  for (const [entry, scan] of results) {
    const digest = digests.get(entry) ?? entry;
    out.files += scan.files;
    out.bytes += scan.bytes;
    out.suppressed += scan.suppressed;
    for (const { inner, ...f } of scan.findings) {
      const deletedBy = deletingLayer(images, entry, inner.split(INNER_SEPARATOR)[0]!, whiteouts);
      out.findings.push({ ...f, ...at(`${digest}/${inner}`), ...(deletedBy !== undefined ? { deletedBy } : {}) });
    }
    for (const s of scan.skipped) out.skipped.push({ ...at(s.inner === '' ? digest : `${digest}/${s.inner}`), reason: s.reason });
  }
  return out;
}

/** The digest of a layer above `entry` (in any image holding it) whose whiteout deletes `file`. */
function deletingLayer(images: readonly ImageDescription[], entry: string, file: string, whiteouts: ReadonlyMap<string, Whiteouts>): string | undefined {
  for (const image of images) {
    const index = image.layers.findIndex((l) => l.entry === entry);
    if (index < 0) continue;
    for (const upper of image.layers.slice(index + 1)) if (whiteouts.get(upper.entry)?.hides(file) === true) return upper.digest;
  }
  return undefined;
}

/** Config values scanned as a text of one value per line (line N = the Nth value). */
function scanLines(lines: readonly string[], options: ScanOptions, out: ImageScan, where: { path: string; archive: string; inner: string }): void {
  // One value per line: a newline inside a value would shift the lines after it.
  const text = lines.map((l) => l.replace(/[\r\n]+/g, ' ')).join('\n');
  const found = new FindingAggregator();
  try {
    const { stats } = scanBytes(Buffer.from(`${text}\n`, 'utf8'), options, (f) => found.add(f));
    out.files += 1;
    out.bytes += stats.bytes;
    out.suppressed += stats.suppressed;
  } catch (error) {
    if (!(error instanceof SkippedInputError)) throw error;
    out.skipped.push({ ...where, reason: error.reason });
    return;
  }
  for (const f of found.findings()) out.findings.push({ ...f, ...where });
}
