import type { ReportedFinding, SkippedEntry } from '../outcome.js';
import { INNER_SEPARATOR } from './entry.js';
import type { ArchiveScan } from './scan-archive.js';

/**
 * An archive's findings and skipped entries as reported: `path` is the archive's shown path,
 * `!/`, and the path inside (`deploy.zip!/appsettings.json`); `archive` and `inner` keep the
 * two apart for formats that need them (SARIF's artifact is the archive). `extra` (a commit,
 * an author) goes on each.
 */
export function archiveEntries<T extends object>(shown: string, scan: ArchiveScan, extra: T): { findings: (ReportedFinding & T)[]; skipped: (SkippedEntry & T)[] } {
  const findings = scan.findings.map(({ inner, ...f }) => ({ ...f, ...extra, path: `${shown}${INNER_SEPARATOR}${inner}`, archive: shown, inner }));
  const skipped = scan.skipped.map(({ inner, reason }) =>
    inner === '' ? { ...extra, path: shown, reason } : { ...extra, path: `${shown}${INNER_SEPARATOR}${inner}`, archive: shown, inner, reason },
  );
  return { findings, skipped };
}
