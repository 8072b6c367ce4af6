import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/report/types.js';
import { gzipOf, zipOf } from './archive-fixtures.js';
import { assertBuilt, json, run, useTempDirs } from './helpers.js';
import { dockerSave, imageFolder, imageTar, linkFirstLayer, ociLayout } from './image-fixtures.js';
import { connectionString, keys } from './keys.js';

beforeAll(assertBuilt);

const tmp = useTempDirs();
const leak = (seed: string): string => connectionString(keys.asrs(seed));
const findingPaths = (r: JsonReport): string[] => r.findings.map((f) => f.path);

async function scanImage(dir: string, image: string, ...extra: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await run(['scan', '--image', image, '--format', 'json', ...extra], { cwd: dir });
  expect(r.stderr).not.toContain('internal error');
  return { code: r.code, report: r.stdout === '' ? ({} as JsonReport) : json(r.stdout), stderr: r.stderr };
}

/** An image whose second layer deletes the first layer's settings file, with ENV and ARG leaks in its config. */
const leakyImage = {
  layers: [
    [
      { name: 'app/', type: 'directory' as const },
      { name: 'app/appsettings.json', content: `{\n  "SignalR": "${leak('layer-file')}"\n}\n` },
      { name: 'app/bundle.zip', content: zipOf({ 'nested.env': `${leak('layer-zip')}\n` }) },
    ],
    [
      { name: 'app/.wh.appsettings.json', content: '' },
      { name: 'app/readme.txt', content: 'nothing\n' },
    ],
  ],
  env: ['PATH=/usr/local/bin:/usr/bin', leak('config-env')],
  labels: { maintainer: 'team' },
  history: ['/bin/sh -c #(nop) ADD file:abc in /', `/bin/sh -c #(nop)  ENV ${leak('history-env')}`],
};

describe('keyguard scan --image', () => {
  it('an OCI image tarball: every layer, a whited-out file still reported and marked, config Env and history', async () => {
    const dir = tmp();
    const image = await ociLayout(leakyImage);
    writeFileSync(path.join(dir, 'image.tar'), await imageTar(image));
    const { code, report } = await scanImage(dir, 'image.tar');
    expect(code).toBe(1);
    const [lower, upper] = image.layerDigests as [string, string];
    expect(findingPaths(report)).toEqual([
      'image.tar!/config:Env',
      'image.tar!/config:history',
      `image.tar!/${lower}/app/appsettings.json`,
      `image.tar!/${lower}/app/bundle.zip!/nested.env`,
    ]);
    const deleted = report.findings.find((f) => f.path.endsWith('appsettings.json'))!;
    expect(deleted).toMatchObject({ archive: 'image.tar', inner: `${lower}/app/appsettings.json`, deletedBy: upper, line: 2 });
    expect(report.findings.find((f) => f.path.endsWith('config:Env'))!.line).toBe(2);
    expect(report.findings.find((f) => f.path.endsWith('config:history'))!.line).toBe(2);
    expect(report.findings.find((f) => f.path.endsWith('nested.env'))!.deletedBy).toBeUndefined();
    expect(report.skipped).toEqual([]);
    // `docker save | gzip` gives the same.
    writeFileSync(path.join(dir, 'image.tar.gz'), gzipOf(await imageTar(image)));
    const gzipped = await scanImage(dir, 'image.tar.gz');
    expect(gzipped.report.findings.map((f) => f.inner)).toEqual(report.findings.map((f) => f.inner));
    const pretty = await run(['scan', '--image', 'image.tar'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(pretty.stdout).toContain(`(deleted by layer ${upper}, still in the image)`);
  });

  it('an OCI image layout folder, and a docker save tarball named by layer diff ids', async () => {
    const dir = tmp();
    const oci = await ociLayout(leakyImage);
    imageFolder(oci, path.join(dir, 'layout'));
    const folder = await scanImage(dir, 'layout');
    expect(findingPaths(folder.report)).toContain(`layout!/${oci.layerDigests[0]}/app/appsettings.json`);
    expect(folder.report.findings).toHaveLength(4);

    const docker = await dockerSave({ ...leakyImage, gzip: false });
    writeFileSync(path.join(dir, 'docker.tar'), await imageTar(docker));
    const saved = await scanImage(dir, 'docker.tar');
    expect(saved.code).toBe(1);
    expect(findingPaths(saved.report)).toEqual([
      'docker.tar!/config:Env',
      'docker.tar!/config:history',
      `docker.tar!/${docker.diffIds[0]}/app/appsettings.json`,
      `docker.tar!/${docker.diffIds[0]}/app/bundle.zip!/nested.env`,
    ]);
    expect(saved.report.findings[2]!.deletedBy).toBe(docker.diffIds[1]);

    // The first layer as a link to a shared copy: followed, same findings.
    const linked = await dockerSave({ ...leakyImage, gzip: false });
    const links = linkFirstLayer(linked);
    writeFileSync(path.join(dir, 'linked.tar'), await imageTar(linked, links));
    const viaLink = await scanImage(dir, 'linked.tar');
    expect(findingPaths(viaLink.report)).toEqual(findingPaths(saved.report).map((p) => p.replace('docker.tar', 'linked.tar')));
    expect(viaLink.report.skipped).toEqual([]);
  });

  it('an opaque whiteout hides the whole folder below it', async () => {
    const dir = tmp();
    const image = await ociLayout({
      layers: [[{ name: 'etc/app/secret.env', content: `${leak('opaque')}\n` }, { name: 'srv/keep.env', content: `${leak('kept')}\n` }], [{ name: 'etc/app/.wh..wh..opq', content: '' }]],
    });
    writeFileSync(path.join(dir, 'image.tar'), await imageTar(image));
    const { report } = await scanImage(dir, 'image.tar');
    expect(report.findings.map((f) => [f.inner, f.deletedBy])).toEqual([
      [`${image.layerDigests[0]}/etc/app/secret.env`, image.layerDigests[1]],
      [`${image.layerDigests[0]}/srv/keep.env`, undefined],
    ]);
  });

  it('a truncated image tarball: what was read is reported, the rest listed as skipped', async () => {
    const dir = tmp();
    const image = await ociLayout({ ...leakyImage, gzip: false });
    const whole = await imageTar(image);
    writeFileSync(path.join(dir, 'cut.tar'), whole.subarray(0, whole.length - 3000));
    const { code, report } = await scanImage(dir, 'cut.tar');
    expect(code).toBe(1);
    expect(findingPaths(report)).toContain('cut.tar!/config:Env');
    expect(report.skipped.map((s) => s.reason)).toContain('broken archive');
  });

  it('a file that is no image, or no file: exit 2 with one line', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'plain.tar'), zipOf({ 'a.txt': 'a' }));
    const notImage = await run(['scan', '--image', 'plain.tar'], { cwd: dir });
    expect(notImage.code).toBe(2);
    expect(notImage.stderr).toMatch(/^keyguard: --image plain\.tar: .+\n$/);
    const missing = await run(['scan', '--image', 'nope.tar'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('keyguard: --image nope.tar: no such file or folder\n');
    const both = await run(['scan', '--image', 'x.tar', 'src'], { cwd: dir });
    expect(both.stderr).toBe('keyguard: --image cannot be combined with paths\n');
  });
});
