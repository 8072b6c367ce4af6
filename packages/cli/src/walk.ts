import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { UsageError } from './exit-codes.js';
import { ancestorLayers, IGNORE_FILES, type IgnoreLayer, isIgnoredBy, readIgnoreLayer } from './ignore-rules.js';

/** A regular file to scan. */
export interface WalkFile {
  abs: string;
  size: number;
}

export interface WalkSkip {
  abs: string;
  reason: string;
}

export interface WalkResult {
  files: WalkFile[];
  skipped: WalkSkip[];
}

export interface WalkOptions {
  cwd: string;
  /** Honour .gitignore and .keyguardignore files (off with --no-ignore). */
  useIgnoreFiles: boolean;
  followSymlinks: boolean;
  /** Layers that always apply after the ignore files (the config file's `ignore`). */
  extraLayers?: IgnoreLayer[];
}

/** What kind of entry `stats` describes, as reported in `skipped`. */
export function entryKind(stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>): string {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'special';
}

/** The reason a failed stat/open/read is reported under. */
export function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'symlink-loop';
  return 'unreadable';
}

interface DirEntry {
  name: string;
  abs: string;
  stats: Stats;
}

/** Folders listed at once: enough to hide latency, few enough to stay far from EMFILE. */
const LIST_CONCURRENCY = 16;
let listing = 0;
const waiting: (() => void)[] = [];

async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (listing >= LIST_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  listing += 1;
  try {
    return await task();
  } finally {
    listing -= 1;
    waiting.shift()?.();
  }
}

/** One directory's entries, listed with fast-glob (no recursion: we prune ignored folders ourselves). */
async function listDir(dir: string): Promise<DirEntry[]> {
  const entries = await limited(() => fg.async('*', {
    cwd: dir,
    dot: true,
    onlyFiles: false,
    deep: 1,
    followSymbolicLinks: false,
    stats: true,
    objectMode: true,
    suppressErrors: false,
    caseSensitiveMatch: true,
  }));
  return entries
    .map((e) => ({ name: e.name, abs: path.join(dir, e.name), stats: e.stats! }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Collects the files to scan under `paths` (resolved against `cwd`). Never opens anything:
 * FIFOs, sockets, devices, loops and unreadable folders come back in `skipped`.
 */
export async function walk(paths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const files: WalkFile[] = [];
  const skipped: WalkSkip[] = [];
  const seenFiles = new Set<string>();
  const extra = options.extraLayers ?? [];

  const addFile = (abs: string, size: number): void => {
    if (seenFiles.has(abs)) return;
    seenFiles.add(abs);
    files.push({ abs, size });
  };

  /** `ancestors`: real paths of the folders above, to tell a loop from a second way in. */
  const walkDir = async (dir: string, layers: IgnoreLayer[], ancestors: Set<string>): Promise<void> => {
    let entries: DirEntry[];
    try {
      entries = await listDir(dir);
    } catch (error) {
      skipped.push({ abs: dir, reason: errorReason(error) });
      return;
    }
    let here = layers;
    if (options.useIgnoreFiles && entries.some((e) => (IGNORE_FILES as readonly string[]).includes(e.name))) {
      const layer = await readIgnoreLayer(dir);
      if (layer !== undefined) here = [...layers, layer];
    }
    const all = [...here, ...extra];
    // Sub-folders are walked concurrently (bounded by `limited`); the report is sorted later.
    const subdirs: Promise<void>[] = [];
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      let stats = entry.stats;
      if (stats.isSymbolicLink()) {
        if (!options.followSymlinks) continue;
        try {
          stats = await fs.stat(entry.abs);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'ENOTDIR') continue; // dangling link: nothing to scan
          if (!isIgnoredBy(all, entry.abs, false)) skipped.push({ abs: entry.abs, reason: errorReason(error) });
          continue;
        }
      }
      const isDir = stats.isDirectory();
      if (isIgnoredBy(all, entry.abs, isDir)) continue;
      if (isDir) {
        let real: string;
        try {
          real = await fs.realpath(entry.abs);
        } catch (error) {
          skipped.push({ abs: entry.abs, reason: errorReason(error) });
          continue;
        }
        if (ancestors.has(real)) {
          skipped.push({ abs: entry.abs, reason: 'symlink-loop' });
          continue;
        }
        subdirs.push(walkDir(entry.abs, here, new Set([...ancestors, real])));
        continue;
      }
      const kind = entryKind(stats);
      if (kind === 'file') addFile(entry.abs, stats.size);
      else skipped.push({ abs: entry.abs, reason: kind });
    }
    await Promise.all(subdirs);
  };

  for (const p of paths) {
    const abs = path.resolve(options.cwd, p);
    let stats: Stats;
    try {
      stats = await fs.stat(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or directory: ${p}`);
      skipped.push({ abs, reason: errorReason(error) });
      continue;
    }
    if (stats.isDirectory()) {
      if (path.basename(abs) === '.git') continue;
      const layers = options.useIgnoreFiles ? await ancestorLayers(abs) : [];
      let real = abs;
      try {
        real = await fs.realpath(abs);
      } catch {
        // keep abs
      }
      await walkDir(abs, layers, new Set([real]));
      continue;
    }
    // A file named on the command line is scanned whatever the ignore files say.
    const kind = entryKind(stats);
    if (kind === 'file') addFile(abs, stats.size);
    else skipped.push({ abs, reason: kind });
  }
  return { files, skipped };
}
