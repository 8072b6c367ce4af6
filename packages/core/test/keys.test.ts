/** Key structure: Marvin32 and the identifiable-key checksum, the legacy key's 43rd character, service tags. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanText } from '../src/index.js';
import { hasValidChecksum, isIdentifiableKeyShape } from '../src/identifiable-key.js';
import { isLegacyAccessKey, otherServiceOf } from '../src/legacy-key.js';
import { marvin32 } from '../src/marvin32.js';
import { isLegacyKeyShape, OTHER_SERVICE_SIGNATURES } from '../src/legacy-key.js';
import { generateIdentifiableKey, generateLegacyKey, generateOtherServiceKey } from '../src/testing/index.js';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = `${BASE62}+/`;

/** The reference test vector (signalr-keys.md §2): synthetic, built from its three parts. */
const VECTOR = ['oHBvRPOIvGrv5iFlbCBFNOgmBjMtpsiaOclRz3AwzKsbVRJN9wVG', 'JQQJ99ALACFYGW2XJ3w3AAAAASRS', 'CbhZ'].join('');

/**
 * Marvin32 written again from the reference's prose, with BigInt arithmetic, so the library's
 * version is checked against an independent reading of the spec.
 */
function referenceMarvin32(bytes: Uint8Array): number {
  const M = 0xffffffffn;
  const rotl = (v: bigint, n: bigint): bigint => ((v << n) | (v >> (32n - n))) & M;
  let p0 = 0x756c7430n;
  let p1 = 0x44656661n;
  const mix = (): void => {
    p1 ^= p0;
    p0 = rotl(p0, 20n);
    p0 = (p0 + p1) & M;
    p1 = rotl(p1, 9n);
    p1 ^= p0;
    p0 = rotl(p0, 27n);
    p0 = (p0 + p1) & M;
    p1 = rotl(p1, 19n);
  };
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    p0 = (p0 + BigInt(new DataView(bytes.buffer, bytes.byteOffset + i, 4).getUint32(0, true))) & M;
    mix();
  }
  const left = bytes.length - i;
  const b = (k: number): bigint => BigInt(bytes[i + k]!);
  const tails = [(): bigint => 0x80n, () => 0x8000n | b(0), () => 0x800000n | (b(1) << 8n) | b(0), () => 0x80000000n | (b(2) << 16n) | (b(1) << 8n) | b(0)];
  const tail = tails[left]!();
  p0 = (p0 + tail) & M;
  mix();
  mix();
  return Number(p0 ^ p1);
}

function referenceChecksum(key: string): string {
  const bytes = Buffer.from(key.slice(0, 80), 'base64').subarray(0, 60);
  const out = Buffer.alloc(4);
  out.writeInt32LE(referenceMarvin32(bytes) | 0, 0);
  return out.toString('base64').slice(0, 4);
}

describe('Marvin32', () => {
  it('agrees with an independent implementation on random inputs of every tail length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(marvin32(bytes)).toBe(referenceMarvin32(bytes));
      }),
      { numRuns: 500 },
    );
    for (let n = 0; n < 9; n++) expect(marvin32(new Uint8Array(n).fill(0xa5))).toBe(referenceMarvin32(new Uint8Array(n).fill(0xa5)));
  });

  it('the reference test vector has a valid checksum', () => {
    expect(VECTOR).toHaveLength(84);
    expect(referenceChecksum(VECTOR)).toBe('CbhZ');
    expect(hasValidChecksum(VECTOR)).toBe(true);
    expect(isIdentifiableKeyShape(VECTOR)).toBe(true);
  });

  it('every single-character change of the test vector makes it invalid', () => {
    let variants = 0;
    for (let i = 0; i < VECTOR.length; i++) {
      for (const c of BASE64) {
        if (c === VECTOR[i]) continue;
        const changed = VECTOR.slice(0, i) + c + VECTOR.slice(i + 1);
        expect(isIdentifiableKeyShape(changed), `${i}:${c}`).toBe(false);
        if (BASE62.includes(c)) expect(hasValidChecksum(changed), `${i}:${c}`).toBe(false);
        variants += 1;
      }
    }
    expect(variants).toBe(84 * 63);
  });

  it('the test vector is found by the scanner alone, with no evidence; a changed one is not', () => {
    expect(scanText(`x ${VECTOR} y`).map((f) => [f.ruleId, f.confidence, f.secret])).toEqual([['azure-signalr-access-key', 'high', VECTOR]]);
    expect(scanText(`x ${VECTOR.slice(0, 10)}Q${VECTOR.slice(11)} y`, { minConfidence: 'low' })).toEqual([]);
  });

  it('generated identifiable keys have the documented layout and a checksum the reference agrees with', () => {
    for (const provider of ['ASRS', 'AWPS'] as const) {
      for (let s = 0; s < 20; s++) {
        const key = generateIdentifiableKey(`layout-${s}`, provider);
        expect(key).toMatch(/^[A-Za-z0-9]{52}JQQJ99[A-Z][A-L][A-Za-z0-9]{12}AAAA(ASRS|AWPS)[A-Za-z0-9]{4}$/);
        expect(key.slice(76, 80)).toBe(provider);
        expect(key.slice(80)).toBe(referenceChecksum(key));
      }
    }
  });

  it('the derived (JQQJ9D) and hashed (JQQJ9H) variants are keys too; other variants and months are not', () => {
    // Real keys are base62 throughout: vary the platform-reserved part until the checksum is too.
    const withChecksum = (prefix80: string): string => {
      for (const c of BASE62) {
        const p = `${prefix80.slice(0, 60)}${c}${prefix80.slice(61)}`;
        const sum = referenceChecksum(p);
        if (/^[A-Za-z0-9]{4}$/.test(sum)) return p + sum;
      }
      throw new Error('no base62 checksum');
    };
    const base = VECTOR.slice(0, 80);
    for (const variant of ['D', 'H']) expect(isIdentifiableKeyShape(withChecksum(`${base.slice(0, 57)}${variant}${base.slice(58)}`))).toBe(true);
    expect(isIdentifiableKeyShape(withChecksum(`${base.slice(0, 57)}X${base.slice(58)}`))).toBe(false);
    // month letter M is the 13th month
    expect(isIdentifiableKeyShape(withChecksum(`${base.slice(0, 59)}M${base.slice(60)}`))).toBe(false);
    expect(isIdentifiableKeyShape(withChecksum(`${base.slice(0, 59)}L${base.slice(60)}`))).toBe(true);
    // provider-reserved must be AAAA
    expect(isIdentifiableKeyShape(withChecksum(`${base.slice(0, 72)}AAAB${base.slice(76)}`))).toBe(false);
  });
});

describe('legacy key structure', () => {
  // 32 bytes are 256 bits; 43 characters carry 258, so the 43rd character's 2 low bits are zero
  // (the reference's prose says "4 low bits" but lists the 16 characters of the 2-bit rule).
  it('the 43rd character must have its 2 low bits zero: exactly AEIMQUYcgkosw048', () => {
    const key = generateLegacyKey('structure');
    const canonical: string[] = [];
    for (const c of BASE64) {
      const candidate = `${key.slice(0, 42)}${c}=`;
      if (isLegacyKeyShape(candidate)) canonical.push(c);
      // independently: the character's base64 value is a multiple of 4
      expect(isLegacyKeyShape(candidate), c).toBe(BASE64.indexOf(c) % 4 === 0);
    }
    expect(canonical.join('')).toBe('AEIMQUYcgkosw048');
  });

  it('any 32 bytes encode to a legacy key shape; 31 or 33 bytes do not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 31, maxLength: 33 }), (bytes, other) => {
        expect(isLegacyKeyShape(Buffer.from(bytes).toString('base64'))).toBe(true);
        if (other.length !== 32) expect(isLegacyKeyShape(Buffer.from(other).toString('base64'))).toBe(false);
      }),
    );
  });

  it('url-safe base64, a missing "=", or 45 characters are not legacy keys', () => {
    const key = generateLegacyKey('shape');
    expect(isLegacyKeyShape(key)).toBe(true);
    expect(isLegacyKeyShape(key.slice(0, 43))).toBe(false);
    expect(isLegacyKeyShape(`A${key}`)).toBe(false);
    expect(isLegacyKeyShape(`${key.slice(0, 5)}-${key.slice(6)}`)).toBe(false);
    expect(isLegacyKeyShape(`${key.slice(0, 5)}_${key.slice(6)}`)).toBe(false);
  });

  it('each other-service signature at characters 34-37 with a marker in A-P marks another service', () => {
    expect(Object.keys(OTHER_SERVICE_SIGNATURES).sort()).toEqual(
      ['+ASb', '+AEh', '+ARm', 'AIoT', 'AzFu', '+ASt', 'ACDb', 'AzCa', 'AzSe', '+ABa', '+AMC', '+ACR', '+SQL', 'APIM'].sort(),
    );
    const plain = generateLegacyKey('signature');
    for (const signature of Object.keys(OTHER_SERVICE_SIGNATURES)) {
      const tagged = generateOtherServiceKey('t', signature);
      expect(tagged.slice(33, 37)).toBe(signature);
      expect(otherServiceOf(tagged), signature).toBe(OTHER_SERVICE_SIGNATURES[signature]);
      expect(isLegacyAccessKey(tagged)).toBe(false);
      for (const marker of 'ABCDEFGHIJKLMNOP') {
        expect(otherServiceOf(`${tagged.slice(0, 37)}${marker}${tagged.slice(38)}`)).toBeDefined();
      }
      for (const marker of 'QRSTZaz09+/') {
        expect(otherServiceOf(`${tagged.slice(0, 37)}${marker}${tagged.slice(38)}`), `${signature}${marker}`).toBeUndefined();
      }
      // at another position the signature means nothing
      const moved = `${plain.slice(0, 20)}${signature}A${plain.slice(25)}`;
      expect(otherServiceOf(moved)).toBeUndefined();
      // found in a SignalR connection string only without the tag
      const text = (k: string): string => `Endpoint=https://a.service.signalr.net;AccessKey=${k};Version=1.0;`;
      expect(scanText(text(tagged), { minConfidence: 'low' })).toEqual([]);
      if (isLegacyAccessKey(moved)) expect(scanText(text(moved)).map((f) => f.secret)).toEqual([moved]);
    }
  });
});
