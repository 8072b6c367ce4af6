// Turns an ESM bundle (with its chunks) into CommonJS in place, for startup: Node 20 loads a
// CommonJS file synchronously in well under a millisecond, while its ESM loader costs about 10 ms
// to start plus an asynchronous read, resolve and link per module. Used by scripts/bundle.mjs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

/** Every .js file of `outdir`, rewritten as CommonJS; `dist/package.json` marks them so. */
export async function toCommonJs(outdir, { minify }) {
  const files = readdirSync(outdir).filter((name) => name.endsWith('.js'));
  for (const name of files) {
    const path = join(outdir, name);
    let code = readFileSync(path, 'utf8');
    const shebang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1) : '';
    code = code.slice(shebang.length);
    const result = await transform(code, {
      format: 'cjs',
      loader: 'js',
      platform: 'node',
      target: 'node20.19',
      minify,
      // import() of a chunk becomes require(): loaded on demand, synchronously.
      supported: { 'dynamic-import': false },
      define: { 'import.meta.url': '__keyguardModuleUrl' },
      banner: "const __keyguardModuleUrl = require('node:url').pathToFileURL(__filename).href;",
      logLevel: 'warning',
    });
    writeFileSync(path, shebang + result.code);
  }
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
}
