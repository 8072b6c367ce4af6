import { occurrencesOf } from '../aggregate.js';
import type { ScanOutcome } from '../outcome.js';

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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Bytes as people read them: 512 B, 1.5 KiB, 3.2 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/**
 * One quiet line for `scan --staged` (stderr), so a hook that scanned nothing is visible:
 * `keyguard: scanned 3 staged files (1.2 KiB), no secrets found`.
 */
export function stagedSummaryLine(outcome: Pick<ScanOutcome, 'files' | 'bytes' | 'findings' | 'skipped'>): string {
  const skipped = outcome.skipped.length > 0 ? `, ${outcome.skipped.length} skipped` : '';
  if (outcome.files === 0) {
    return `keyguard: nothing to scan: no staged text files${skipped}`;
  }
  const scanned = `scanned ${plural(outcome.files, 'staged file')} (${formatBytes(outcome.bytes)})${skipped}`;
  if (occurrencesOf(outcome.findings) === 0) return `keyguard: ${scanned}, no secrets found`;
  return `keyguard: ${scanned}, ${plural(occurrencesOf(outcome.findings), 'secret')} found`;
}
