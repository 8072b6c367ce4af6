/** keyguard's exit codes: the one place they are defined. */
export const ExitCode = {
  /** Nothing found (skipped entries do not count unless --strict). */
  Clean: 0,
  /** At least one finding was reported. */
  Findings: 1,
  /** Usage, configuration or internal error. */
  Error: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix (bad flag, broken config, missing baseline): one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
