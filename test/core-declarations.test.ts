import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_COMPILER_OPTIONS, packPackage, repoRoot, run, unpackTarball } from './helpers.js';

// @keyguard/core's published declarations, as a consumer compiles them: the packed tarball
// installed in a temporary project, every .d.ts in it a root file and `skipLibCheck: false`, so
// none is skipped. Without `@types/node` (`types: []`) no Node type may appear (NodeJS.*,
// Buffer): core's API takes standard types (Uint8Array, AsyncIterable). With `@types/node`,
// Node users keep what they had: Buffers out, Node streams in.
describe('@keyguard/core declarations', () => {
  const root = mkdtempSync(join(tmpdir(), 'keyguard-core-dts-'));
  const project = join(root, 'project');
  const coreDir = join(project, 'node_modules', '@keyguard', 'core');
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  let declarations: string[] = [];

  /** Compiles `source` (and every published .d.ts) in the project; the compiler's output. */
  async function compile(name: string, source: string, options: Record<string, unknown>): Promise<{ code: number; output: string }> {
    writeFileSync(join(project, `${name}.ts`), source);
    const config = join(project, `tsconfig.${name}.json`);
    writeFileSync(config, JSON.stringify({ compilerOptions: { ...CONSUMER_COMPILER_OPTIONS, ...options }, files: [`${name}.ts`, ...declarations] }, null, 2));
    const result = await run(process.execPath, [tsc, '-p', config], { cwd: project });
    return { code: result.code, output: `${result.stdout}${result.stderr}` };
  }

  beforeAll(async () => {
    const tarball = await packPackage('core', join(root, 'tarballs'));
    await unpackTarball(tarball, coreDir);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
    declarations = walk(coreDir)
      .filter((file) => /\.d\.[cm]?ts$/.test(file))
      .map((file) => relative(project, file));
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the tarball holds the declarations of both entry points', () => {
    expect(declarations).toContain(join('node_modules', '@keyguard', 'core', 'dist', 'index.d.ts'));
    expect(declarations).toContain(join('node_modules', '@keyguard', 'core', 'dist', 'testing', 'index.d.ts'));
  });

  it('compile with skipLibCheck: false and no @types/node (types: [])', async () => {
    const source = `
import { borrowScanBuffer, mayHoldSecret, scanBytes, scanStream, scanText, SkippedInputError, rules } from '@keyguard/core';
import type { BytesScanResult, Finding, StreamSource, StreamStats } from '@keyguard/core';
import { KeyRandom, generateLegacyKey } from '@keyguard/core/testing';

async function* chunks(): AsyncGenerator<Uint8Array | string> {
  yield Uint8Array.from('Endpoint=https://x.service.signalr.net;', (c) => c.charCodeAt(0));
  yield 'AccessKey=' + generateLegacyKey('dts') + ';';
}
const sources: StreamSource[] = [chunks(), ['text', new Uint8Array(2)]];
const findings: Finding[] = scanText('text');
const result: BytesScanResult = scanBytes(new Uint8Array(4));
const buffer: Uint8Array = borrowScanBuffer(16);
const random: Uint8Array = new KeyRandom('dts').bytes(4);
// @ts-expect-error: without Node's types the buffer is a Uint8Array, whose toString takes no encoding
buffer.toString('hex');
export async function consume(): Promise<StreamStats> {
  const scan = scanStream(sources[0]!);
  for await (const finding of scan) findings.push(finding);
  return scan.stats;
}
export { result, random, rules, mayHoldSecret, SkippedInputError };
`;
    const { code, output } = await compile('standard', source, { types: [] });
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('with @types/node, give Buffers and take Node streams as before', async () => {
    const source = `
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { borrowScanBuffer, scanStream } from '@keyguard/core';
import { KeyRandom } from '@keyguard/core/testing';

const buffer: Buffer = borrowScanBuffer(16);
buffer.fill('x');
const hex: string = new KeyRandom('dts').bytes(4).toString('hex');
const scans = [scanStream(createReadStream('package.json')), scanStream(process.stdin), scanStream(Readable.from(['a', Buffer.from('b')]))];
export { hex, scans };
`;
    const { code, output } = await compile('node', source, { types: ['node'], typeRoots: [join(repoRoot, 'node_modules', '@types')] });
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
