import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, loadConfig, parseConfig, validateConfig } from '../src/config.js';
import { useTempDirs } from './helpers.js';

const tempDir = useTempDirs();

function errorOf(value: unknown): string {
  try {
    validateConfig(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected validateConfig to throw');
}

describe('validateConfig', () => {
  it('accepts every documented key', () => {
    expect(
      validateConfig({
        $schema: './schema.json',
        ignore: ['dist/', '*.min.js'],
        allow: ['a'.repeat(64)],
        minConfidence: 'low',
        rules: { 'azure-signalr-client-secret': false, 'azure-signalr-access-key': true },
      }),
    ).toEqual({
      ignore: ['dist/', '*.min.js'],
      allow: ['a'.repeat(64)],
      minConfidence: 'low',
      rules: { 'azure-signalr-client-secret': false, 'azure-signalr-access-key': true },
    });
    expect(validateConfig({})).toEqual({});
  });

  it('names the offending JSON path for unknown keys and wrong types', () => {
    expect(errorOf([])).toBe('$: expected an object, got an array');
    expect(errorOf({ ignored: [] })).toMatch(/^\$\.ignored: unknown key/);
    expect(errorOf({ ignore: 'dist' })).toBe('$.ignore: expected an array of strings, got string "dist"');
    expect(errorOf({ ignore: ['ok', 3] })).toBe('$.ignore[1]: expected a non-empty string, got number 3');
    expect(errorOf({ allow: [null] })).toBe('$.allow[0]: expected a non-empty string, got null');
    expect(errorOf({ minConfidence: 'HIGH' })).toBe('$.minConfidence: expected "low", "medium" or "high", got string "HIGH"');
    expect(errorOf({ rules: ['x'] })).toMatch(/^\$\.rules: expected an object/);
    expect(errorOf({ rules: { 'no-such-rule': true } })).toBe('$.rules["no-such-rule"]: unknown rule id');
    expect(errorOf({ rules: { 'azure-signalr-access-key': 'off' } })).toBe('$.rules["azure-signalr-access-key"]: expected true or false, got string "off"');
    expect(errorOf({ $schema: 1 })).toMatch(/^\$\.\$schema: expected a string/);
  });

  it('parseConfig reports bad JSON with the file name', async () => {
    await expect(parseConfig('{ "ignore": [', 'keyguard.config.json')).rejects.toThrow(/^config keyguard\.config\.json: not valid JSON: close bracket expected at line 1, column 14/);
    await expect(parseConfig('{"x":1}', 'k.json')).rejects.toThrow('config k.json: $.x: unknown key');
    expect(await parseConfig('\ufeff{"minConfidence":"high"}', 'k.json')).toEqual({ minConfidence: 'high' });
  });
});

describe('finding the config file', () => {
  it('walks up from the scan root; --config wins; a missing --config file is an error', async () => {
    const dir = tempDir();
    await fs.mkdir(path.join(dir, 'a/b/c'), { recursive: true });
    await fs.writeFile(path.join(dir, 'a/keyguard.config.json'), '{"minConfidence":"high"}');
    await fs.writeFile(path.join(dir, 'other.json'), '{"minConfidence":"low"}');
    expect(await findConfigFile(path.join(dir, 'a/b/c'))).toBe(path.join(dir, 'a/keyguard.config.json'));
    expect(await findConfigFile(path.join(dir, 'a/b/c/file-that-does-not-exist.txt'))).toBe(path.join(dir, 'a/keyguard.config.json'));
    const found = await loadConfig(undefined, path.join(dir, 'a/b'), dir);
    expect(found.config).toEqual({ minConfidence: 'high' });
    expect(found.dir).toBe(path.join(dir, 'a'));
    expect((await loadConfig('other.json', path.join(dir, 'a/b'), dir)).config).toEqual({ minConfidence: 'low' });
    await expect(loadConfig('missing.json', dir, dir)).rejects.toThrow('config missing.json: cannot read (no such file)');
  });
});
