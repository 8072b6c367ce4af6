/**
 * Pathological inputs finish in linear time. No absolute speed is asserted: each case is timed
 * at size N and 4N (best of 3, interleaved), and 4N may take at most 8x as long as N (linear
 * gives ~4x, quadratic ~16x). The machine may be busy with other work, so a case gets up to
 * three attempts; a quadratic matcher fails all of them.
 */
import { describe, expect, it } from 'vitest';
import { scanStream, scanText } from '../src/index.js';
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

  it('"ClientSecret=" repeated, and azure.app strings repeated on one line', () => {
    expectLinear((n) => repeatTo('ClientSecret=', n), 64 * 1024);
    expectLinear((n) => repeatTo(`Endpoint=https://a.service.signalr.net;AuthType=azure.app;ClientSecret=${'x'.repeat(30)}`, n), 128 * 1024);
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
