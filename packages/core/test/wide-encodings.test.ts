/** UTF-32 with a BOM, and UTF-16 without one: decoded and scanned, never called binary. */
import { describe, expect, it } from 'vitest';
import { scanBytes, scanStream, SkippedInputError } from '../src/index.js';
import { generateLegacyKey } from '../src/testing/index.js';

const key = generateLegacyKey('wide-encodings');
const text = `# settings 🙂\r\nAzure__SignalR__ConnectionString=Endpoint=https://chat-prod.service.signalr.net;AccessKey=${key};Version=1.0;\n`;
const column = text.split('\r\n')[1]!.indexOf(key) + 1;

function utf32(s: string, bigEndian: boolean, bom: boolean): Buffer {
  const points = [...(bom ? '\uFEFF' : ''), ...s].map((c) => c.codePointAt(0)!);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => (bigEndian ? out.writeUInt32BE(p, i * 4) : out.writeUInt32LE(p, i * 4)));
  return out;
}

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

async function streamed(bytes: Buffer, chunk: number): Promise<{ findings: { secret: string; line: number; column: number; offset: number }[]; encoding: string | undefined }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const scan = scanStream(chunks);
  const findings = [];
  for await (const f of scan) findings.push(f);
  return { findings, encoding: scan.stats.encoding };
}

describe('wide encodings', () => {
  it.each([
    ['UTF-32 LE with BOM', utf32(text, false, true), 'utf-32le', 4],
    ['UTF-32 BE with BOM', utf32(text, true, true), 'utf-32be', 4],
    ['UTF-16 LE without BOM', Buffer.from(text, 'utf16le'), 'utf-16le', 2],
    ['UTF-16 BE without BOM', utf16be(text), 'utf-16be', 2],
  ])('%s: the key is found at its line and column, whole or in odd chunks', async (_name, bytes, encoding, unit) => {
    const { findings, stats } = scanBytes(bytes);
    expect(stats.encoding).toBe(encoding);
    expect(findings.map((f) => [f.secret, f.line, f.column])).toEqual([[key, 2, column]]);
    const bom = encoding.startsWith('utf-32') ? 4 : 0;
    const before = text.slice(0, text.indexOf(key));
    const unitsBefore = unit === 4 ? [...before].length : before.length;
    expect(findings[0]!.offset).toBe(bom + unit * unitsBefore);
    for (const chunk of [1, 3, 7, 4096]) {
      const s = await streamed(bytes, chunk);
      expect(s.encoding).toBe(encoding);
      expect(s.findings.map((f) => [f.secret, f.line, f.column])).toEqual([[key, 2, column]]);
    }
  });

  it('binary data with scattered NULs is still binary', () => {
    const binary = Buffer.alloc(4096);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 251;
    expect(() => scanBytes(binary)).toThrow(SkippedInputError);
    // A little-endian integer table: NULs in the high bytes but not every other byte's partner.
    const ints = Buffer.alloc(4096);
    for (let i = 0; i < 1024; i++) ints.writeUInt32LE(i * 3, i * 4);
    expect(() => scanBytes(ints)).toThrow(SkippedInputError);
  });
});
