import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTemp, codeWithKey, commit, isolateGit, makeRepo, runCli, tempDir, write } from './git-fixtures.js';
import { assertBuilt } from './helpers.js';

// Code scanning resolves SARIF URIs and annotation paths against the repository's root, so they
// must be root-relative whatever folder the scan ran from; pretty and JSON stay cwd-relative.
type Sarif = {
  runs: {
    originalUriBaseIds: Record<string, { uri: string }>;
    results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[]; properties: Record<string, unknown> }[];
  }[];
};
const location = (s: Sarif, i = 0) => s.runs[0]!.results[i]!.locations[0]!.physicalLocation.artifactLocation;

let repo: string;
let sha: string;
beforeAll(() => {
  assertBuilt();
  isolateGit();
  repo = makeRepo();
  write(repo, 'src/Hubs/Chat Hub.cs', codeWithKey('report-paths'));
  write(repo, 'README.md', '# app\n');
  sha = commit(repo, 'add hub');
});
afterAll(() => cleanupTemp());

describe('inside a work tree, from a subfolder', () => {
  it('SARIF: uri relative to the work tree root, uriBaseId SRCROOT pointing at the root', () => {
    const r = runCli(['scan', '.', '--format', 'sarif'], `${repo}/src`);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout) as Sarif;
    expect(location(sarif)).toEqual({ uri: 'src/Hubs/Chat%20Hub.cs', uriBaseId: 'SRCROOT' });
    expect(sarif.runs[0]!.originalUriBaseIds.SRCROOT!.uri).toBe(pathToFileURL(`${repo}/`).href);
  });

  it('github annotations: file= relative to the work tree root', () => {
    const r = runCli(['scan', 'Hubs', '--format', 'github'], `${repo}/src`);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=src\/Hubs\/Chat Hub\.cs,line=1,/m);
  });

  it('pretty and JSON: relative to the current folder', () => {
    const r = runCli(['scan', '.', '--format', 'json'], `${repo}/src`);
    expect((JSON.parse(r.stdout) as { findings: { path: string }[] }).findings[0]!.path).toBe('Hubs/Chat Hub.cs');
  });

  it('a scan of a folder above the current one still maps to the root', () => {
    const r = runCli(['scan', '..', '--format', 'sarif'], `${repo}/src/Hubs`);
    expect(location(JSON.parse(r.stdout) as Sarif).uri).toBe('src/Hubs/Chat%20Hub.cs');
  });

  it('history: root-relative uri, and the commit in the result properties', () => {
    const r = runCli(['scan', '--history', '--format', 'sarif'], `${repo}/src`);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout) as Sarif;
    expect(location(sarif)).toEqual({ uri: 'src/Hubs/Chat%20Hub.cs', uriBaseId: 'SRCROOT' });
    expect(sarif.runs[0]!.results[0]!.properties.commit).toBe(sha);
    const gh = runCli(['scan', '--history', '--format', 'github'], `${repo}/src`);
    expect(gh.stdout).toMatch(/^::error file=src\/Hubs\/Chat Hub\.cs,/m);
  });
});

describe('outside a work tree', () => {
  it('SARIF is relative to the current folder, which is SRCROOT', () => {
    const dir = tempDir('kg-plain-');
    write(dir, 'app/settings.cs', codeWithKey('report-paths-plain'));
    const r = runCli(['scan', '.', '--format', 'sarif'], `${dir}/app`);
    const sarif = JSON.parse(r.stdout) as Sarif;
    expect(location(sarif)).toEqual({ uri: 'settings.cs', uriBaseId: 'SRCROOT' });
    expect(sarif.runs[0]!.originalUriBaseIds.SRCROOT!.uri).toBe(pathToFileURL(`${dir}/app/`).href);
  });
});
