#!/usr/bin/env node
// Installs the Debian tools the test suite needs when they are missing (a fresh machine has
// only Node and npm). Prints one line per tool it installs; fails loudly if it cannot.
import { spawnSync } from 'node:child_process';

const TOOLS = [{ command: 'pre-commit', debianPackage: 'pre-commit' }];

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = TOOLS.filter((tool) => !has(tool.command));
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.debianPackage);
  if (!has('apt-get')) {
    console.error(`ensure-tools: missing ${packages.join(', ')} and no apt-get to install them`);
    process.exit(1);
  }
  console.log(`ensure-tools: installing ${packages.join(', ')} with apt-get`);
  const asRoot = process.getuid?.() === 0;
  const aptGet = (...args) =>
    spawnSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  const installed = aptGet('update', '-qq') && aptGet('install', '-y', '-qq', ...packages);
  if (!installed || missing.some((tool) => !has(tool.command))) {
    console.error(`ensure-tools: could not install ${packages.join(', ')}`);
    process.exit(1);
  }
}
