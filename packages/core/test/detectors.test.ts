import { describe, expect, it } from 'vitest';
import { detectors, scanText } from '../src/index.js';
import { expandTokens, secretOfToken } from '../src/testing/index.js';

// One generic test over every detector's own declared samples (gitleaks-style).
describe.each(detectors.map((d) => [d.id, d] as const))('%s', (_id, detector) => {
  it('declares metadata and samples', () => {
    expect(detector.title).not.toBe('');
    expect(detector.references.length).toBeGreaterThan(0);
    expect(detector.forms.length).toBeGreaterThan(0);
    expect(detector.samples.truePositives.length).toBeGreaterThan(0);
    expect(detector.samples.falsePositives.length).toBeGreaterThan(0);
  });

  it.each(detector.samples.truePositives.map((s) => [s.name, s] as const))('finds: %s', (_name, sample) => {
    const text = expandTokens(sample.text);
    const secret = secretOfToken(sample.secret);
    const findings = scanText(text, { minConfidence: 'low' });
    expect(findings.map((f) => [f.ruleId, f.confidence, f.secret])).toEqual([[detector.id, sample.confidence, secret]]);
    expect(detector.forms.some((form) => form.pattern.test(secret) && form.validate(secret))).toBe(true);
  });

  it.each(detector.samples.falsePositives.map((s) => [s.name, s] as const))('ignores: %s', (_name, sample) => {
    const findings = scanText(expandTokens(sample.text), { minConfidence: 'low' }).filter((f) => f.ruleId === detector.id);
    expect(findings).toEqual([]);
  });
});
