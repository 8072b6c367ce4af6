import { type FlagSpec, flagLabel } from '../src/flags.js';

/**
 * Does `help` give `flag` an entry of its own, as the flag table names it: its Usage line, a line
 * of its group's labels, or an Options line that starts with its label (a mention in another
 * flag's text does not count)?
 */
export function hasHelpEntry(help: string, flag: FlagSpec): boolean {
  const lines = help.split('\n');
  if (flag.usage !== undefined) return lines.some((line) => line.startsWith(`  ${flag.usage} `));
  const label = flagLabel(flag);
  if (flag.group !== undefined) return lines.some((line) => line.startsWith('      --') && line.split(/, | /).join(' ').includes(label));
  const start = flag.short !== undefined ? `  ${label}` : `      ${label}`;
  return lines.some((line) => line === start || line.startsWith(`${start} `));
}
