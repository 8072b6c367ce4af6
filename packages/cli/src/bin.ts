#!/usr/bin/env node
// The `keyguard` command. This file stays tiny: it turns on Node's compile cache (22.1+; absent
// on Node 20, where this is a no-op) BEFORE the rest of the CLI is loaded, so later runs (a hook
// on every commit) reuse the compiled code instead of parsing the bundle again.
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { runCli } = await import('./run-cli.js');
runCli();
