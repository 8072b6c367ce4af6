// Child process for the adversarial suite: the cost of keyguard/no-leaked-access-key on a file
// holding a 5 MB string literal of `ClientSecret=` repeated, next to the same file without the
// literal, with the rule on and off (ESLint's Linter API, one thread, the file in memory).
//   node adversarial-eslint.mjs <eslint api path> <plugin entry> <literal bytes> <runs>
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/**
 * What the child prints: per `<file>|<config>`, its timings and the rule's problem count.
 * @typedef {{ literalBytes: number, baseBytes: number, runs: number, results: Record<string, { samples: number[], problems: number }> }} EslintChildOutput
 */

const [eslintApi, pluginEntry, literalArg, runsArg] = process.argv.slice(2);
const LITERAL = Number(literalArg);
const RUNS = Number(runsArg);

/** @type {typeof import('eslint')} */
const { Linter } = await import(pathToFileURL(eslintApi).href);
const plugin = (await import(pathToFileURL(pluginEntry).href)).default;

/** An ordinary module (~20 KB): imports, classes, loops, template strings; no secret. */
/** @param {number} i */
const part = (i) => `
export const DEFAULT_PORT_${i} = 8080 + ${i};

export class Cache${i} {
  #entries = new Map();
  constructor(limit = 100) { this.limit = limit; }
  get(key) { const hit = this.#entries.get(key); if (hit !== undefined) { this.#entries.delete(key); this.#entries.set(key, hit); } return hit; }
  set(key, value) { this.#entries.set(key, value); if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value); }
}

export async function loadConfig${i}(dir) {
  const file = path.join(dir, 'config-${i}.json');
  const text = await readFile(file, 'utf8').catch(() => '{}');
  const config = JSON.parse(text);
  for (const [name, value] of Object.entries(config)) {
    if (typeof value !== 'string') continue;
    config[name] = value.replace(/\\$\\{(\\w+)\\}/g, (_m, v) => process.env[v] ?? '');
  }
  return { port: DEFAULT_PORT_${i}, ...config, loadedAt: \`\${new Date().toISOString()} from \${file}\` };
}
`;
const BASE = `import { readFile } from 'node:fs/promises';\nimport path from 'node:path';\n${Array.from({ length: 20 }, (_, i) => part(i)).join('')}`;

const literal = 'ClientSecret='.repeat(Math.ceil(LITERAL / 13)).slice(0, LITERAL);
const WITH_LITERAL = `${BASE}\nexport const blob = "${literal}";\n`;

/** @type {import('eslint').Linter.Config} */
const common = { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } };
/** @type {Record<string, import('eslint').Linter.Config[]>} */
const CONFIGS = {
  'rule off (parse only)': [common],
  'keyguard/no-leaked-access-key': [{ ...common, plugins: { keyguard: plugin }, rules: { 'keyguard/no-leaked-access-key': 'error' } }],
};
const FILES = { 'module without the literal': BASE, 'same module + 5 MB literal': WITH_LITERAL };

const linter = new Linter({ configType: 'flat' });
/** @type {EslintChildOutput} */
const out = { literalBytes: LITERAL, baseBytes: BASE.length, runs: RUNS, results: {} };
// Rounds interleave every (file, config) pair, so that load from elsewhere hits them alike.
/** @type {Record<string, number[]>} */
const samples = {};
/** @type {Record<string, number>} */
const problems = {};
for (let round = 0; round < RUNS + 1; round++) {
  for (const [file, code] of Object.entries(FILES)) {
    for (const [config, flat] of Object.entries(CONFIGS)) {
      const key = `${file}|${config}`;
      globalThis.gc?.();
      const t = performance.now();
      const messages = linter.verify(code, flat, { filename: 'module.js' });
      const ms = performance.now() - t;
      if (round > 0) (samples[key] ??= []).push(ms); // round 0 warms up
      problems[key] = messages.length;
    }
  }
}
for (const key of Object.keys(samples)) out.results[key] = { samples: samples[key], problems: problems[key] };
process.stdout.write(JSON.stringify(out));
