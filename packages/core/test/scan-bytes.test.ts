import { describe, expect, it } from 'vitest';
import { scanBytes, scanStream, SkippedInputError } from '../src/index.js';
import { generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { collect } from './helpers.js';

// scanBytes is the synchronous twin of scanStream: the CLI reads small files in one go.
describe('scanBytes', () => {
  const text = [
    '\ufeff// café ☕',
    `const a = "Endpoint=https://demo.service.signalr.net;AccessKey=${generateLegacyKey('bytes-1')};Version=1.0;";`,
    `accessKey: "${generateLegacyKey('bytes-2')}" // keyguard:allow`,
    `id = "${generateIdentifiableKey('bytes-3', 'AWPS')}"`,
  ].join('\r\n');

  it('gives exactly what scanStream gives, stats included', async () => {
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(1), 'utf16le')])]) {
      const streamed = scanStream([bytes]);
      const expected = await collect(streamed);
      const result = scanBytes(bytes);
      expect(result.findings).toEqual(expected);
      expect(result.stats).toEqual(streamed.stats);
      expect(result.findings.map((f) => f.ruleId)).toEqual(['azure-signalr-access-key', 'azure-web-pubsub-access-key']);
      expect(result.stats.suppressed).toBe(1);
    }
  });

  it('throws SkippedInputError for binary input', () => {
    const binary = Buffer.concat([Buffer.from('MZ\0\0'), Buffer.from(text)]);
    expect(() => scanBytes(binary)).toThrow(SkippedInputError);
    expect(() => scanBytes(binary)).toThrow('skipped: binary');
  });

  it('accepts empty input', () => {
    expect(scanBytes(new Uint8Array(0))).toEqual({ findings: [], stats: { bytes: 0, suppressed: 0, encoding: 'utf-8' } });
  });
});
