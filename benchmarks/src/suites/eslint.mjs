// ESLint overhead: eslint (flat config, no type information, single thread) over real CommonJS from
// the node_modules corpus, with: no rules (parse only), eslint's recommended rules, recommended +
// keyguard/no-leaked-access-key, and recommended + no-secrets/no-secrets. Target: keyguard adds < 5%.
// Also the plugin's fixed costs: `import()` of it over a bare `node -e 0` (target < 20 ms), and
// what it ships (`npm pack --dry-run`: unpacked size, files, dependencies).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeModulesReady } from '../corpora/node-modules.mjs';
import { listFiles } from '../corpora/walk.mjs';
import { lastLine, timed } from '../measure.mjs';
import { ESLINT_PLUGIN_ENTRY, PEERS_DIR, REPO_DIR, WORK_DIR, peerBin } from '../paths.mjs';
import { mbPerSec, median, summarize } from '../stats.mjs';
/** @import { Log, SuiteContext, Summary } from '../types.mjs' */

/**
 * A config's row: measured, or unavailable with the reason.
 * @typedef {object} EslintRow
 * @property {string} config
 * @property {boolean} available
 * @property {string} [reason]
 * @property {Summary} [wall]
 * @property {Summary} [rssKB]
 * @property {number} [mbps]
 * @property {number[]} [runs]
 * @property {{ keyguard: number, noSecrets: number, parseErrors: number }} [problems]
 * @property {number} [addedVsRecommended]
 * @property {number} [addedMs]
 */

export const id = 'eslint';
export const title = 'ESLint rule overhead';

// CommonJS only (sourceType: commonjs for every file).
const PACKAGES = ['lodash', 'webpack/lib', '@babel/core/lib', '@babel/traverse/lib', '@babel/generator/lib', 'eslint/lib', 'rxjs/dist/cjs', 'aws-sdk/lib', 'enhanced-resolve/lib', 'ajv/dist'];

/**
 * @param {boolean} quick
 * @param {Log} log
 */
function prepareTree(quick, log) {
  const n = nodeModulesReady();
  const root = n ? join(n.root, 'node_modules') : join(REPO_DIR, 'node_modules/.pnpm');
  const dir = join(WORK_DIR, 'eslint');
  const src = join(dir, 'src');
  rmSync(dir, { recursive: true, force: true });
  const limit = quick ? 0.4e6 : 1.5e6;
  let bytes = 0;
  let files = 0;
  const pkgs = n ? PACKAGES : [''];
  outer: for (let round = 0; ; round++) {
    let added = 0;
    for (const pkg of pkgs) {
      const list = listFiles(join(root, pkg)).filter((f) => /\.(js|cjs)$/.test(f.path) && !f.path.includes('node_modules/') && f.size < 400_000);
      // Take files round-robin across packages so every package is represented.
      for (const f of list.slice(round * 20, round * 20 + 20)) {
        const dest = join(src, pkg.replace(/\//g, '_') || 'ws', f.path);
        mkdirSync(dirname(dest), { recursive: true });
        copyFileSync(join(root, pkg, f.path), dest);
        bytes += f.size;
        files++;
        added++;
        if (bytes >= limit) break outer;
      }
    }
    if (added === 0) break;
  }
  log(`  ${files} CommonJS files, ${(bytes / 1e6).toFixed(1)} MB, from ${n ? PACKAGES.join(', ') : 'workspace node_modules'}`);
  return { dir, src, files, bytes };
}

/**
 * @param {string} dir
 * @param {boolean} withKeyguard
 */
function writeConfigs(dir, withKeyguard) {
  /** @param {string} p */
  const url = (p) => pathToFileURL(p).href;
  const common = `files: ['**/*.js', '**/*.cjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' }, linterOptions: { reportUnusedDisableDirectives: 'off' }`;
  const head = `import js from '${url(join(PEERS_DIR, 'node_modules/@eslint/js/src/index.js'))}';\n`;
  const configs = {
    'parse only (no rules)': `export default [{ ${common} }];\n`,
    'recommended': `${head}export default [{ ${common}, rules: js.configs.recommended.rules }];\n`,
    'recommended + keyguard/no-leaked-access-key': withKeyguard
      ? `${head}import keyguard from '${url(ESLINT_PLUGIN_ENTRY)}';\nexport default [{ ${common}, plugins: { keyguard }, rules: { ...js.configs.recommended.rules, 'keyguard/no-leaked-access-key': 'error' } }];\n`
      : undefined,
    'recommended + no-secrets/no-secrets': `${head}import noSecrets from '${url(join(PEERS_DIR, 'node_modules/eslint-plugin-no-secrets/dist/index.js'))}';\nexport default [{ ${common}, plugins: { 'no-secrets': noSecrets }, rules: { ...js.configs.recommended.rules, 'no-secrets/no-secrets': 'error' } }];\n`,
  };
  /** @type {Record<string, string>} */
  const out = {};
  Object.entries(configs).forEach(([name, text], i) => {
    if (text === undefined) return;
    const file = join(dir, `eslint.config.${i}.mjs`);
    writeFileSync(file, text);
    out[name] = file;
  });
  return out;
}

/** @param {SuiteContext} context */
export async function runSuite({ quick, tools, log }) {
  if (!tools.eslint.available) return { available: false, reason: tools.eslint.reason };
  const tree = prepareTree(quick, log);
  const withKeyguard = tools['keyguard-eslint-plugin'].available;
  const configs = writeConfigs(tree.dir, withKeyguard);
  const runs = quick ? 1 : 5;
  const warmup = quick ? 0 : 1;
  const budgetMs = quick ? 15_000 : 100_000;
  // Rounds interleave the configs (A B C D, A B C D, ...) so that load from other processes on a
  // shared machine hits every config alike; a few % is the figure that matters here.
  const names = Object.keys(configs);
  /** @type {Record<string, { ms: number, rssKB: number }[]>} */
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  /** @type {Record<string, string>} */
  const errors = {};
  /** @type {Record<string, string>} */
  const reports = {};
  const started = Date.now();
  for (let round = 0; round < warmup + runs; round++) {
    log(`    round ${round + 1}/${warmup + runs}${round < warmup ? ' (warm-up)' : ''}`);
    for (const name of names) {
      if (errors[name]) continue;
      const out = join(tree.dir, `report-${names.indexOf(name)}.json`);
      const r = await timed(peerBin('eslint'), ['-c', configs[name], '-f', 'json', '-o', out, '--no-warn-ignored', 'src'], {
        cwd: tree.dir,
        timeoutMs: quick ? 60_000 : 300_000,
      });
      if (r.timedOut || (r.code !== 0 && r.code !== 1)) {
        errors[name] = r.timedOut ? 'timed out' : `exit ${r.code}: ${lastLine(r.stderr)}`;
        continue;
      }
      if (round >= warmup) samples[name].push({ ms: r.ms, rssKB: r.rssKB });
      reports[name] = out;
    }
    if (round >= warmup && Date.now() - started > budgetMs) break;
  }
  /** @type {EslintRow[]} */
  const rows = [];
  for (const name of names) {
    const s = samples[name];
    const wall = summarize(s.map((x) => x.ms));
    const ok = !errors[name] && s.length > 0;
    /** @type {EslintRow} */
    const row = { config: name, available: ok, ...(ok ? {} : { reason: errors[name] ?? 'no run' }), wall, rssKB: summarize(s.map((x) => x.rssKB)), mbps: mbPerSec(tree.bytes, wall.median), runs: s.map((x) => Math.round(x.ms)) };
    if (ok) {
      /** @type {{ messages: { fatal?: boolean, ruleId: string }[] }[]} */
      const report = JSON.parse(readFileSync(reports[name], 'utf8'));
      /** @type {Record<string, number>} */
      const byRule = {};
      let fatal = 0;
      for (const f of report) {
        for (const m of f.messages) {
          if (m.fatal) fatal++;
          else byRule[m.ruleId] = (byRule[m.ruleId] ?? 0) + 1;
        }
      }
      row.problems = { keyguard: byRule['keyguard/no-leaked-access-key'] ?? 0, noSecrets: byRule['no-secrets/no-secrets'] ?? 0, parseErrors: fatal };
      rmSync(reports[name], { force: true });
    }
    rows.push(row);
  }
  if (!withKeyguard) {
    rows.splice(2, 0, { config: 'recommended + keyguard/no-leaked-access-key', available: false, reason: tools['keyguard-eslint-plugin'].reason });
  }
  const base = rows.find((r) => r.config === 'recommended');
  for (const r of rows) {
    // Available rows are measured ones: they have their wall times.
    r.addedVsRecommended = base?.available && base.wall && r.available && r.wall ? r.wall.median / base.wall.median - 1 : NaN;
    r.addedMs = base?.available && base.wall && r.available && r.wall ? r.wall.median - base.wall.median : NaN;
  }
  const pluginImport = withKeyguard ? await measurePluginImport(quick, log) : undefined;
  const pluginPackage = withKeyguard ? await measurePluginPackage() : undefined;
  return {
    available: true,
    eslint: tools.eslint.version,
    target: 'keyguard rule adds < 5% to eslint:recommended',
    tree: { files: tree.files, bytes: tree.bytes },
    command: 'eslint -c <config> -f json -o <out> src   (flat config, no type info, one thread; configs interleaved run by run)',
    rows,
    pluginImport,
    pluginPackage,
  };
}

export const PLUGIN_IMPORT_TARGET_MS = 20;

/**
 * A fixed part of any plugin's cost is loading it: `import(plugin)` against a bare `node -e 0`,
 * run in pairs, back to back (bare then import, then import then bare, ...), so that load from
 * other processes hits both alike; the figure is the median of the pairs' differences (on a
 * shared machine a burst of load moves both medians, but rarely one pair).
 */
/**
 * @param {boolean} quick
 * @param {Log} log
 */
async function measurePluginImport(quick, log) {
  const runs = quick ? 15 : 31;
  const warmup = 2;
  const url = pathToFileURL(ESLINT_PLUGIN_ENTRY).href;
  /** @type {number[]} */
  const bare = [];
  /** @type {number[]} */
  const load = [];
  const bareRun = () => timed(process.execPath, ['-e', '0']);
  const loadRun = () => timed(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(url)})`]);
  log(`    plugin import: ${runs} interleaved pairs (+${warmup} warm-up)`);
  for (let i = 0; i < warmup + runs; i++) {
    let b;
    let l;
    if (i % 2 === 0) {
      b = await bareRun();
      l = await loadRun();
    } else {
      l = await loadRun();
      b = await bareRun();
    }
    if (b.code !== 0 || l.code !== 0) return { available: false, reason: `exit ${b.code !== 0 ? b.code : l.code}: ${lastLine(b.code !== 0 ? b.stderr : l.stderr)}` };
    if (i < warmup) continue;
    bare.push(b.ms);
    load.push(l.ms);
  }
  const ms = median(load.map((l, i) => l - bare[i]));
  return {
    available: true,
    ms,
    nodeMs: median(bare),
    importMs: median(load),
    node: summarize(bare),
    import: summarize(load),
    runs,
    command: `node --input-type=module -e "await import('<plugin>/dist/index.js')" vs node -e 0, in pairs`,
    target: `plugin import < ${PLUGIN_IMPORT_TARGET_MS} ms over node -e 0`,
    targetMs: PLUGIN_IMPORT_TARGET_MS,
    meetsTarget: ms < PLUGIN_IMPORT_TARGET_MS,
  };
}

/**
 * What the plugin ships, from `npm pack --dry-run --json` in its folder (no network, nothing
 * written): unpacked size and files, and its dependencies. The size it adds to a project that has
 * ESLint 10, measured by installing it, is test/eslint-plugin-install.test.ts's.
 */
async function measurePluginPackage() {
  const dir = join(dirname(ESLINT_PLUGIN_ENTRY), '..');
  if (!existsSync(join(dir, 'package.json'))) return { available: false, reason: `no package.json next to ${ESLINT_PLUGIN_ENTRY}` };
  // npm reads npm_config_* (pnpm exports its own) as its config: start it without them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k)));
  const r = await timed('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: dir, env, capture: true, timeoutMs: 60_000 });
  if (r.code !== 0) return { available: false, reason: `npm pack --dry-run: exit ${r.code}: ${lastLine(r.stderr)}` };
  /** @type {{ unpackedSize: number, size: number, entryCount: number }[]} */
  const [packed] = JSON.parse(r.stdout);
  /** @type {{ dependencies?: Record<string, string>, peerDependencies?: Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  /** A dependency that ships declarations and no JavaScript (no `main`, no .js/.cjs/.mjs export). */
  /** @param {string} name */
  const typesOnly = (name) => {
    const path = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(path)) return false;
    /** @type {{ main?: string, exports?: unknown }} */
    const dep = JSON.parse(readFileSync(path, 'utf8'));
    return dep.main === undefined && !/\.[cm]?js"/.test(JSON.stringify(dep.exports ?? {}));
  };
  return {
    available: true,
    unpackedBytes: packed.unpackedSize,
    tarballBytes: packed.size,
    files: packed.entryCount,
    dependencies: Object.keys(manifest.dependencies ?? {}).map((name) => ({ name, typesOnly: typesOnly(name) })),
    peerDependencies: Object.keys(manifest.peerDependencies ?? {}),
    command: 'npm pack --dry-run --json',
  };
}
