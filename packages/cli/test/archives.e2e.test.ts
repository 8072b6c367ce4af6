import { readFileSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/report/types.js';
import { gzipOf, streamedZipOf, tarOf, zipOf } from './archive-fixtures.js';
import { assertBuilt, json, PACKAGE_DIR, run, useTempDirs } from './helpers.js';
import { connectionString, keys } from './keys.js';
import { commit, git, isolateGit, makeRepo, runCli as runCliInRepo, write } from './git-fixtures.js';

beforeAll(assertBuilt);

const tmp = useTempDirs();
const leak = (seed: string): string => `${connectionString(keys.asrs(seed))}\n`;
const findingPaths = (r: JsonReport): string[] => r.findings.map((f) => f.path);
const skippedOf = (r: JsonReport): string[] => r.skipped.map((s) => `${s.path} (${s.reason})`);

function put(dir: string, name: string, bytes: Uint8Array | string): void {
  writeFileSync(path.join(dir, name), bytes);
}

async function scanJson(dir: string, ...extra: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await run(['scan', '--format', 'json', ...extra], { cwd: dir });
  expect(r.stderr).not.toContain('internal error');
  return { code: r.code, report: json(r.stdout), stderr: r.stderr };
}

describe('keyguard scan: archives in a folder', () => {
  it('reads the zip family, tar, tar.gz and gz, naming the inner path with !/', async () => {
    const dir = tmp();
    put(dir, 'deploy.zip', zipOf({ 'appsettings.json': leak('zip'), 'config/': new Uint8Array(0) }));
    put(dir, 'app.jar', streamedZipOf({ 'META-INF/app.properties': leak('jar') }));
    put(dir, 'stored.war', streamedZipOf({ 'WEB-INF/web.config': leak('war') }, true));
    put(dir, 'lib.whl', zipOf({ 'lib/settings.py': leak('whl') }, 0));
    put(dir, 'plain.tar', await tarOf({ './etc/app.env': leak('tar') }));
    put(dir, 'site.tgz', gzipOf(await tarOf({ 'site/.env': leak('tgz') })));
    put(dir, 'notes.txt.gz', gzipOf(leak('gz')));
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    expect(findingPaths(report)).toEqual([
      'app.jar!/META-INF/app.properties',
      'deploy.zip!/appsettings.json',
      'lib.whl!/lib/settings.py',
      'notes.txt.gz!/notes.txt',
      'plain.tar!/etc/app.env',
      'site.tgz!/site/.env',
      'stored.war!/WEB-INF/web.config',
    ]);
    expect(report.findings.find((f) => f.path === 'deploy.zip!/appsettings.json')!.line).toBe(1);
    expect(report.skipped).toEqual([]);
    // The same in worker threads.
    const workers = await scanJson(dir, '--jobs', '2');
    expect(findingPaths(workers.report)).toEqual(findingPaths(report));
  });

  it('recognises archives by their content, whatever their name', async () => {
    const dir = tmp();
    put(dir, 'report.docx', zipOf({ 'word/document.xml': leak('docx') }));
    put(dir, 'data.bin', gzipOf(await tarOf({ 'inside.txt': leak('renamed') })));
    put(dir, 'noext', zipOf({ 'x.json': leak('noext') }));
    const { report } = await scanJson(dir);
    expect(findingPaths(report)).toEqual(['data.bin!/inside.txt', 'noext!/x.json', 'report.docx!/word/document.xml']);
  });

  it('reads archives nested to any mix', async () => {
    const dir = tmp();
    const nupkg = zipOf({ 'content/local.settings.json': leak('nested') });
    put(dir, 'release.tgz', gzipOf(await tarOf({ 'pkg/app.nupkg': nupkg, 'pkg/readme.md': 'nothing\n' })));
    const inner = gzipOf(await tarOf({ 'deep/secret.env': leak('deep') }));
    put(dir, 'outer.zip', zipOf({ 'layer.tar': await tarOf({ 'bundle.tar.gz': inner }) }));
    const { report } = await scanJson(dir);
    expect(findingPaths(report)).toEqual(['outer.zip!/layer.tar!/bundle.tar.gz!/deep/secret.env', 'release.tgz!/pkg/app.nupkg!/content/local.settings.json']);
    expect(report.findings.map((f) => [f.archive, f.inner])).toEqual([
      ['outer.zip', 'layer.tar!/bundle.tar.gz!/deep/secret.env'],
      ['release.tgz', 'pkg/app.nupkg!/content/local.settings.json'],
    ]);
  });

  it('lists binary entries as skipped, like binary files', async () => {
    const dir = tmp();
    put(dir, 'a.zip', zipOf({ 'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2]), 'ok.txt': 'fine\n' }));
    const { code, report } = await scanJson(dir);
    expect(code).toBe(0);
    expect(skippedOf(report)).toEqual(['a.zip!/logo.png (binary)']);
  });

  it('--no-archives reads an archive as the bytes it is', async () => {
    const dir = tmp();
    put(dir, 'deploy.zip', zipOf({ 'appsettings.json': leak('off') }, 0));
    const { report } = await scanJson(dir, '--no-archives');
    expect(report.findings.map((f) => f.path)).not.toContain('deploy.zip!/appsettings.json');
    const config = await scanJson(dir, '--config', writeConfig(dir, { archives: false }));
    expect(config.report.findings.map((f) => f.path)).not.toContain('deploy.zip!/appsettings.json');
  });

  it('a truncated or corrupt archive is skipped with the reason, what it held before is reported, and the scan goes on', async () => {
    const dir = tmp();
    const whole = zipOf({ 'first.json': leak('before-cut'), 'second.json': `${'x'.repeat(4000)}\n${leak('after-cut')}` }, 0);
    put(dir, 'cut.zip', whole.subarray(0, whole.length - 2000));
    const tgz = gzipOf(await tarOf({ 'a.env': leak('tgz-before'), 'b.bin': new Uint8Array(100_000).fill(7) }));
    put(dir, 'cut.tgz', tgz.subarray(0, Math.floor(tgz.length * 0.7)));
    const corrupt = zipOf({ 'c.txt': Array.from({ length: 3000 }, (_, i) => `line ${i * 7919}`).join('\n') }, 9);
    corrupt.fill(0xff, 100, 140); // inside the deflate data
    put(dir, 'corrupt.zip', corrupt);
    // Every entry whole, the central directory gone: only the missing end record tells.
    const centralDirectory = Buffer.from(whole).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    put(dir, 'no-end.zip', whole.subarray(0, centralDirectory));
    const tar = await tarOf({ 'a.env': leak('tar-before'), 'b.txt': 'b\n'.repeat(50_000) });
    put(dir, 'cut.tar', tar.subarray(0, 40_000));
    put(dir, 'fine.env', leak('fine'));
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    expect(findingPaths(report)).toEqual(['cut.tar!/a.env', 'cut.tgz!/a.env', 'cut.zip!/first.json', 'fine.env', 'no-end.zip!/first.json', 'no-end.zip!/second.json']);
    expect(skippedOf(report)).toEqual([
      'corrupt.zip (broken archive)',
      'cut.tar (broken archive)',
      'cut.tgz (broken archive)',
      'cut.zip (broken archive)',
      'no-end.zip (broken archive)',
    ]);
  });
});

function writeConfig(dir: string, config: object): string {
  const file = path.join(dir, 'kg.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('keyguard scan: archive limits', () => {
  it('a zip bomb stops at maxRatio: listed as skipped, the scan goes on', async () => {
    const dir = tmp();
    put(dir, 'bomb.zip', zipOf({ 'a.env': leak('bomb-first'), 'zeros.txt': 'a'.repeat(64 * 1024 * 1024) }, 9));
    put(dir, 'next.env', leak('after-bomb'));
    const { code, report } = await scanJson(dir);
    expect(code).toBe(1);
    expect(findingPaths(report)).toEqual(['bomb.zip!/a.env', 'next.env']);
    expect(skippedOf(report)).toEqual(['bomb.zip (archive limit: maxRatio)']);
    // Not routine: --strict says some input could not be read.
    const strict = await run(['scan', '--strict'], { cwd: dir });
    expect(strict.code).toBe(2);
  });

  it('a gzip bomb (and one inside a tar.gz) stops at maxRatio too', async () => {
    const dir = tmp();
    const zeros = 'a'.repeat(64 * 1024 * 1024);
    put(dir, 'logs.txt.gz', gzipOf(zeros));
    put(dir, 'bundle.tgz', gzipOf(await tarOf({ 'first.env': leak('tgz-bomb-first'), 'zeros.txt': zeros })));
    const { report } = await scanJson(dir);
    expect(findingPaths(report)).toEqual(['bundle.tgz!/first.env']);
    expect(skippedOf(report)).toEqual(['bundle.tgz (archive limit: maxRatio)', 'logs.txt.gz (archive limit: maxRatio)']);
  });

  it('maxBytes: what was read before the limit is reported', async () => {
    const dir = tmp();
    put(dir, 'big.tar', await tarOf({ 'a.env': leak('under'), 'b.txt': 'b\n'.repeat(600_000), 'c.env': leak('over') }));
    const { report } = await scanJson(dir, '--config', writeConfig(dir, { archives: { maxBytes: 1024 * 1024 } }));
    expect(findingPaths(report)).toEqual(['big.tar!/a.env']);
    expect(skippedOf(report)).toEqual(['big.tar (archive limit: maxBytes)']);
  });

  it('an outer limit that cuts a nested archive short lists the limit, not a broken inner archive', async () => {
    const dir = tmp();
    const inner = await tarOf({ 'a.env': leak('inner-first'), 'pad.txt': 'p\n'.repeat(1024 * 1024) });
    put(dir, 'outer.tar', await tarOf({ 'inner.tar': inner }));
    const { report } = await scanJson(dir, '--config', writeConfig(dir, { archives: { maxBytes: 1024 * 1024 } }));
    expect(findingPaths(report)).toEqual(['outer.tar!/inner.tar!/a.env']);
    expect(skippedOf(report)).toEqual(['outer.tar (archive limit: maxBytes)']);
  });

  it('maxEntries', async () => {
    const dir = tmp();
    put(dir, 'many.zip', zipOf({ '1.env': leak('e1'), '2.env': leak('e2'), '3.env': leak('e3') }));
    const { report } = await scanJson(dir, '--config', writeConfig(dir, { archives: { maxEntries: 2 } }));
    expect(findingPaths(report)).toEqual(['many.zip!/1.env', 'many.zip!/2.env']);
    expect(skippedOf(report)).toEqual(['many.zip (archive limit: maxEntries)']);
  });

  it('maxDepth: an archive nested deeper than 4 is skipped, the rest of its parent read', async () => {
    const dir = tmp();
    let nested: Uint8Array = zipOf({ 'deepest.env': leak('too-deep') });
    for (let level = 5; level >= 2; level--) nested = zipOf({ [`level${level}.zip`]: nested, [`at${level}.env`]: leak(`level-${level}`) });
    put(dir, 'level1.zip', nested);
    const { report } = await scanJson(dir);
    expect(findingPaths(report)).toEqual([
      'level1.zip!/at2.env',
      'level1.zip!/level2.zip!/at3.env',
      'level1.zip!/level2.zip!/level3.zip!/at4.env',
      'level1.zip!/level2.zip!/level3.zip!/level4.zip!/at5.env',
    ]);
    expect(skippedOf(report)).toEqual(['level1.zip!/level2.zip!/level3.zip!/level4.zip!/level5.zip (archive limit: maxDepth)']);
  });

  it('rejects a bad limit in the config', async () => {
    const dir = tmp();
    const r = await run(['scan', '--config', writeConfig(dir, { archives: { maxDepth: 0 } })], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.archives.maxDepth: expected a positive whole number');
  });
});

describe('keyguard scan -: an archive on standard input', () => {
  it('reads it and names entries under the stdin name', async () => {
    const dir = tmp();
    const input = gzipOf(await tarOf({ 'app/appsettings.json': leak('stdin') }));
    const r = await run(['scan', '-', '--format', 'json', '--stdin-filename', 'upload.tgz'], { cwd: dir, input });
    expect(r.code).toBe(1);
    expect(findingPaths(json(r.stdout))).toEqual(['upload.tgz!/app/appsettings.json']);
    const off = await run(['scan', '-', '--format', 'json', '--no-archives'], { cwd: dir, input });
    expect(json(off.stdout).findings).toEqual([]);
  });
});

describe('keyguard scan --staged / --history: archive blobs', () => {
  beforeAll(() => isolateGit());

  it('--staged reads staged archives; a secret the committed archive already held is not new', async () => {
    const repo = makeRepo();
    write(repo, 'README.md', 'hello\n');
    write(repo, 'dist/deploy.zip', zipOf({ 'appsettings.json': leak('committed') }));
    commit(repo, 'init');
    write(repo, 'dist/deploy.zip', zipOf({ 'appsettings.json': leak('committed'), 'local.settings.json': leak('staged-new') }));
    // Over the in-memory size: this blob streams.
    write(repo, 'dist/big.tar', await tarOf({ 'pad.txt': 'p\n'.repeat(5 * 1024 * 1024), 'secret.env': leak('streamed') }));
    git(repo, 'add', '.');
    const r = runCliInRepo(['scan', '--staged', '--format', 'json'], repo);
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(findingPaths(report)).toEqual(['dist/big.tar!/secret.env', 'dist/deploy.zip!/local.settings.json']);
    expect(report.findings[1]).toMatchObject({ archive: 'dist/deploy.zip', inner: 'local.settings.json' });
    const off = runCliInRepo(['scan', '--staged', '--format', 'json', '--no-archives'], repo);
    expect(json(off.stdout).findings).toEqual([]);
  });

  it('--history reports an archive secret once, at the commit that introduced it', async () => {
    const repo = makeRepo();
    write(repo, 'pkg.tgz', gzipOf(await tarOf({ 'app/.env': leak('history') })));
    const first = commit(repo, 'add package');
    write(repo, 'pkg.tgz', gzipOf(await tarOf({ 'app/.env': `${leak('history')}# edited\n` })));
    commit(repo, 'edit package');
    write(repo, 'broken.zip', zipOf({ 'a.txt': 'a'.repeat(3000) }, 0).subarray(0, 1000));
    commit(repo, 'add a broken zip');
    const r = runCliInRepo(['scan', '--history', '--format', 'json'], repo);
    expect(r.status).toBe(1);
    const report = json(r.stdout);
    expect(report.findings.map((f) => `${f.path} ${f.commit}`)).toEqual([`pkg.tgz!/app/.env ${first}`]);
    expect(skippedOf(report)).toEqual(['broken.zip (broken archive)']);
  });
});

describe('report formats: paths inside archives', () => {
  async function archiveTree(): Promise<string> {
    const dir = tmp();
    put(dir, 'deploy.zip', zipOf({ 'config/appsettings.json': `{\n  "x": 1,\n  ${leak('formats')}}\n`, 'bad.zip': 'PK\u0003\u0004 cut' }));
    return dir;
  }

  it('pretty, markdown and github name the inner path; github annotates the archive', async () => {
    const dir = await archiveTree();
    const pretty = await run(['scan', '--format', 'pretty'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(pretty.stdout).toContain('deploy.zip!/config/appsettings.json:3');
    const markdown = await run(['scan', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain(String.raw`deploy\.zip\!\/config\/appsettings\.json`); // renders as deploy.zip!/config/appsettings.json
    const github = await run(['scan', '--format', 'github'], { cwd: dir });
    expect(github.stdout).toMatch(/^::error file=deploy\.zip,title=keyguard%3A azure-signalr-access-key::in deploy\.zip!\/config\/appsettings\.json line 3: /m);
    expect(github.stdout).toContain('::warning file=deploy.zip,title=keyguard%3A skipped::not scanned (deploy.zip!/bad.zip): broken archive');
  });

  it('sarif: the archive is the artifact, the inner path a logical location; the log is valid SARIF 2.1.0', async () => {
    const dir = await archiveTree();
    const r = await run(['scan', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout) as { runs: { results: { locations: Record<string, unknown>[]; properties: Record<string, unknown> }[] }[] };
    const [result] = log.runs[0]!.results;
    expect(result!.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'deploy.zip', uriBaseId: 'SRCROOT' }, region: { startLine: 3 } },
      logicalLocations: [{ name: 'config/appsettings.json', fullyQualifiedName: 'deploy.zip!/config/appsettings.json', kind: 'archiveEntry' }],
    });
    expect(result!.properties).toMatchObject({ archive: 'deploy.zip', inner: 'config/appsettings.json' });
    const ajv = new Ajv({
      strict: false,
      formats: { uri: (s: string) => URL.canParse(s), 'uri-reference': (s: string) => !/\s/.test(s) && URL.canParse(s, 'file:///base/'), 'date-time': () => true },
    });
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('hostile entry names are escaped in every format: no terminal escape, no workflow command', async () => {
    const dir = tmp();
    const evil = 'x\u001b]0;pwned\u0007\n::error file=evil::forged\r\u001b[2J.env';
    put(dir, 'evil.zip', zipOf({ [evil]: leak('hostile'), [`${evil}.png`]: new Uint8Array([0, 1, 2, 0]) }));
    for (const format of ['pretty', 'markdown', 'github', 'json', 'sarif']) {
      const r = await run(['scan', '--format', format, '--verbose'], { cwd: dir, env: { NO_COLOR: '1' } });
      expect(r.code, format).toBe(1);
      for (const output of [r.stdout, r.stderr]) {
        expect(output, format).not.toContain('\u001b');
        expect(output, format).not.toContain('\u0007');
        expect(output, format).not.toMatch(/^::error file=evil::/m);
      }
    }
  });
});
