import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { UsageError } from '../exit-codes.js';
import { spawnFailure } from './exec.js';
import { NO_LAZY_FETCH_ENV } from './missing.js';

/** Pulls bytes from a stream on demand: lines, then exact byte counts, with no copying of big blobs. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.done) return false;
    const r = await this.it.next();
    if (r.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
    return true;
  }

  /** Reads to the end of the stream (so the process can close). */
  async end(): Promise<void> {
    while (await this.fill()) this.buf = Buffer.alloc(0);
  }

  async line(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl !== -1) {
        const text = this.buf.subarray(0, nl).toString('utf8');
        this.buf = this.buf.subarray(nl + 1);
        return text;
      }
      if (!(await this.fill())) return undefined;
    }
  }

  /** Yields the next `state.left` bytes in the chunks they arrive in; `state.left` tracks what is unread. */
  async *bytes(state: { left: number }): AsyncGenerator<Buffer> {
    while (state.left > 0) {
      if (this.buf.length === 0 && !(await this.fill())) throw new Error('git cat-file ended early');
      const take = Math.min(state.left, this.buf.length);
      const chunk = this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      state.left -= take;
      yield chunk;
    }
  }
}

export interface Blob {
  oid: string;
  size: number;
  /** The content, streamed; the handler may stop early, the rest is drained. */
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>;
}

/**
 * ONE long-lived `git cat-file --batch` process: `request()` object names (blob ids, or
 * `<commit>:<path>`) as they become known; each answer is handed to `onBlob`, in request order,
 * while more requests arrive. `finish()` closes stdin (always call it, or `abort()`), waits for
 * the last answer and reports git's failure as a one-line UsageError.
 */
export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending: string[] = [];
  private readonly errs: Buffer[] = [];
  private loop: Promise<void> = Promise.resolve();
  private exited: Promise<number> = Promise.resolve(0);
  private spawnError: UsageError | undefined;
  private loopError: unknown;
  private closed = false;
  requested = 0;

  constructor(
    private readonly cwd: string,
    private readonly onBlob: (blob: Blob, request: string) => Promise<void>,
    private readonly onMissing?: (request: string) => void,
  ) {}

  /** git starts with the first request: a commit whose blobs were all read elsewhere needs none. */
  private start(): ChildProcessWithoutNullStreams {
    let child: ChildProcessWithoutNullStreams;
    try {
      // Callers ask only for objects known to be present; where git honours it, the env var
      // turns a stray lazy fetch into a `missing` answer.
      child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...NO_LAZY_FETCH_ENV } });
    } catch (err) {
      throw spawnFailure(err as NodeJS.ErrnoException, this.cwd);
    }
    this.child = child;
    child.stderr.on('data', (c: Buffer) => this.errs.push(c));
    child.stdin.on('error', () => {});
    this.exited = new Promise<number>((resolve) => {
      child.on('error', (err) => {
        this.spawnError = spawnFailure(err, this.cwd);
        resolve(-1);
      });
      child.on('close', (code) => resolve(code ?? 1));
    });
    this.loop = this.read(child).catch((err: unknown) => {
      this.loopError = err;
      this.abort();
    });
    return child;
  }

  request(spec: string): void {
    if (this.closed) return;
    const child = this.child ?? this.start();
    this.pending.push(spec);
    this.requested++;
    child.stdin.write(`${spec}\n`);
  }

  /** Stops git at once (error paths). */
  abort(): void {
    this.closed = true;
    const child = this.child;
    if (child === undefined) return;
    child.stdin.end();
    child.stdout.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }

  async finish(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.child?.stdin.end();
    }
    await this.loop;
    const code = await this.exited;
    if (this.spawnError) throw this.spawnError;
    if (this.loopError !== undefined) throw this.loopError;
    if (code !== 0) {
      const detail = Buffer.concat(this.errs).toString('utf8').split('\n')[0] || `exit ${code}`;
      throw new UsageError(`git cat-file failed: ${detail}`);
    }
  }

  private async read(child: ChildProcessWithoutNullStreams): Promise<void> {
    const reader = new ByteReader(child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
    for (;;) {
      const header = await reader.line();
      if (header === undefined) return;
      const spec = this.pending.shift() ?? '';
      const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
      if (m === null) {
        // `<spec> missing` / `<spec> ambiguous`: no content follows
        this.onMissing?.(spec);
        continue;
      }
      const size = Number(m[3]);
      const state = { left: size };
      if (m[2] === 'blob') {
        const chunks: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => reader.bytes(state) };
        await this.onBlob({ oid: m[1]!, size, chunks }, spec);
      } else {
        this.onMissing?.(spec);
      }
      // Drain whatever the handler left unread (binary sniffing stops early), then the LF.
      for await (const _ of reader.bytes(state)) void _;
      await reader.line();
    }
  }
}

/** Streams a known list of objects through one `git cat-file --batch` process, in order. */
export async function readBlobs(
  cwd: string,
  oids: readonly string[],
  onBlob: (blob: Blob, index: number) => Promise<void>,
  onMissing?: (oid: string, index: number) => void,
): Promise<void> {
  if (oids.length === 0) return;
  let index = 0;
  const batch = new CatFileBatch(
    cwd,
    (blob) => onBlob(blob, index++),
    (spec) => onMissing?.(spec, index++),
  );
  for (const oid of oids) batch.request(oid);
  await batch.finish();
}
