import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/args.js';
import { colorsEnabled } from '../src/colors.js';
import { UsageError } from '../src/exit-codes.js';
import { main } from '../src/main.js';
import { displayPath } from '../src/paths.js';
import { Progress } from '../src/progress.js';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { relativeUri } from '../src/report/sarif.js';
import { summaryLine } from '../src/report/pretty.js';

function sink(isTTY = false): { stream: { write: (s: string) => boolean; isTTY: boolean }; text: () => string } {
  let out = '';
  return {
    stream: {
      write: (s: string) => {
        out += s;
        return true;
      },
      isTTY,
    },
    text: () => out,
  };
}

describe('parseCliArgs', () => {
  it('parses scan flags', () => {
    const a = parseCliArgs(['scan', 'src', 'lib', '-f', 'sarif', '-o', 'out.sarif', '--show-secrets', '--no-ignore', '--no-inline-ignore', '-j', '3', '--strict', '-q', '--follow-symlinks', '--no-progress', '--min-confidence', 'low']);
    expect(a).toMatchObject({
      command: 'scan',
      paths: ['src', 'lib'],
      format: 'sarif',
      output: 'out.sarif',
      showSecrets: true,
      ignore: false,
      inlineIgnore: false,
      jobs: 3,
      strict: true,
      quiet: true,
      followSymlinks: true,
      progress: false,
      minConfidence: 'low',
      stdin: false,
    });
    expect(parseCliArgs(['scan'])).toMatchObject({ paths: ['.'], format: 'pretty', ignore: true, inlineIgnore: true, showSecrets: false });
  });

  it('--history takes an optional range; --staged takes optional paths', () => {
    expect(parseCliArgs(['scan', '--history'])).toMatchObject({ history: '', staged: false, paths: [] });
    expect(parseCliArgs(['scan', '--history=main~5..main'])).toMatchObject({ history: 'main~5..main' });
    expect(parseCliArgs(['scan', '--staged'])).toMatchObject({ staged: true, paths: [] });
    expect(parseCliArgs(['scan', '--staged', 'a.ts'])).toMatchObject({ staged: true, paths: ['a.ts'] });
  });

  it('rejects bad usage with UsageError', () => {
    for (const argv of [
      ['scan', '--nope'],
      ['scan', '--format'],
      ['scan', '--staged', '--history'],
      ['scan', '--history', 'src'],
      ['scan', '--history='],
      ['scan', '-', 'x'],
      ['scan', '--jobs', '0'],
      ['frobnicate'],
      ['--format', 'json'],
      ['baseline', '--baseline', 'b.json'],
      ['scan', '--show-secrets=yes'],
    ]) {
      expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });

  it('help and version', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['scan', '--help'])).toEqual({ command: 'help', topic: 'scan' });
    expect(parseCliArgs(['-V'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['hook', 'install', '--force'])).toEqual({ command: 'hook', rest: ['install', '--force'] });
  });
});

describe('colours', () => {
  it('follow TTY, NO_COLOR and FORCE_COLOR', () => {
    expect(colorsEnabled({}, true)).toBe(true);
    expect(colorsEnabled({}, false)).toBe(false);
    expect(colorsEnabled({}, undefined)).toBe(false);
    expect(colorsEnabled({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorsEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorsEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorsEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorsEnabled({ FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(false);
  });
});

describe('progress', () => {
  it('draws only when enabled, throttled, and clears its line', () => {
    let t = 0;
    const tty = sink(true);
    const p = new Progress(tty.stream, true, () => t, 100);
    p.update({ files: 0, bytes: 0, findings: 0 }); // too early: a short scan shows nothing
    t = 150;
    p.update({ files: 1, bytes: 1024 * 1024, findings: 0 });
    t = 200;
    p.update({ files: 2, bytes: 2 * 1024 * 1024, findings: 1 }); // throttled
    t = 1000;
    p.update({ files: 3, bytes: 3 * 1024 * 1024, findings: 2 });
    p.done();
    const out = tty.text();
    expect(out).toContain('keyguard: 1 file (1.0 MiB), 0 findings');
    expect(out).not.toContain('2 files');
    expect(out).not.toContain('0 files');
    expect(out).toContain('keyguard: 3 files (3.0 MiB), 2 findings, 3.0 MiB/s');
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
    const off = sink(true);
    const q = new Progress(off.stream, false);
    q.update({ files: 1, bytes: 1, findings: 1 }, true);
    q.done();
    expect(off.text()).toBe('');
  });

  it('is wanted only on a TTY, without --no-progress, outside CI', () => {
    expect(Progress.wanted({ write: () => true, isTTY: true }, true, {})).toBe(true);
    expect(Progress.wanted({ write: () => true, isTTY: false }, true, {})).toBe(false);
    expect(Progress.wanted({ write: () => true, isTTY: true }, false, {})).toBe(false);
    expect(Progress.wanted({ write: () => true, isTTY: true }, true, { CI: 'true' })).toBe(false);
  });
});

describe('escaping and paths', () => {
  it('github workflow command escaping', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('sarif relative uris are percent-encoded per segment', () => {
    expect(relativeUri('dir with space/a#b?.ts')).toBe('dir%20with%20space/a%23b%3F.ts');
  });

  it('display paths: relative under cwd, absolute elsewhere', () => {
    expect(displayPath('/w/repo/src/a.ts', '/w/repo')).toBe('src/a.ts');
    expect(displayPath('/w/other/a.ts', '/w/repo')).toBe('/w/other/a.ts');
    expect(displayPath('/w/repo/..hidden/a.ts', '/w/repo')).toBe('..hidden/a.ts');
    expect(displayPath('/w/repo', '/w/repo')).toBe('.');
  });

  it('summary line', () => {
    expect(summaryLine({ findings: [], skipped: [{ path: 'p', reason: 'fifo' }], files: 1, bytes: 2048, suppressed: 3, ignored: 4, durationMs: 12.4 })).toBe(
      '1 file (2.0 KiB) in 12 ms: 0 findings, 3 suppressed, 1 skipped, 4 ignored',
    );
  });
});

describe('main (in process)', () => {
  it('an internal error is one line, exit 2, no stack trace', async () => {
    const err = sink();
    const out = sink();
    const stdin = new Readable({
      read() {
        this.destroy(new Error('disk on fire\n    at somewhere (file.js:1:1)'));
      },
    });
    const code = await main(['scan', '-'], {}, { stdout: out.stream, stderr: err.stream, stdin, cwd: process.cwd() });
    expect(code).toBe(2);
    expect(err.text()).toBe('keyguard: internal error: disk on fire at somewhere (file.js:1:1)\n');
    expect(out.text()).toBe('');
  });

  it('a usage error is one line, exit 2', async () => {
    const err = sink();
    const code = await main(['scan', '--wat'], {}, { stdout: sink().stream, stderr: err.stream, stdin: new PassThrough(), cwd: process.cwd() });
    expect(code).toBe(2);
    expect(err.text()).toBe("keyguard: unknown option '--wat' (see keyguard --help)\n");
  });
});
