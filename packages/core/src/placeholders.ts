/**
 * Values that look like credentials but are not leaks. Every test judges the whole value:
 * a random key never contains a stopword by design, so no substring rule may drop one.
 */

/** Public values from Microsoft's docs, the local emulator and Purview's example. */
export const PUBLIC_VALUES: ReadonlySet<string> = new Set([
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH', // local emulator key
  'ABCDEFGHIJKLMNOPQRSTUVWEXYZ0123456789+=/', // docs placeholder
  'abcdefghijklmnopqrstuvwxyz0123456789/+ABCDE=', // Purview's example
]);

export type PlaceholderReason =
  | 'public-value'
  | 'template'
  | 'masked'
  | 'low-diversity'
  | 'sequential'
  | 'too-short';

const TEMPLATE_PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/, // <your-key>
  /^\$\{[^{}]*\}$/, // ${KEY}
  /^\{\{[^{}]*\}\}$/, // {{ key }}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %KEY%
  /^\$\([^()]*\)$/, // $(Key)
  /^#\{[^{}]*\}#$/, // #{Key}#
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $KEY
  /^\[[^[\]]*\]$/, // [your key]
  /^\{[A-Za-z_][\w.:-]*\}$/, // {clientSecret}: C# $"..." and Python f"..." interpolation
  /^\$env:[A-Za-z_]\w*$/i, // $env:CLIENT_SECRET (PowerShell)
  // An interpolation cut short where the scanner stopped at a quote: ${env['X']}, $(Get-Secret 'x')
  /^(?:\$\{|\$\(|\{\{|#\{)/,
];

const MASK_PATTERNS: readonly RegExp[] = [
  /^\*+$/, // ***
  /^[xX]{4,}$/, // xxxx
  /\*{3,}/, // partly starred
  /\.\.\.|…/, // elided
  /^(?:redacted|<redacted>|\[redacted\]|removed|hidden|masked)$/i,
];

/** Microsoft Entra client secrets: 3 chars, a digit, `Q~`, then 31-34 chars. */
/** A Microsoft Entra client secret's common shape: 3 chars, a digit, `Q~`, 31-34 chars. */
export const ENTRA_SECRET_SHAPE = /^[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}$/;

/** Distinct characters a value needs; 43 random base64 characters have ~30 on average. */
function distinctCount(value: string): number {
  return new Set(value).size;
}

/** Longest run of consecutive code points stepping by +1 or -1 (abcd, 4321). */
function longestSequentialRun(value: string): number {
  let best = 1;
  let run = 1;
  let step = 0;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if ((d === 1 || d === -1) && (run === 1 || d === step)) {
      run += 1;
      step = d;
    } else if (d === 1 || d === -1) {
      run = 2;
      step = d;
    } else {
      run = 1;
    }
    if (run > best) best = run;
  }
  return best;
}

/**
 * Why a key-shaped value is a placeholder, or undefined if it may be a real key.
 * Thresholds: a random 43-char base64 string has ~31 distinct characters on average and fewer
 * than 13 with probability below 1e-12; a monotone run of 8 (abcdefgh) has probability ~1e-9.
 */
export function keyPlaceholderReason(value: string): PlaceholderReason | undefined {
  if (PUBLIC_VALUES.has(value)) return 'public-value';
  const body = value.replace(/=+$/, '');
  if (distinctCount(body) < Math.min(13, Math.ceil(body.length / 3))) return 'low-diversity';
  if (longestSequentialRun(body) >= 8) return 'sequential';
  return undefined;
}

/** Why a free-form secret value (a client secret) is a placeholder, or undefined. */
/**
 * Free-form values that name a secret instead of holding one (docs and code). Never applied to
 * an Entra-shaped value, which is random by construction.
 */
const NAMING_PATTERNS: readonly RegExp[] = [
  /^(?:your|my|the|some|example|sample|dummy|fake|placeholder|insert|enter)[-_ ]/i, // your-client-secret
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // YOUR_CLIENT_SECRET: an environment variable's name
  /^(?:process\.env|import\.meta\.env|os\.environ|env|config|configuration|settings|secrets|vars)(?:\.|\[)/i, // process.env.X
];

export function secretPlaceholderReason(value: string): PlaceholderReason | undefined {
  const trimmed = value.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (PUBLIC_VALUES.has(trimmed)) return 'public-value';
  if (trimmed.length < 8) return 'too-short';
  if (TEMPLATE_PATTERNS.some((p) => p.test(trimmed))) return 'template';
  // A whole Entra-shaped secret may hold '...' by chance (its alphabet has '.'): that is no elision.
  const entraShaped = ENTRA_SECRET_SHAPE.test(trimmed);
  if (!entraShaped && MASK_PATTERNS.some((p) => p.test(trimmed))) return 'masked';
  if (!entraShaped && NAMING_PATTERNS.some((p) => p.test(trimmed))) return 'template';
  if (distinctCount(trimmed) < Math.min(8, Math.ceil(trimmed.length / 3))) return 'low-diversity';
  if (longestSequentialRun(trimmed) >= 8) return 'sequential';
  return undefined;
}
