/** Inline ignore markers and scan options: minConfidence, rules, allow; the finding's derived fields. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ScanOptions, ALL_RULE_IDS, scanStream, scanText } from '../src/index.js';
import { generateEntraClientSecret, generateIdentifiableKey, generateLegacyKey } from '../src/testing/index.js';
import { chunked, collect } from './helpers.js';

const ident = generateIdentifiableKey('opts');

describe('inline ignore markers', () => {
  const cases: [string, string, boolean][] = [
    ['keyguard:allow on the line (after)', `k = "${ident}" // keyguard:allow`, false],
    ['keyguard:allow on the line (before)', `/* keyguard:allow */ k = "${ident}"`, false],
    ['keyguard:allow-next-line on the previous line', `// keyguard:allow-next-line\nk = "${ident}"`, false],
    ['keyguard:allow-next-line on the previous line, CRLF', `// keyguard:allow-next-line\r\nk = "${ident}"`, false],
    ['keyguard:allow-next-line on the previous line, lone CR', `// keyguard:allow-next-line\rk = "${ident}"`, false],
    ['keyguard:allow-next-line on the same line does not apply', `k = "${ident}" // keyguard:allow-next-line`, true],
    ['keyguard:allow-next-line two lines above does not apply', `// keyguard:allow-next-line\n\nk = "${ident}"`, true],
    ['keyguard:allow on the previous line does not apply', `// keyguard:allow\nk = "${ident}"`, true],
    ['keyguard:allow on the next line does not apply', `k = "${ident}"\n// keyguard:allow`, true],
    ['gitleaks:allow', `k = "${ident}" # gitleaks:allow`, false],
    ['pragma: allowlist secret', `k = "${ident}"  # pragma: allowlist secret`, false],
    ['pragma: allowlist nextline secret', `# pragma: allowlist nextline secret\nk = "${ident}"`, false],
    ['no marker', `k = "${ident}"`, true],
    ['a look-alike word', `k = "${ident}" // keyguard-allow, keyguard: allow, allow-next-line`, true],
  ];

  it.each(cases)('%s', async (_name, text, reported) => {
    const padded = `${'filler line\n'.repeat(3)}${text}\n${'filler line\n'.repeat(3)}`;
    expect(scanText(padded).length).toBe(reported ? 1 : 0);
    // the stream counts what a marker suppressed
    const scan = scanStream(chunked(Buffer.from(padded), () => 7));
    expect((await collect(scan)).length).toBe(reported ? 1 : 0);
    expect(scan.stats.suppressed).toBe(reported ? 0 : 1);
    // with inlineIgnore: false every marker is ignored
    expect(scanText(padded, { inlineIgnore: false })).toHaveLength(1);
  });

  it('a marker only covers its own line: the other key on another line is reported', () => {
    const other = generateIdentifiableKey('opts-other');
    const text = `a = "${ident}" // keyguard:allow\nb = "${other}"\n`;
    expect(scanText(text).map((f) => f.secret)).toEqual([other]);
  });

  it('a marker on a long line far from the key (within the same line) still applies', () => {
    const text = `k = "${ident}"${' '.repeat(1500)}// keyguard:allow`;
    expect(scanText(text)).toEqual([]);
  });
});

describe('minConfidence', () => {
  const low = generateLegacyKey('conf-low');
  const medium = generateLegacyKey('conf-medium');
  const high = generateLegacyKey('conf-high');
  const text = [
    `# signalr\nvalue = ${low}`,
    `${'.'.repeat(700)}\naccessKey: "${medium}"`,
    `${'.'.repeat(700)}\n"Endpoint=https://c.service.signalr.net;AccessKey=${high};Version=1.0;"`,
  ].join('\n');

  it.each([
    [undefined, [medium, high]],
    ['low', [low, medium, high]],
    ['medium', [medium, high]],
    ['high', [high]],
  ] as const)('minConfidence %s', (min, secrets) => {
    const options: ScanOptions = min === undefined ? {} : { minConfidence: min };
    const findings = scanText(text, options);
    expect(findings.map((f) => f.secret)).toEqual(secrets);
    expect(scanText(text, { minConfidence: 'low' }).map((f) => f.confidence)).toEqual(['low', 'medium', 'high']);
  });
});

describe('rules on and off', () => {
  const asrs = generateIdentifiableKey('rules-asrs', 'ASRS');
  const awps = generateIdentifiableKey('rules-awps', 'AWPS');
  const entra = generateEntraClientSecret('rules');
  const text = `a = "${asrs}"\nb = "${awps}"\nc = "Endpoint=https://r.service.signalr.net;AuthType=azure.app;ClientId=x;ClientSecret=${entra};Version=1.0;"\n`;

  it('all rules are on by default', () => {
    expect(scanText(text).map((f) => f.ruleId)).toEqual(['azure-signalr-access-key', 'azure-web-pubsub-access-key', 'azure-signalr-client-secret']);
    expect([...ALL_RULE_IDS].sort()).toEqual([
      'azure-cosmos-db-account-key',
      'azure-identifiable-key',
      'azure-service-bus-shared-access-key',
      'azure-signalr-access-key',
      'azure-signalr-client-secret',
      'azure-storage-account-key',
      'azure-web-pubsub-access-key',
    ]);
  });

  it.each(ALL_RULE_IDS.map((id) => [id]))('turning %s off drops only its findings', (id) => {
    const findings = scanText(text, { rules: { [id]: false } });
    const inSourceOrder = ['azure-signalr-access-key', 'azure-web-pubsub-access-key', 'azure-signalr-client-secret'];
    expect(findings.map((f) => f.ruleId)).toEqual(inSourceOrder.filter((r) => r !== id));
  });

  it('naming a rule true keeps it; turning all off finds nothing', () => {
    expect(scanText(text, { rules: { 'azure-signalr-access-key': true } })).toHaveLength(3);
    expect(scanText(text, { rules: Object.fromEntries(ALL_RULE_IDS.map((id) => [id, false])) })).toEqual([]);
  });
});

describe('allow list', () => {
  const a = generateIdentifiableKey('allow-a');
  const b = generateIdentifiableKey('allow-b');
  const text = `x = "${a}"\ny = "${b}"\n`;
  const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

  it('by fingerprint (sha256 of ruleId:secret)', () => {
    expect(scanText(text, { allow: [sha(`azure-signalr-access-key:${a}`)] }).map((f) => f.secret)).toEqual([b]);
  });

  it('by exact value', () => {
    expect(scanText(text, { allow: [b] }).map((f) => f.secret)).toEqual([a]);
  });

  it('a fingerprint for another rule, or a partial value, does not allow', () => {
    expect(scanText(text, { allow: [sha(`azure-web-pubsub-access-key:${a}`), a.slice(0, 40), `${b} `] })).toHaveLength(2);
  });

  it('suppressions are counted by the stream', async () => {
    const scan = scanStream(chunked(Buffer.from(text), () => 13), { allow: [a, b] });
    expect(await collect(scan)).toEqual([]);
    expect(scan.stats.suppressed).toBe(2);
  });
});

describe('finding fields', () => {
  it('fingerprint, masked and message are derived from rule and secret only', () => {
    const key = generateLegacyKey('fields');
    const text = `Endpoint=https://f.service.signalr.net;AccessKey=${key};Version=1.0;`;
    const [f] = scanText(text);
    expect(f!.fingerprint).toBe(createHash('sha256').update(`azure-signalr-access-key:${key}`).digest('hex'));
    expect(f!.masked).toBe(`${key.slice(0, 4)}…`);
    expect(f!.message).toContain(f!.masked);
    expect(f!.message).not.toContain(key.slice(0, 8));
    expect(JSON.stringify({ ...f, secret: undefined })).not.toContain(key.slice(4, 20));
    // the same key elsewhere, moved and re-encoded, has the same fingerprint
    const moved = scanText(`\n\n  cs=Endpoint%3Dhttps%3A%2F%2Fg.service.signalr.net%3BAccessKey%3D${encodeURIComponent(key)}%3B`);
    expect(moved.map((m) => m.fingerprint)).toEqual([f!.fingerprint]);
  });
});

describe('inline markers are whole words', () => {
  it('keyguard:allowed or gitleaks:allowlist do not suppress', async () => {
    const { scanText: scan } = await import('../src/index.js');
    const { generateLegacyKey: key } = await import('../src/testing/index.js');
    const line = (marker: string) => `accessKey: "${key('marker-word')}" // ${marker}`;
    expect(scan(line('keyguard:allow'))).toHaveLength(0);
    expect(scan(line('keyguard:allowed'))).toHaveLength(1);
    expect(scan(line('gitleaks:allowlist'))).toHaveLength(1);
    expect(scan(`# keyguard:allow-next-lines\n${line('')}`)).toHaveLength(1);
  });
});
