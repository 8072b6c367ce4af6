/**
 * Constant memory on large streams: 300 MB generated on the fly (never held whole), with many
 * lines and as one single line. Memory growth must stay under a bound far below the input size.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scanStream } from '../src/index.js';
import { generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';

const TOTAL = 300 * 1024 * 1024;
const CHUNK = 64 * 1024;
/** Live memory (JS heap plus buffers, after a forced GC) may grow this much. */
const BOUND = 64 * 1024 * 1024;
/**
 * RSS also holds V8's young generation and allocator pages that are freed but not returned: a
 * constant ~80-150 MB under vitest, whatever the input size. So RSS is judged in steady state:
 * from the end of the first 100 MB to the end of the stream it must grow less than BOUND.
 * (Holding the input would add >= 200 MB over that stretch.)
 */
const WARMUP_CHUNKS = (100 * 1024 * 1024) / 65536;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A 64 KiB chunk made of `unit` repeated, padded with spaces (never cutting a character). */
function chunkOf(unit: string): Buffer {
  const whole = Buffer.from(unit.repeat(Math.floor(CHUNK / Buffer.byteLength(unit, 'utf8'))), 'utf8');
  return Buffer.concat([whole, Buffer.alloc(CHUNK - whole.length, 0x20)]);
}

interface Run {
  findings: { secret: string; line: number; offset: number }[];
  /** Largest live-memory growth seen after a forced GC. */
  liveGrowth: number;
  /** RSS growth from the end of the warm-up to the largest RSS seen after it. */
  steadyRssGrowth: number;
  bytes: number;
}

const live = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/**
 * Streams TOTAL bytes of `filler` chunks, with `plant` chunks at a few chunk indexes, and samples
 * memory (after a forced GC) every 320 chunks (20 MB) while the scan runs.
 */
async function run(filler: Buffer, plants: Map<number, Buffer>): Promise<Run> {
  const chunks = Math.ceil(TOTAL / CHUNK);
  gc();
  const before = live();
  let maxLive = before;
  let warmRss = 0;
  let maxRss = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < chunks; i++) {
      if (i % 320 === 0 || i === WARMUP_CHUNKS) {
        gc();
        maxLive = Math.max(maxLive, live());
        const rss = process.memoryUsage().rss;
        if (i === WARMUP_CHUNKS) warmRss = rss;
        if (i >= WARMUP_CHUNKS) maxRss = Math.max(maxRss, rss);
      }
      yield plants.get(i) ?? filler;
    }
  }
  const scan = scanStream(source());
  const findings: Run['findings'] = [];
  for await (const f of scan) findings.push({ secret: f.secret, line: f.line, offset: f.offset });
  return { findings, liveGrowth: maxLive - before, steadyRssGrowth: maxRss - warmRss, bytes: scan.stats.bytes };
}

describe('constant memory', () => {
  it('300 MB of many lines, with keys planted throughout', async () => {
    const filler = chunkOf('The quick brown fox jumps over the lazy dog; café 😀 x = 1\n');
    const keys = [10, 2000, 4799].map((i) => [i, generateIdentifiableKey(`mem-${i}`)] as const);
    const plants = new Map<number, Buffer>();
    for (const [i, key] of keys) {
      const chunk = Buffer.from(filler);
      chunk.write(`\n"${key}"\n`, 1000, 'utf8');
      plants.set(i, chunk);
    }
    const result = await run(filler, plants);
    expect(result.bytes).toBe(Math.ceil(TOTAL / CHUNK) * CHUNK);
    expect(result.findings.map((f) => f.secret)).toEqual(keys.map(([, k]) => k));
    // the key sits 1000 bytes (plus the newline) into its chunk
    expect(result.findings.map((f) => f.offset)).toEqual(keys.map(([i]) => i * CHUNK + 1002));
    expect(result.liveGrowth).toBeLessThan(BOUND);
    expect(result.steadyRssGrowth).toBeLessThan(BOUND);
  });

  it('a single 300 MB line with no newline', async () => {
    const filler = chunkOf('lorem ipsum dolor sit amet ');
    const key = generateLegacyKey('mem-line');
    const plant = Buffer.from(filler);
    plant.write(` "Endpoint=https://long.service.signalr.net;AccessKey=${key};Version=1.0;" `, 30000, 'utf8');
    const result = await run(filler, new Map([[3000, plant]]));
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.secret).toBe(key);
    expect(result.findings[0]!.line).toBe(1);
    expect(result.findings[0]!.offset).toBe(3000 * CHUNK + 30000 + ' "Endpoint=https://long.service.signalr.net;AccessKey='.length);
    expect(result.liveGrowth).toBeLessThan(BOUND);
    expect(result.steadyRssGrowth).toBeLessThan(BOUND);
  });
});
