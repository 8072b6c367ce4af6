import { gzipSync } from 'node:zlib';
import { Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import tar from 'tar-stream';

// Archives built in memory for the tests: no archive fixture is ever committed.

export type Entries = Record<string, string | Uint8Array>;

const bytesOf = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content);

/** A zip with sizes in its local headers (what most tools write). */
export function zipOf(entries: Entries, level: 0 | 6 | 9 = 6): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([name, content]) => [name, [bytesOf(content), { level }]])));
}

/** A zip written as a stream: each entry's sizes follow its data (a data descriptor, as `jar` and Java write). */
export function streamedZipOf(entries: Entries, stored = false): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error !== null) throw error;
    parts.push(chunk);
  });
  for (const [name, content] of Object.entries(entries)) {
    const file = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(bytesOf(content), true);
  }
  zip.end();
  return Buffer.concat(parts);
}

export interface TarEntry {
  name: string;
  content?: string | Uint8Array;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

/** Every entry's time: the same bytes (and image digests) however long a test takes. */
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

/** A ustar tar (tar-stream writes pax headers for long names). */
export async function tarOf(entries: Entries | TarEntry[]): Promise<Uint8Array> {
  const list: TarEntry[] = Array.isArray(entries) ? entries : Object.entries(entries).map(([name, content]) => ({ name, content }));
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const entry of list) {
    const type = entry.type ?? 'file';
    if (type === 'file') pack.entry({ name: entry.name, type, mtime: FIXED_MTIME }, Buffer.from(bytesOf(entry.content ?? '')));
    else pack.entry({ name: entry.name, type, mtime: FIXED_MTIME, ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}) });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const gzipOf = (content: string | Uint8Array): Uint8Array => gzipSync(bytesOf(content));
