import { fsAsync } from '../fs-async.js';
import { join } from 'node:path';
import { git } from './exec.js';

/**
 * Objects a repository does not have locally. In a partial clone (`--filter=blob:none`) any git
 * command that reads a missing blob fetches it from the promisor remote, one round trip per
 * blob and without a word; these helpers find out what is missing without fetching, and fetch
 * it in a few batches when the user asks (`--fetch-missing`).
 */

/** Never let a git process we start fetch lazily (honoured by git 2.45+; older git ignores it). */
export const NO_LAZY_FETCH_ENV = { GIT_NO_LAZY_FETCH: '1' } as const;

/**
 * The promisor remote of a partial clone (`extensions.partialClone`, else the first remote with
 * `remote.<name>.promisor=true`), or undefined in a full clone: only then can a read fetch.
 * `commonDir` is the repository's shared git folder (RepoInfo.commonDir).
 */
export async function promisorRemote(cwd: string, commonDir: string): Promise<string | undefined> {
  // Every partial clone keeps its fetched packs marked `.promisor`; a full clone has none, and
  // then no git process is needed to know that nothing can be fetched.
  let packs: string[];
  try {
    packs = await fsAsync.readdir(join(commonDir, 'objects', 'pack'));
  } catch {
    packs = [];
  }
  if (!packs.some((name) => name.endsWith('.promisor'))) return undefined;
  const r = await git(['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], cwd);
  if (r.code !== 0) return undefined; // 1: no such key
  let promisor: string | undefined;
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space === -1) continue;
    const key = line.slice(0, space).toLowerCase();
    const value = line.slice(space + 1).trim();
    if (key === 'extensions.partialclone' && value !== '') return value;
    const m = /^remote\.(.+)\.promisor$/.exec(key);
    if (m !== null && promisor === undefined && /^(true|yes|on|1)$/i.test(value)) {
      promisor = line.slice('remote.'.length, space - '.promisor'.length); // the name as written
    }
  }
  return promisor;
}

/**
 * Which of `oids` are present locally. `rev-list --missing=print` turns lazy fetching off on
 * every supported git (2.39+), and `--ignore-missing` drops absent names instead of dying; with
 * `--no-walk` only the objects named are listed, so the answer costs one process per call.
 */
export async function presentObjects(cwd: string, oids: readonly string[]): Promise<Set<string>> {
  const present = new Set<string>();
  if (oids.length === 0) return present;
  const r = await git(['rev-list', '--objects', '--no-walk', '--ignore-missing', '--missing=print', '--stdin'], cwd, `${oids.join('\n')}\n`, NO_LAZY_FETCH_ENV);
  if (r.code !== 0) return present; // cannot tell: treat all as missing, never fetch
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const oid = line.split(' ', 1)[0];
    if (oid !== undefined && oid !== '' && !oid.startsWith('?')) present.add(oid);
  }
  return present;
}

export type FetchResult = { ok: true } | { ok: false; reason: string };

/**
 * Fetches `oids` from `remote` in one `git fetch`, the way git's own promisor fetch does (no
 * negotiation, no tags, no FETCH_HEAD, blobs only; the oids go on its stdin). Never prompts.
 * MissingBlobs decides the batches.
 */
export async function fetchObjects(cwd: string, remote: string, oids: readonly string[]): Promise<FetchResult> {
  const r = await git(
    ['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin', '--', remote],
    cwd,
    `${oids.join('\n')}\n`,
    { GIT_TERMINAL_PROMPT: '0' }, // a credential prompt would hang a hook or a CI step
  );
  if (r.code === 0) return { ok: true };
  const line = r.stderr.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? `git fetch exit ${r.code}`;
  return { ok: false, reason: line.replace(/^(fatal|error): /, '') };
}

/** Presence checks are batched: one `rev-list` per this many blobs. */
const CHECK_CHUNK = 2_000;

/** With --fetch-missing, missing blobs are fetched in batches of this many while the scan goes on. */
const FETCH_BATCH = 5_000;

/**
 * The blobs a git scan wants, split into those read (handed to `request`, i.e. cat-file) and
 * those missing. In a full clone every blob goes straight to cat-file, which cannot fetch and
 * answers `missing` for a damaged repository's holes (`noteMissing`). In a partial clone a
 * blob goes to cat-file only after `presentObjects` has seen it, in batches while the scan goes
 * on; when fetching, the missing ones are fetched as they accumulate (one `git fetch` per
 * FETCH_BATCH, the rest at the end: one fetch for most repositories, a handful for big ones), so
 * that fetching and scanning overlap the history walk.
 */
export class MissingBlobs {
  /** Blobs that were not read. */
  readonly oids = new Set<string>();
  private queue: string[] = [];
  /** Missing blobs not yet asked of the remote (fetching only). */
  private toFetch: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private fetchFailure: string | undefined;

  constructor(
    private readonly cwd: string,
    /** The partial clone's promisor remote; undefined in a full clone. */
    readonly promisor: string | undefined,
    private readonly request: (oid: string) => void,
    /** --fetch-missing: fetch missing blobs from the promisor remote, then read them. */
    private readonly fetching = false,
  ) {}

  want(oid: string): void {
    if (this.promisor === undefined) {
      this.request(oid);
      return;
    }
    this.queue.push(oid);
    if (this.queue.length >= CHECK_CHUNK) this.flush();
  }

  /** cat-file said an object is not there. */
  noteMissing(oid: string): void {
    this.oids.add(oid);
  }

  private flush(): void {
    const chunk = this.queue;
    this.queue = [];
    if (chunk.length === 0) return;
    this.chain = this.chain.then(async () => {
      const present = await presentObjects(this.cwd, chunk).catch(() => new Set<string>());
      for (const oid of chunk) {
        if (present.has(oid)) this.request(oid);
        else {
          this.oids.add(oid);
          if (this.fetching) this.toFetch.push(oid);
        }
      }
      if (this.toFetch.length >= FETCH_BATCH) await this.fetchPending();
    });
  }

  /** Fetches what is pending in one `git fetch` and requests what arrived; after a failure, nothing more. */
  private async fetchPending(): Promise<void> {
    const wanted = this.toFetch;
    this.toFetch = [];
    if (wanted.length === 0 || this.promisor === undefined || this.fetchFailure !== undefined) return;
    const outcome = await fetchObjects(this.cwd, this.promisor, wanted);
    if (!outcome.ok) {
      this.fetchFailure = outcome.reason;
      return;
    }
    const arrived = await presentObjects(this.cwd, wanted);
    for (const oid of wanted) {
      if (!arrived.has(oid)) continue;
      this.oids.delete(oid);
      this.request(oid);
    }
  }

  /** Call once every blob is wanted: finishes the presence checks and, when fetching, the fetches. */
  async settle(): Promise<void> {
    this.flush();
    await this.chain;
    if (this.fetching) await this.fetchPending();
  }

  /** What the report must say about blobs not read; call after cat-file has finished. */
  warnings(what: string): string[] {
    const n = this.oids.size;
    if (n === 0) return [];
    const count = `${n} ${n === 1 ? 'blob' : 'blobs'} of ${what}`;
    if (this.promisor === undefined) {
      return [`${count} missing from the repository and not read (no promisor remote to fetch from: the repository is damaged; git fsck lists what is missing)`];
    }
    const remote = `'${this.promisor}'`;
    if (!this.fetching) {
      return [`${count} not in this partial clone and not read (nothing is fetched unasked): --fetch-missing fetches them from ${remote} (one git fetch per 5,000), or use a full clone (actions/checkout: fetch-depth: 0 and no filter)`];
    }
    if (this.fetchFailure !== undefined) {
      return [`--fetch-missing: could not fetch from ${remote}: ${this.fetchFailure}; ${count} not read`];
    }
    return [`--fetch-missing: ${remote} did not provide ${count}; they were not read`];
  }
}
