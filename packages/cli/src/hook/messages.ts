import { type Finding, rotationFor, rules } from '@keyguard/core';

/**
 * What to do after `scan --staged` blocked a commit: printed after the findings (stderr). Step 2
 * gives each rule found its own rotation (from the rule's remediation in `@keyguard/core`), with
 * the resource name when all of that rule's findings name the same valid one; without findings,
 * every rule's.
 */
export function stagedNextSteps(findings?: readonly Pick<Finding, 'ruleId' | 'context'>[]): string[] {
  const found = findings === undefined ? undefined : new Set(findings.map((f) => f.ruleId));
  const rotations: string[] = [];
  for (const rule of rules) {
    if (found !== undefined && !found.has(rule.id)) continue;
    const names = new Set((findings ?? []).filter((f) => f.ruleId === rule.id).map((f) => f.context.resourceName));
    const resourceName = names.size === 1 ? [...names][0] : undefined;
    const { where, command } = rotationFor({ ruleId: rule.id, context: resourceName === undefined ? {} : { resourceName } });
    rotations.push(`     ${rule.title}: ${where}, or \`${command}\`.`);
  }
  return [
    'keyguard: this commit would add the secret(s) above. Next steps:',
    '  1. Remove the secret from the file, load it from configuration or a secret store instead, then `git add` the fix.',
    '  2. If the secret was ever pushed, shared or logged, treat it as leaked: regenerate or revoke it.',
    ...rotations,
    '  3. If it is not a real secret (sample, test value), add a `keyguard:allow` comment on its line,',
    '     or record it with `keyguard baseline --output .keyguard-baseline.json` and add',
    '     `"baseline": ".keyguard-baseline.json"` to keyguard.config.json (every hook manager then uses it).',
    '  To skip the check once: `KEYGUARD_SKIP=1 git commit ...` (keyguard only), `SKIP=keyguard git commit ...`',
    '  (pre-commit framework), or `git commit --no-verify` (every hook).',
  ];
}
