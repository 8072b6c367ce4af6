import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CliEnv } from '../io.js';

/**
 * git's global excludes file: `core.excludesFile` when set, else `$XDG_CONFIG_HOME/git/ignore`
 * (`~/.config/git/ignore`). Asked of git once, and only when a scan meets a work tree.
 */
export function globalExcludesResolver(env: CliEnv, cwd: string): () => string | undefined {
  let resolved: { file: string | undefined } | undefined;
  return () => {
    if (resolved !== undefined) return resolved.file;
    let file: string | undefined;
    const asked = spawnSync('git', ['config', '--path', '--get', 'core.excludesFile'], { cwd, encoding: 'utf8', env: { ...env }, windowsHide: true });
    const configured = asked.status === 0 ? asked.stdout.trim() : '';
    if (configured !== '') file = path.resolve(cwd, configured);
    else if (env.XDG_CONFIG_HOME) file = path.join(env.XDG_CONFIG_HOME, 'git', 'ignore');
    else if (env.HOME) file = path.join(env.HOME, '.config', 'git', 'ignore');
    resolved = { file };
    return file;
  };
}
