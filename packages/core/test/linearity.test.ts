/**
 * Pathological inputs finish in linear time. No absolute speed is asserted: each case is timed
 * at size N and 4N (best of 3, interleaved), and 4N may take at most 8x as long as N (linear
 * gives ~4x, quadratic ~16x). The machine may be busy with other work, so a case gets up to
 * three attempts; a quadratic matcher fails all of them.
 *
 * Linear is not enough: a matcher that reads a bounded window (a 2 KiB connection-string region,
 * 600 characters of evidence) for every candidate is linear, and 100-1000x slower than the text
 * is long when every few characters are a candidate. So the adversarial patterns (the ones of
 * `pnpm bench --only adversarial`) are also timed against plain source text of the same size,
 * in the same way: at most PLAIN_BOUND times as long. The benchmark measures the speed itself.
 */
import { describe, expect, it } from 'vitest';
import { scanBytes, scanStream, scanText } from '../src/index.js';
import { PositionTracker } from '../src/position-tracker.js';
import { PREFILTER_MAX_COPY_BYTES } from '../src/prefilter.js';
import { latin1Utf8Model } from '../src/text-model.js';
import { generateLegacyKey } from '../src/testing/index.js';
import { chunked, collect, prng } from './helpers.js';


const FACTOR = 4;
const BOUND = 8;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const keys = Array.from({ length: 64 }, (_, i) => generateLegacyKey(`linear-${i}`));

const B64_CODES = Buffer.from(B64, 'latin1');

function randomBase64(length: number, seed: number, padEvery = 0): string {
  const r = prng(seed);
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) out[i] = padEvery > 0 && i % padEvery === padEvery - 1 ? 0x3d : B64_CODES[(r() * 64) | 0]!;
  return out.toString('latin1');
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function keysJoined(length: number, make: (key: string, i: number) => string): string {
  const parts: string[] = [];
  let have = 0;
  for (let i = 0; have < length; i++) {
    const part = make(keys[i % keys.length]!, i);
    parts.push(part);
    have += part.length;
  }
  return parts.join('').slice(0, length);
}

type Scan = (text: string) => void;
const viaText: Scan = (text) => {
  scanText(text, { minConfidence: 'low' });
};

function bestOf3(texts: string[], scan: Scan): number[] {
  const best = texts.map(() => Infinity);
  for (let round = 0; round < 3; round++) {
    texts.forEach((text, i) => {
      const start = performance.now();
      scan(text);
      best[i] = Math.min(best[i]!, performance.now() - start);
    });
  }
  return best;
}

function expectLinear(make: (length: number) => string, n: number, scan: Scan = viaText): void {
  const texts = [make(n), make(FACTOR * n)];
  expect(texts[1]!.length).toBe(FACTOR * texts[0]!.length);
  const ratios: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const [small, large] = bestOf3(texts, scan);
    ratios.push(large! / Math.max(small!, 0.5));
    if (ratios[ratios.length - 1]! <= BOUND) break;
  }
  expect(Math.min(...ratios), `ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}`).toBeLessThanOrEqual(BOUND);
}

const MB = 1024 * 1024;

/**
 * How much longer than plain source text of the same size an adversarial pattern may take. The
 * engine takes 2-8x on every pattern (one pass; bounded work per candidate shared through the
 * word index); per-candidate window reads took 15x (`JQQJ99`) to 2000x (`ClientSecret=`).
 */
const PLAIN_BOUND = 20;

/** Source text with no secret: assignments, calls, strings, URLs, comments; a few '=' per line. */
const PLAIN_UNIT = [
  "import { createServer } from 'node:http';",
  'const port = Number(process.env.PORT ?? 8080); // the port to listen on',
  'export function handle(request, response) {',
  "  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);",
  "  if (url.pathname === '/health') return response.end('ok');",
  '  let total = 0;',
  '  for (let i = 0; i < items.length; i += 1) total += items[i].price * items[i].count;',
  "  response.setHeader('Content-Type', 'application/json; charset=utf-8');",
  '  response.end(JSON.stringify({ total, currency: "EUR", at: new Date().toISOString() }));',
  '}',
  '/* Retries with exponential back-off: 100 ms, 200 ms, 400 ms, then gives up. */',
  'async function retry(fn, attempts = 3) { for (let n = 0; n < attempts; n++) { try { return await fn(); } catch (e) { await sleep(100 << n); } } }',
  '#define BUFFER_SIZE (4 * 1024) /* bytes */',
  'static int parse_header(const char *line, size_t len) { return len > 0 && line[0] != \'#\'; }',
  '',
].join('\n');

const plainText = (length: number): string => repeatTo(PLAIN_UNIT, length);

/** 44-character key shapes (43 random base64 characters and '='), no evidence anywhere. */
function keyShapes(length: number, seed: number): string[] {
  const r = prng(seed);
  const out: string[] = [];
  for (let have = 0; have < length; have += 45) {
    const shape = Buffer.allocUnsafe(44);
    for (let i = 0; i < 43; i++) shape[i] = B64_CODES[(r() * 64) | 0]!;
    shape[43] = 0x3d;
    out.push(shape.toString('latin1'));
  }
  return out;
}

/** The patterns of the adversarial benchmark (benchmarks/src/suites/adversarial-worker.mjs). */
const ADVERSARIAL: [string, (length: number) => string][] = [
  ['=', (n) => '='.repeat(n)],
  ['ClientSecret=', (n) => repeatTo('ClientSecret=', n)],
  ['AuthType=azure.app;ClientSecret=', (n) => repeatTo('AuthType=azure.app;ClientSecret=', n)],
  ['AccessKey=', (n) => repeatTo('AccessKey=', n)],
  ['Endpoint=https://a.service.signalr.net;', (n) => repeatTo('Endpoint=https://a.service.signalr.net;', n)],
  ['%2B', (n) => repeatTo('%2B', n)],
  ['\\u002B', (n) => repeatTo('\\u002B', n)],
  ['\\\\/', (n) => repeatTo('\\\\/', n)],
  ['JQQJ99', (n) => repeatTo('JQQJ99', n)],
  ['${', (n) => repeatTo('${', n)],
  ['{{', (n) => repeatTo('{{', n)],
  ['<', (n) => repeatTo('<', n)],
  ['space-separated 44-character base64 tokens', (n) => keyShapes(n, 4).join(' ').slice(0, n)],
  ['one line of quoted base64 strings', (n) => keyShapes(n, 5).map((t) => `"${t}"`).join(',').slice(0, n)],
];

/**
 * Pieces a split or wrapped key is reassembled from (joined-scan.ts), with no key in them. Each
 * join that carries a key's worth of characters costs a run (about a microsecond): linear, but
 * a flood of them is more than PLAIN_BOUND times plain text, so only linearity is asserted.
 */
const JOINED_FLOODS: [string, (length: number) => string][] = [
  ['key shapes split across joined literals', (n) => keyShapes(n, 6).map((t) => `"${t.slice(0, 20)}" + "${t.slice(20)}"`).join(';\n').slice(0, n)],
  ['a base64 blob split into joined literals', (n) => `x = ${repeatTo('"' + randomBase64(60, 7) + '" +\n', n)}`.slice(0, n)],
  ['a base64 blob wrapped at 76 columns', (n) => repeatTo(`${randomBase64(76, 8)}\n`, n)],
  ['key shapes wrapped at 64 columns', (n) => keyShapes(n, 9).join('').replace(/.{64}/g, '$&\n').padEnd(n, '\n').slice(0, n)],
];

/** `make(n)` takes at most PLAIN_BOUND times as long as plain source text of n characters. */
function expectNearPlain(make: (length: number) => string, n: number, scan: Scan = viaText): void {
  const texts = [plainText(n), make(n)];
  expect(texts[1]!.length).toBe(n);
  const ratios: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const [plain, pattern] = bestOf3(texts, scan);
    ratios.push(pattern! / Math.max(plain!, 0.5));
    if (ratios[ratios.length - 1]! <= PLAIN_BOUND) break;
  }
  expect(Math.min(...ratios), `ratios to plain text ${ratios.map((r) => r.toFixed(2)).join(', ')}`).toBeLessThanOrEqual(PLAIN_BOUND);
}

describe('linear time on pathological input', () => {
  it('tens of MB of random base64 characters (no padding)', () => {
    expectLinear((n) => randomBase64(n, 1), 8 * MB);
  });

  it('a run of "="', () => {
    expectLinear((n) => '='.repeat(n), 2 * MB);
  });

  it('"A" x 43 then "=", repeated (a key shape on every 44th character)', () => {
    expectLinear((n) => repeatTo(`${'A'.repeat(43)}=`, n), 2 * MB);
  });

  it('random 43-character base64 runs each closed by "=" (key shapes, no evidence)', () => {
    expectLinear((n) => randomBase64(n, 2, 44), 2 * MB);
  });

  it('a base64 run with "=" every few characters', () => {
    expectLinear((n) => randomBase64(n, 3, 7), 2 * MB);
  });

  it('encoded padding anchors: %3D, \\u003D and JQQJ9 repeated', () => {
    expectLinear((n) => repeatTo('%3D', n), 2 * MB);
    expectLinear((n) => repeatTo('\\u003D', n), 2 * MB);
    expectLinear((n) => repeatTo('JQQJ99', n), 2 * MB);
  });

  it('one giant line of real keys with weak evidence (every key a finding)', () => {
    const make = (n: number): string => keysJoined(n, (key) => `signalr ${key} `);
    expect(scanText(make(64 * 1024), { minConfidence: 'low' }).length).toBeGreaterThan(1000);
    expectLinear(make, 64 * 1024);
  });

  it('one giant line of SignalR connection strings (every key a high-confidence finding)', () => {
    expect(scanText(keysJoined(64 * 1024, (key, i) => `Endpoint=https://r${i}.service.signalr.net;AccessKey=${key};`)).length).toBeGreaterThan(500);
    expectLinear((n) => keysJoined(n, (key, i) => `Endpoint=https://r${i}.service.signalr.net;AccessKey=${key};`), 128 * 1024);
  });

  it('keys split across joined literals, and wrapped lines (every key a finding)', () => {
    const split = (n: number): string => keysJoined(n, (key, i) => `cs${i} = "Endpoint=https://r${i}.service.signalr.net;AccessKey=${key.slice(0, 9)}" + "${key.slice(9)};";\n`);
    expect(scanText(split(64 * 1024)).length).toBeGreaterThan(500);
    expectLinear(split, 128 * 1024);
    const wrapped = (n: number): string => keysJoined(n, (key, i) => `${`Endpoint=https://r${i}.service.signalr.net;AccessKey=${key};Version=1.0;`.padEnd(120, '-').replace(/.{80}/, '$&\n')}\n`);
    expect(scanText(wrapped(64 * 1024)).length).toBeGreaterThan(400);
    expectLinear(wrapped, 128 * 1024);
  });

  it('positions counted per finding along one long line (no line feed before its end)', () => {
    // What the scanner does for each finding: advance the tracker a little. A line-feed search
    // that cannot stop at the range's end reads to the end of the text every time (quadratic).
    const advanceInSteps: Scan = (text) => {
      const tracker = new PositionTracker(0, latin1Utf8Model);
      for (let at = 0; at <= text.length; at += 512) tracker.advance(text, 0, at);
    };
    expectLinear((n) => 'x'.repeat(n), MB, advanceInSteps);
  });

  it('"ClientSecret=" repeated, and azure.app strings repeated on one line', () => {
    expectLinear((n) => repeatTo('ClientSecret=', n), 64 * 1024);
    expectLinear((n) => repeatTo(`Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientSecret=${'x'.repeat(30)}`, n), 128 * 1024);
  });
});

describe('adversarial patterns (pnpm bench --only adversarial): linear, and near plain text', () => {
  it.each(ADVERSARIAL)('%s', (_name, make) => {
    expectLinear(make, MB);
    expectNearPlain(make, 4 * MB);
  });

  it.each(JOINED_FLOODS)('joined pieces: %s (linear)', (_name, make) => {
    expectLinear(make, MB);
  });

  it('key shapes each after the word "access" (no evidence: an access-key name needs access[_-]?key)', () => {
    const make = (n: number): string => keyShapes(n, 7).map((t) => `access ${t}`).join(' ').slice(0, n);
    expect(scanText(make(64 * 1024), { minConfidence: 'low' })).toEqual([]);
    expectNearPlain(make, 4 * MB);
  });

  it('through scanBytes too (1 MiB UTF-8 windows): ClientSecret= and key shapes near plain text', () => {
    const viaBytes: Scan = (text) => {
      scanBytes(Buffer.from(text, 'latin1'), { minConfidence: 'low' });
    };
    // Bigger than the pre-filter takes, so plain text goes through the matcher too.
    const n = PREFILTER_MAX_COPY_BYTES + MB;
    expectNearPlain(ADVERSARIAL[1]![1], n, viaBytes);
    expectNearPlain(ADVERSARIAL[12]![1], n, viaBytes);
  });
});

describe('linear time through the stream', () => {
  async function timeStream(text: string): Promise<number> {
    const bytes = Buffer.from(text, 'latin1');
    const start = performance.now();
    await collect(scanStream(chunked(bytes, () => 65536), { minConfidence: 'low' }));
    return performance.now() - start;
  }

  it.each([
    ['a run of "="', (n: number) => '='.repeat(n), 2 * MB],
    ['"A" x 43 then "=", repeated', (n: number) => repeatTo(`${'A'.repeat(43)}=`, n), 2 * MB],
    ['connection strings on one line', (n: number) => keysJoined(n, (key, i) => `Endpoint=https://r${i}.service.signalr.net;AccessKey=${key};`), 128 * 1024],
    ['"ClientSecret=" repeated', (n: number) => repeatTo('ClientSecret=', n), MB],
    ['space-separated 44-character base64 tokens', (n: number) => keyShapes(n, 6).join(' ').slice(0, n), MB],
  ] as const)('%s', async (_name, make, n) => {
    const texts = [make(n), make(FACTOR * n)];
    const ratios: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const best = [Infinity, Infinity];
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 2; i++) best[i] = Math.min(best[i]!, await timeStream(texts[i]!));
      }
      ratios.push(best[1]! / Math.max(best[0]!, 0.5));
      if (ratios[ratios.length - 1]! <= BOUND) break;
    }
    expect(Math.min(...ratios), `ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}`).toBeLessThanOrEqual(BOUND);
  });
});
