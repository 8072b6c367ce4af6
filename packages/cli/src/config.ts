import { existsSync } from 'node:fs';
import { fsAsync } from './fs-async.js';
import path from 'node:path';
import { type Confidence, isConfidence, isRuleId, type RuleId } from '@keyguard/core/option-values';
import { UsageError } from './exit-codes.js';
import { ARCHIVE_LIMIT_NAMES, type ArchiveLimits } from './archive/limits.js';
import { maskedExcerpt, OWN_FILE_LIMITS, OwnFileError, parseOwnJson, readOwnFile } from './own-files.js';

export const CONFIG_FILE_NAME = 'keyguard.config.json';

/** The checked contents of `keyguard.config.json`. */
export interface KeyguardConfig {
  /** gitignore-style patterns, relative to the config file's directory. */
  ignore?: string[];
  /** Fingerprints (or exact public values) that are never reported. */
  allow?: string[];
  minConfidence?: Confidence;
  rules?: Partial<Record<RuleId, boolean>>;
  /**
   * Baseline file used by `scan` when no --baseline is given, relative to the config file's
   * folder (so hook managers such as the pre-commit framework need no `args:`).
   */
  baseline?: string;
  /** `false`: archives are not read; else limits that replace the defaults (archive/limits.ts). */
  archives?: false | Partial<ArchiveLimits>;
}

export interface LoadedConfig {
  config: KeyguardConfig;
  /** Absolute path of the file, or undefined when none was found. */
  file: string | undefined;
  /** The directory `ignore` patterns are relative to. */
  dir: string;
}

const KNOWN_KEYS = ['$schema', 'ignore', 'allow', 'minConfidence', 'rules', 'baseline', 'archives'] as const;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string "${maskedExcerpt(value, 0)}"`; // never a whole value: it may be a secret
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** `$.a.b[2]`, with keys that are not plain identifiers quoted. */
function jsonPath(parts: readonly (string | number)[]): string {
  let out = '$';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

function stringArray(value: unknown, at: string[]): string[] {
  if (!Array.isArray(value)) throw new ConfigError(`${jsonPath(at)}: expected an array of strings, got ${describe(value)}`);
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item === '') {
      throw new ConfigError(`${jsonPath([...at, i])}: expected a non-empty string, got ${describe(item)}`);
    }
  });
  return value as string[];
}

/** Checks a parsed config value; throws ConfigError naming the offending JSON path. */
export function validateConfig(value: unknown): KeyguardConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`$: expected an object, got ${describe(value)}`);
  }
  const input = value as Record<string, unknown>;
  const config: KeyguardConfig = {};
  for (const key of Object.keys(input)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(`${jsonPath([key])}: unknown key (allowed: ${KNOWN_KEYS.filter((k) => k !== '$schema').join(', ')})`);
    }
  }
  if ('$schema' in input && typeof input.$schema !== 'string') {
    throw new ConfigError(`${jsonPath(['$schema'])}: expected a string, got ${describe(input.$schema)}`);
  }
  if ('ignore' in input) config.ignore = stringArray(input.ignore, ['ignore']);
  if ('baseline' in input) {
    if (typeof input.baseline !== 'string' || input.baseline === '') {
      throw new ConfigError(`${jsonPath(['baseline'])}: expected a non-empty path, got ${describe(input.baseline)}`);
    }
    config.baseline = input.baseline;
  }
  if ('allow' in input) config.allow = stringArray(input.allow, ['allow']);
  if ('minConfidence' in input) {
    if (!isConfidence(input.minConfidence)) {
      throw new ConfigError(`${jsonPath(['minConfidence'])}: expected "low", "medium" or "high", got ${describe(input.minConfidence)}`);
    }
    config.minConfidence = input.minConfidence;
  }
  if ('rules' in input) {
    const rules = input.rules;
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
      throw new ConfigError(`${jsonPath(['rules'])}: expected an object of rule id to boolean, got ${describe(rules)}`);
    }
    const out: Partial<Record<RuleId, boolean>> = {};
    for (const [id, on] of Object.entries(rules as Record<string, unknown>)) {
      if (!isRuleId(id)) throw new ConfigError(`${jsonPath(['rules', id])}: unknown rule id`);
      if (typeof on !== 'boolean') throw new ConfigError(`${jsonPath(['rules', id])}: expected true or false, got ${describe(on)}`);
      out[id] = on;
    }
    config.rules = out;
  }
  if ('archives' in input) config.archives = archiveLimits(input.archives);
  return config;
}

/** `"archives": false`, or an object of limits, each a positive whole number. */
function archiveLimits(value: unknown): false | Partial<ArchiveLimits> {
  if (value === false) return false;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${jsonPath(['archives'])}: expected false or an object of limits (${ARCHIVE_LIMIT_NAMES.join(', ')}), got ${describe(value)}`);
  }
  const limits: Partial<ArchiveLimits> = {};
  for (const [key, limit] of Object.entries(value as Record<string, unknown>)) {
    if (!(ARCHIVE_LIMIT_NAMES as readonly string[]).includes(key)) {
      throw new ConfigError(`${jsonPath(['archives', key])}: unknown limit (allowed: ${ARCHIVE_LIMIT_NAMES.join(', ')})`);
    }
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
      throw new ConfigError(`${jsonPath(['archives', key])}: expected a positive whole number, got ${describe(limit)}`);
    }
    limits[key as keyof ArchiveLimits] = limit;
  }
  return limits;
}

/** Parses and checks config text; `file` names it in errors. */
export async function parseConfig(text: string, file: string): Promise<KeyguardConfig> {
  const parsed = await parseOwnJson(text);
  if ('error' in parsed) throw new ConfigError(`config ${file}: ${parsed.error}`);
  try {
    return validateConfig(parsed.value);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`config ${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The nearest `keyguard.config.json` at or above `start` (a directory or file).
 * The scan root is stat'ed asynchronously on purpose: a synchronous stat of a FIFO leaves
 * Node's shared stat buffer saying "FIFO", and Node's realpathSync (used to resolve every later
 * import) then stops early and returns unresolved symlink paths (pnpm layouts break).
 */
export async function findConfigFile(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  try {
    if (!(await fsAsync.stat(dir)).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `--config FILE` if given (must exist), else the nearest config file above the scan root. */
export async function loadConfig(explicit: string | undefined, scanRoot: string, cwd: string): Promise<LoadedConfig> {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : await findConfigFile(scanRoot);
  if (file === undefined) return { config: {}, file: undefined, dir: path.resolve(scanRoot) };
  let text: string | undefined;
  try {
    text = readOwnFile(file, OWN_FILE_LIMITS.config);
  } catch (error) {
    if (error instanceof OwnFileError) throw new ConfigError(`config ${explicit ?? file}: ${error.reason}`);
    throw error;
  }
  if (text === undefined) throw new ConfigError(`config ${explicit ?? file}: cannot read (no such file)`);
  return { config: await parseConfig(text, explicit ?? (path.relative(cwd, file) || file)), file, dir: path.dirname(file) };
}
