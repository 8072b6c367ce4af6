import { Dirent, readdirSync, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { entryKind, errorReason } from './entry-kind.js';
import { IGNORE_FILE_NOT_APPLIED, type SkipReason } from './outcome.js';
import { UsageError } from './exit-codes.js';
import { ancestorLayers, type GlobalExcludes, ignoreFilesFor, type IgnoreLayer, readIgnoreLayer, repositoryLayers } from './ignore-rules.js';
import type { OwnFileError } from './own-files.js';
import { escapedName, mayBeLossy, rawNamesOf } from './raw-names.js';
import { isSecretProneName } from './secret-prone.js';
import { folderMatcher } from './walk-ignore.js';

/** A regular file to scan. */
export interface WalkFile {
  abs: string;
  /**
   * Bytes, or -1 when unknown: files found in a folder come from its listing, without a
   * stat each (that stat would double the walk); only paths given by name and followed
   * symlinks have a size.
   */
  size: number;
  /** The path's bytes when its name is not valid UTF-8 (`abs` then shows them as `\xNN`). */
  raw?: Uint8Array;
}

export interface WalkSkip {
  abs: string;
  reason: SkipReason;
  /** As in WalkFile. */
  raw?: Uint8Array;
}

export interface WalkResult {
  files: WalkFile[];
  skipped: WalkSkip[];
  /** Entries left out by ignore rules (an ignored folder counts once: it is not walked). */
  ignored: number;
  /** Up to three ignored files (absolute) whose names commonly hold secrets. */
  ignoredNotable: string[];
}

/** How many secret-prone ignored files a result names. */
const NOTABLE_LIMIT = 3;

export interface WalkOptions {
  cwd: string;
  /**
   * Honour ignore files (off with --no-ignore): `.keyguardignore` everywhere; `.gitignore`,
   * `.git/info/exclude` and git's global excludes only inside a git work tree, as ripgrep does.
   */
  useIgnoreFiles: boolean;
  /** git's global excludes file, asked for only when the walk meets a work tree. */
  globalExcludes?: GlobalExcludes;
  followSymlinks: boolean;
  /** Layers that always apply after the ignore files (the config file's `ignore`). */
  extraLayers?: IgnoreLayer[];
  /** Report files this run writes: left out of the scan (listed as skipped) when met in a folder. */
  reportFiles?: ReadonlySet<string>;
  /**
   * Called with each file as soon as it is found (so scanning can start before the walk ends);
   * the result's `files` then stays empty.
   */
  onFile?: (file: WalkFile) => void;
}

export { entryKind, errorReason } from './entry-kind.js';

/** Folders listed between two turns of the event loop, so the scan workers are heard meanwhile. */
const FOLDERS_PER_TURN = 32;
let listedThisTurn = 0;

/**
 * One folder's entries, with their types from the folder itself (no stat per entry). Listed
 * synchronously: an async readdir per folder (a thread-pool round trip, then a promise) made the
 * kernel's walk 2.8x slower (215 ms vs 75 ms). The event loop gets a turn every few folders.
 * Not fast-glob: its per-call set-up (settings, pattern compilation, reader) costs ~65 µs,
 * which is 0.33 s over the kernel's 5,000 folders, more than the whole walk should take.
 */
async function listDir(dir: string): Promise<Dirent[]> {
  listedThisTurn += 1;
  if (listedThisTurn >= FOLDERS_PER_TURN) {
    listedThisTurn = 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return readdirSync(dir, { withFileTypes: true });
}

/** What the entries of one folder share. */
interface Folder {
  /** Ignore files' layers down to this folder. */
  layers: IgnoreLayer[];
  /** Those and the extra layers, for this folder's entries; undefined when none applies. */
  ignored: ((name: string, isDir: boolean) => boolean) | undefined;
  ancestors: Set<string> | undefined;
  /** Inside a git work tree (this folder or one above holds `.git`). */
  inWorkTree: boolean;
}

/**
 * Collects the files to scan under `paths` (resolved against `cwd`). Never opens anything:
 * FIFOs, sockets, devices, loops and unreadable folders come back in `skipped`.
 */
export async function walk(paths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const files: WalkFile[] = [];
  const skipped: WalkSkip[] = [];
  let ignored = 0;
  const ignoredNotable: string[] = [];
  const globalExcludes = options.globalExcludes ?? (() => undefined);
  const extra = options.extraLayers ?? [];
  // An ignore file inside the scanned tree that cannot be used (a FIFO, too large) is listed as
  // not applied, and the walk goes on without it.
  const unusableIgnoreFile = (error: OwnFileError): void => {
    skipped.push({ abs: error.file, reason: `${IGNORE_FILE_NOT_APPLIED}: ${error.kind}` });
  };
  const leftOut = (abs: string, name: string, isDir: boolean): void => {
    ignored += 1;
    if (!isDir && ignoredNotable.length < NOTABLE_LIMIT && isSecretProneName(name)) ignoredNotable.push(abs);
  };
  // One walk never yields a path twice; only overlapping paths (`scan . src`) can.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const found = (file: WalkFile): void => {
    if (seen !== undefined) {
      if (seen.has(file.abs)) return;
      seen.add(file.abs);
    }
    if (options.onFile !== undefined) options.onFile(file);
    else files.push(file);
  };

  /**
   * Files an entry of a folder (`name` in it, at `abs`), given its type. Returns the walk of
   * a sub-folder, for the caller to wait for.
   */
  const visit = (abs: string, name: string, type: Dirent | Stats, at: Folder): Promise<void> | undefined => {
    const isDir = type.isDirectory();
    if (at.ignored?.(name, isDir)) {
      leftOut(abs, name, isDir);
      return undefined;
    }
    if (isDir) return at.ancestors === undefined ? walkDir(abs, at.layers, undefined, at.inWorkTree) : walkLinkedDir(abs, at.layers, at.ancestors, at.inWorkTree);
    const kind = entryKind(type);
    if (kind === 'file' && options.reportFiles?.has(abs)) {
      skipped.push({ abs, reason: 'report output' });
      return undefined;
    }
    // A dirent has no size; a followed link was stat'ed anyway.
    if (kind === 'file') found({ abs, size: type instanceof Dirent ? -1 : type.size });
    else skipped.push({ abs, reason: kind });
    return undefined;
  };

  /**
   * An entry whose name is not valid UTF-8: a file is scanned by its raw bytes and shown with
   * `\xNN` escapes; a folder cannot be walked by a string path, so it is listed as skipped.
   */
  const byRawName = (prefix: string, raw: Buffer, entry: Dirent, at: Folder): void => {
    const name = escapedName(raw);
    const abs = prefix + name;
    const isDir = entry.isDirectory();
    if (at.ignored?.(name, isDir)) {
      leftOut(abs, name, isDir);
      return;
    }
    const kind = entryKind(entry);
    if (kind === 'file') found({ abs, size: -1, raw: Buffer.concat([Buffer.from(prefix), raw]) });
    else skipped.push({ abs, reason: isDir ? 'folder name not valid UTF-8' : kind, raw: Buffer.concat([Buffer.from(prefix), raw]) });
  };

  /** With --follow-symlinks: what the link points to is visited, unless it dangles. */
  const followLink = async (abs: string, name: string, at: Folder): Promise<void> => {
    let stats: Stats;
    try {
      stats = await fs.stat(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return; // dangling link: nothing to scan
      if (!at.ignored?.(name, false)) skipped.push({ abs, reason: errorReason(error) });
      return;
    }
    await visit(abs, name, stats, at);
  };

  /** With --follow-symlinks: `ancestors` (real paths above) tell a loop from a second way in. */
  const walkLinkedDir = async (dir: string, layers: IgnoreLayer[], ancestors: Set<string>, inWorkTree: boolean): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (error) {
      skipped.push({ abs: dir, reason: errorReason(error) });
      return;
    }
    if (ancestors.has(real)) skipped.push({ abs: dir, reason: 'symlink-loop' });
    else await walkDir(dir, layers, new Set([...ancestors, real]), inWorkTree);
  };

  /** `ancestors`: undefined unless following symlinks (without, no folder is reached twice). */
  const walkDir = async (dir: string, layers: IgnoreLayer[], ancestors: Set<string> | undefined, aboveInWorkTree: boolean): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await listDir(dir);
    } catch (error) {
      skipped.push({ abs: dir, reason: errorReason(error) });
      return;
    }
    let here = layers;
    let inWorkTree = aboveInWorkTree;
    if (options.useIgnoreFiles) {
      const names = new Set<string>();
      for (const e of entries) if (e.name === '.git' || e.name === '.gitignore' || e.name === '.keyguardignore') names.add(e.name);
      if (names.has('.git')) {
        // A work tree's root (or a nested repository): its excludes come before its .gitignore.
        inWorkTree = true;
        here = [...here, ...(await repositoryLayers(dir, globalExcludes, unusableIgnoreFile))];
      }
      const files = ignoreFilesFor(inWorkTree).filter((n) => names.has(n));
      if (files.length > 0) {
        const layer = await readIgnoreLayer(dir, files, unusableIgnoreFile);
        if (layer !== undefined) here = [...here, layer];
      }
    }
    const at: Folder = { layers: here, ignored: folderMatcher([...here, ...extra], dir), ancestors, inWorkTree };
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep; // path.join, minus its normalising
    // Sub-folders (and followed links) are walked concurrently; the
    // caller sorts the report. The loop itself never waits: that keeps it fast.
    const pending: Promise<void>[] = [];
    let rawNames: Map<string, Buffer[]> | undefined;
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      if (mayBeLossy(entry.name) && !entry.isSymbolicLink()) {
        rawNames ??= rawNamesOf(dir);
        const raw = rawNames.get(entry.name)?.shift();
        if (raw !== undefined) {
          byRawName(prefix, raw, entry, at);
          continue;
        }
      }
      let sub: Promise<void> | undefined;
      if (!entry.isSymbolicLink()) sub = visit(prefix + entry.name, entry.name, entry, at);
      else if (options.followSymlinks) sub = followLink(prefix + entry.name, entry.name, at);
      else if (at.ignored?.(entry.name, false)) leftOut(prefix + entry.name, entry.name, false);
      else skipped.push({ abs: prefix + entry.name, reason: 'symlink' }); // not followed, but never silent
      if (sub !== undefined) pending.push(sub);
    }
    await Promise.all(pending);
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
      const { layers, inWorkTree } = options.useIgnoreFiles ? await ancestorLayers(abs, globalExcludes) : { layers: [], inWorkTree: false };
      let ancestors: Set<string> | undefined;
      if (options.followSymlinks) {
        let real = abs;
        try {
          real = await fs.realpath(abs);
        } catch {
          // keep abs
        }
        ancestors = new Set([real]);
      }
      await walkDir(abs, layers, ancestors, inWorkTree);
      continue;
    }
    // A file named on the command line is scanned whatever the ignore files say.
    const kind = entryKind(stats);
    if (kind === 'file') found({ abs, size: stats.size });
    else skipped.push({ abs, reason: kind });
  }
  return { files, skipped, ignored, ignoredNotable };
}
