import { createReadStream, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type ByteStream, peek } from '../archive/byte-stream.js';
import { BrokenArchiveError } from '../archive/entry.js';
import { gunzip } from '../archive/gzip.js';
import { archiveKindOf, SNIFF_BYTES } from '../archive/sniff.js';
import { tarEntries } from '../archive/tar-entries.js';

/** Image metadata (manifests, index, config) is JSON of a few KiB; bigger entries are layers. */
const METADATA_MAX_BYTES = 4 * 1024 * 1024;

/**
 * An image as `docker save`/`podman save` writes it, or an OCI image layout: a tarball (read
 * twice front to back: metadata, then layers, never extracted) or a folder.
 */
export interface ImageSource {
  /** A metadata file (manifest.json, index.json, a blob holding JSON); undefined when absent. */
  json(name: string): unknown;
  /** The tarball ends before its end: metadata after the cut is missing. */
  broken?: boolean;
  /**
   * Reads the named entries, each once, in the order the source holds them; `visit` is given the
   * name asked for (a link's, when a link led there). Returns the names read.
   */
  read(names: ReadonlySet<string>, visit: (name: string, body: ByteStream) => Promise<void>): Promise<Set<string>>;
}

/** Entry names as the image's JSON gives them: `./x`, `x` and `a/../x` are the same file; none may leave the layout. */
export function layoutPath(name: string): string | undefined {
  const normal = path.posix.normalize(name.replace(/^\.\//, ''));
  if (normal.startsWith('../') || normal === '..' || path.posix.isAbsolute(normal)) return undefined;
  return normal;
}

const parseJson = (bytes: Buffer): unknown => {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

export async function openImage(file: string): Promise<ImageSource> {
  const stats = await fs.stat(file);
  return stats.isDirectory() ? openFolder(file) : openTarball(file);
}

async function openFolder(dir: string): Promise<ImageSource> {
  const metadata = new Map<string, unknown>();
  for (const name of ['manifest.json', 'index.json']) {
    const text = await fs.readFile(path.join(dir, name)).catch(() => undefined);
    if (text !== undefined) metadata.set(name, parseJson(text));
  }
  return {
    json(name) {
      const at = layoutPath(name);
      if (at === undefined) return undefined;
      if (!metadata.has(at)) {
        // Synchronous (manifests are resolved synchronously) and small: only metadata is read this way.
        try {
          const full = path.join(dir, at);
          metadata.set(at, statSync(full).isFile() && statSync(full).size <= METADATA_MAX_BYTES ? parseJson(readFileSync(full)) : undefined);
        } catch {
          metadata.set(at, undefined);
        }
      }
      return metadata.get(at);
    },
    async read(names, visit) {
      const done = new Set<string>();
      for (const name of names) {
        const stream = createReadStream(path.join(dir, name), { highWaterMark: 1024 * 1024 });
        try {
          await visit(name, stream);
          done.add(name);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === undefined) throw error;
        } finally {
          stream.destroy();
        }
      }
      return done;
    },
  };
}

/** The tarball's bytes, gunzipped when it was saved through gzip. */
async function tarballStream(file: string): Promise<ByteStream> {
  const { head, stream } = await peek(createReadStream(file, { highWaterMark: 1024 * 1024 }), SNIFF_BYTES);
  return archiveKindOf(head) === 'gzip' ? gunzip(stream) : stream;
}

async function openTarball(file: string): Promise<ImageSource> {
  const metadata = new Map<string, unknown>();
  const links = new Map<string, string>();
  let broken = false;
  // Pass 1: the metadata, and which names are links (docker save links a layer shared by two images).
  try {
    await readMetadata();
  } catch (error) {
    if (!(error instanceof BrokenArchiveError)) throw error;
    broken = true; // what came before the cut is still used
  }
  async function readMetadata(): Promise<void> {
    for await (const entry of tarEntries(await tarballStream(file))) {
      const name = layoutPath(entry.name);
      if (name === undefined) continue;
      if (entry.type === 'symlink' && entry.linkname !== undefined) {
        const target = layoutPath(path.posix.join(path.posix.dirname(name), entry.linkname));
        if (target !== undefined) links.set(name, target);
        continue;
      }
      if (entry.type !== 'file' || (entry.size ?? 0) > METADATA_MAX_BYTES) continue;
      const { head, stream } = await peek(entry.body, 1);
      if (head[0] !== 0x7b && head[0] !== 0x5b) continue; // `{` or `[`: JSON
      const parts: Uint8Array[] = [];
      for await (const chunk of stream) parts.push(chunk);
      metadata.set(name, parseJson(Buffer.concat(parts)));
    }
  }
  const resolve = (name: string): string => {
    let at = name;
    for (let hops = 0; hops < 8 && links.has(at); hops++) at = links.get(at)!;
    return at;
  };
  return {
    broken,
    json: (name) => {
      const at = layoutPath(name);
      return at === undefined ? undefined : metadata.get(resolve(at));
    },
    async read(names, visit) {
      // Target -> the first name asked for that leads there (two images may share a layer).
      const wanted = new Map<string, string>();
      for (const name of names) if (!wanted.has(resolve(name))) wanted.set(resolve(name), name);
      const done = new Set<string>();
      for await (const entry of tarEntries(await tarballStream(file))) {
        const target = layoutPath(entry.name);
        const asked = target === undefined ? undefined : wanted.get(target);
        if (asked === undefined || done.has(target!) || entry.type !== 'file') continue;
        await visit(asked, entry.body);
        done.add(target!);
      }
      return new Set([...names].filter((name) => done.has(resolve(name))));
    },
  };
}
