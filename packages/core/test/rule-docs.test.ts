/**
 * Each rule's page (docs/rules/<id>.md) is rendered from its folder: a page that says other
 * words than the folder fails here (node scripts/docs-rules.mjs rewrites them).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectors, rules } from '../src/index.js';
// @ts-expect-error a build script in plain JavaScript, outside the package
import { ruleDocument, rulesIndex } from '../../../scripts/rule-docs.mjs';

const ROOT = new URL('../../../', import.meta.url);
const render = ruleDocument as (d: (typeof detectors)[number]) => string;

describe('rule pages', () => {
  it.each(detectors.map((d) => [d.id, d] as const))('docs/rules/%s.md is its folder rendered', (id, detector) => {
    const page = readFileSync(new URL(`docs/rules/${id}.md`, ROOT), 'utf8');
    expect(page).toBe(render(detector));
    // The words come from the folder: its title, remediation command and every sample's name.
    expect(page).toContain(detector.title);
    expect(page).toContain(detector.advice.command.replaceAll('{resource}', '<resource>'));
    for (const s of [...detector.samples.truePositives, ...detector.samples.falsePositives]) expect(page).toContain(s.name);
    expect(rules.find((r) => r.id === id)!.docsUrl).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
  });

  it('the index lists every rule', () => {
    expect(readFileSync(new URL('docs/rules/README.md', ROOT), 'utf8')).toBe((rulesIndex as (d: typeof detectors) => string)(detectors));
  });

  it('scripts/docs-rules.mjs --check agrees', () => {
    const run = spawnSync(process.execPath, [new URL('scripts/docs-rules.mjs', ROOT).pathname, '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
