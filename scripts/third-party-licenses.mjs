// THIRD-PARTY-LICENSES.txt for a bundle: every npm package whose code the bundle inlines, with
// its name, version, license and license text (their licenses ask for the notice to travel with
// the code). Used by scripts/bundle.mjs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder of the npm package a module file belongs to (the nearest package.json with a name, under node_modules), or undefined. */
function packageFolder(file) {
  if (!file.includes('/node_modules/')) return undefined;
  for (let dir = dirname(file); dir.includes('/node_modules/'); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof name === 'string' && dir.endsWith(`/node_modules/${name}`)) return dir;
  }
  return undefined;
}

/**
 * The notices text for the module files of a bundle (absolute paths; rolldown's own runtime and
 * workspace files are not third-party). Throws when an inlined package has no license text:
 * shipping it without one is not allowed.
 * @param {Iterable<string>} moduleIds
 * @param {string} bundleName
 */
export function thirdPartyLicenses(moduleIds, bundleName) {
  const folders = new Set();
  for (const id of moduleIds) {
    const folder = packageFolder(id);
    if (folder !== undefined) folders.add(folder);
  }
  const entries = [...folders].map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((n) => /^(?:licen[cs]e|copying)(?:[-.][a-z0-9]+)?(?:\.(?:md|txt))?$/i.test(n));
    if (licenseFile === undefined) throw new Error(`${pkg.name}@${pkg.version} is bundled into ${bundleName} but has no LICENSE file`);
    return { id: `${pkg.name}@${pkg.version}`, license: typeof pkg.license === 'string' ? pkg.license : 'see below', text: readFileSync(join(dir, licenseFile), 'utf8').trim() };
  });
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const head = `${bundleName} bundles the following packages. Their licenses follow.\n`;
  const body = entries.map((e) => `${'-'.repeat(72)}\n${e.id} (${e.license})\n\n${e.text}\n`).join('\n');
  return `${head}\n${body}`;
}
