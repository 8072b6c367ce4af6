// ESLint overhead: eslint (flat config, no type information, single thread) over real CommonJS from
// the node_modules corpus, with: no rules (parse only), eslint's recommended rules, recommended +
// keyguard/no-leaked-access-key, and recommended + no-secrets/no-secrets. Target: keyguard adds < 5%.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeModulesReady } from '../corpora/node-modules.mjs';
import { listFiles } from '../corpora/walk.mjs';
import { lastLine, repeat, timed } from '../measure.mjs';
import { ESLINT_PLUGIN_ENTRY, PEERS_DIR, REPO_DIR, WORK_DIR, peerBin } from '../paths.mjs';
import { mbPerSec, summarize } from '../stats.mjs';

export const id = 'eslint';
export const title = 'ESLint rule overhead';

// CommonJS only (sourceType: commonjs for every file).
const PACKAGES = ['lodash', 'webpack/lib', '@babel/core/lib', '@babel/traverse/lib', '@babel/generator/lib', 'eslint/lib', 'rxjs/dist/cjs', 'aws-sdk/lib', 'enhanced-resolve/lib', 'ajv/dist'];

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

function writeConfigs(dir, withKeyguard) {
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
  const out = {};
  Object.entries(configs).forEach(([name, text], i) => {
    if (text === undefined) return;
    const file = join(dir, `eslint.config.${i}.mjs`);
    writeFileSync(file, text);
    out[name] = file;
  });
  return out;
}

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
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const errors = {};
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
      if (r.timedOut || ![0, 1].includes(r.code)) {
        errors[name] = r.timedOut ? 'timed out' : `exit ${r.code}: ${lastLine(r.stderr)}`;
        continue;
      }
      if (round >= warmup) samples[name].push({ ms: r.ms, rssKB: r.rssKB });
      reports[name] = out;
    }
    if (round >= warmup && Date.now() - started > budgetMs) break;
  }
  const rows = [];
  for (const name of names) {
    const s = samples[name];
    const wall = summarize(s.map((x) => x.ms));
    const ok = !errors[name] && s.length > 0;
    const row = { config: name, available: ok, ...(ok ? {} : { reason: errors[name] ?? 'no run' }), wall, rssKB: summarize(s.map((x) => x.rssKB)), mbps: mbPerSec(tree.bytes, wall.median), runs: s.map((x) => Math.round(x.ms)) };
    if (ok) {
      const report = JSON.parse(readFileSync(reports[name], 'utf8'));
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
    r.addedVsRecommended = base?.available && r.available ? r.wall.median / base.wall.median - 1 : NaN;
    r.addedMs = base?.available && r.available ? r.wall.median - base.wall.median : NaN;
  }
  // A fixed part of any plugin's cost is loading it: time `import(plugin)` against a bare node.
  let pluginImport;
  if (withKeyguard) {
    const opts = { runs: quick ? 2 : 5, warmup: 1, okCodes: [0] };
    const bare = await repeat(() => timed(process.execPath, ['-e', '0']), opts);
    const load = await repeat(() => timed(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(ESLINT_PLUGIN_ENTRY).href)})`]), opts);
    pluginImport = { ms: load.wall.median - bare.wall.median, nodeMs: bare.wall.median, importMs: load.wall.median };
  }
  return {
    available: true,
    eslint: tools.eslint.version,
    target: 'keyguard rule adds < 5% to eslint:recommended',
    tree: { files: tree.files, bytes: tree.bytes },
    command: 'eslint -c <config> -f json -o <out> src   (flat config, no type info, one thread; configs interleaved run by run)',
    rows,
    pluginImport,
  };
}
