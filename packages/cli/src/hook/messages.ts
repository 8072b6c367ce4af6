/** What to do after `scan --staged` blocked a commit: printed after the findings (stderr). */
export function stagedNextSteps(): string[] {
  return [
    'keyguard: this commit would add the secret(s) above. Next steps:',
    '  1. Remove the secret from the file, load it from configuration or a secret store instead, then `git add` the fix.',
    '  2. If the key was ever pushed, shared or logged, treat it as leaked: regenerate it',
    '     (Azure portal > Keys > Regenerate, or `az signalr key renew --name <resource> --resource-group <rg> --key-type primary`).',
    '  3. If it is not a real secret (sample, test value), add a `keyguard:allow` comment on its line,',
    '     or record it with `keyguard baseline --output .keyguard-baseline.json` and add',
    '     `"baseline": ".keyguard-baseline.json"` to keyguard.config.json (every hook manager then uses it).',
    '  To skip the check once: `KEYGUARD_SKIP=1 git commit ...` (keyguard only), `SKIP=keyguard git commit ...`',
    '  (pre-commit framework), or `git commit --no-verify` (every hook).',
  ];
}
