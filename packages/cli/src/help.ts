import { FLAGS, type FlagSpec, flagLabel } from './flags.js';

/** Where the text of an entry starts, and the width it is wrapped to. */
const USAGE_COLUMN = 34;
const OPTION_COLUMN = 28;
const WIDTH = 90;

/** `text` in lines of at most `width - indent` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `  label   text`, the text at `column` and wrapped; a label too long for it gets a line of its own. */
function entry(label: string, text: string, column: number): string[] {
  const [first = '', ...more] = wrap(text, WIDTH - column);
  const pad = ' '.repeat(column);
  const head = label.length < column ? `${label.padEnd(column)}${first}` : `${label}\n${pad}${first}`;
  return [head, ...more.map((l) => `${pad}${l}`)];
}

const optionLabel = (flag: FlagSpec): string => (flag.short !== undefined ? `  ${flagLabel(flag)}` : `      ${flagLabel(flag)}`);

function usageLines(): string[] {
  const flagged = (FLAGS as readonly FlagSpec[]).filter((f) => f.usage !== undefined);
  return [
    ...entry('  keyguard scan [paths...]', "scan files and folders (default: .); quoted globs ('src/**/*.ts') are expanded", USAGE_COLUMN),
    ...entry('  keyguard scan -', 'scan standard input', USAGE_COLUMN),
    ...flagged.flatMap((f) => entry(`  ${f.usage!}`, f.help, USAGE_COLUMN)),
    ...entry('  keyguard baseline [paths...]', 'print a baseline of current findings (always exits 0)', USAGE_COLUMN),
    ...entry('  keyguard hook install', 'install the pre-commit hook', USAGE_COLUMN),
  ];
}

function optionLines(): string[] {
  const lines: string[] = [];
  const options = (FLAGS as readonly FlagSpec[]).filter((f) => f.usage === undefined);
  for (let i = 0; i < options.length; i++) {
    const flag = options[i]!;
    if (flag.group === undefined) {
      lines.push(...entry(optionLabel(flag), flag.help, OPTION_COLUMN));
      continue;
    }
    // A group: its labels wrapped together, then its one text.
    const group = [flag];
    while (options[i + 1]?.group === flag.group) group.push(options[++i]!);
    const labels = group.map((f) => flagLabel(f));
    const names = wrap(labels.map((l, n) => (n < labels.length - 1 ? `${l},` : l)).join(' '), WIDTH - 26);
    lines.push(...names.map((l) => `      ${l}`), ...wrap(flag.help, WIDTH - OPTION_COLUMN).map((l) => `${' '.repeat(OPTION_COLUMN)}${l}`));
  }
  return lines;
}

/** `keyguard --help`: the commands, then every flag of FLAGS (flags.ts), then exit codes and config. */
export function helpText(): string {
  return `keyguard: find leaked Azure SignalR / Web PubSub credentials, and the Azure keys beside
them (Service Bus, Event Hubs, Relay, Storage, Cosmos DB, other identifiable keys)

Usage:
${usageLines().join('\n')}

Options (scan, baseline):
${optionLines().join('\n')}

Exit codes:
  0  no findings
  1  at least one finding
  2  usage, configuration or internal error (or an unreadable path with --strict)

Config: keyguard.config.json, found by walking up from the scan root:
  { "ignore": ["globs"], "allow": ["fingerprints"], "minConfidence": "medium",
    "rules": { "azure-signalr-client-secret": false },
    "baseline": ".keyguard-baseline.json" }

Skip the pre-commit check once: KEYGUARD_SKIP=1 git commit (pre-commit framework:
SKIP=keyguard git commit).
`;
}
