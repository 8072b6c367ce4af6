import { connectionStrings } from '@keyguard/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, json, run, useTempDirs, writeTree } from './helpers.js';
import { keys } from './keys.js';

// Issue 15, point 4, through the bundle: a key split across string literals joined in one
// expression, in each language the issue names, and a connection string wrapped at the console
// width in pasted output, are each reported once, at the first piece, with the fingerprint the
// key has when written whole. Every key is generated at test time.

beforeAll(assertBuilt);

const tmp = useTempDirs();

const key = keys.legacy('split-literals');
const whole = connectionStrings.signalr(key);
const cut = whole.indexOf(key) + 17; // inside the key
const head = whole.slice(0, cut);
const tail = whole.slice(cut);

/** Per language: a file, and its text (the key's first piece on line 2 at the column given). */
const FILES: Record<string, { path: string; text: string }> = {
  'C#': { path: 'Program.cs', text: `class Program {\n    const string Cs = @"${head}" +\n        "${tail}";\n}\n` },
  Java: { path: 'src/App.java', text: `class App {\n    static final String CS = "${head}"\n        + "${tail}";\n}\n` },
  JavaScript: { path: 'web/app.js', text: `// settings\nconst cs = '${head}' +\n  '${tail}';\n` },
  TypeScript: { path: 'web/config.ts', text: `// settings\nexport const cs: string = \`${head}\` + \`${tail}\`;\n` },
  Python: { path: 'app/settings.py', text: `# settings\nCONNECTION = ("${head}"\n              "${tail}")\n` },
  Go: { path: 'cmd/main.go', text: `package main\nconst cs = "${head}" +\n\t"${tail}"\n` },
  PowerShell: { path: 'deploy.ps1', text: `# deploy\n$cs = "${head}" + \`\n  "${tail}"\n` },
  VB: { path: 'Module1.vb', text: `Module Module1\n    Const Cs As String = "${head}" & _\n        "${tail}"\nEnd Module\n` },
};

/** 1-based column of the key's first character in `text` (on its line). */
const keyColumn = (text: string): number => {
  const at = text.indexOf(head) + head.length - 17;
  return at - text.lastIndexOf('\n', at - 1);
};

describe('keyguard scan: split literals and wrapped output (issue 15, point 4)', () => {
  it.each(Object.entries(FILES))('%s: the split key is reported once, at its first piece', async (_language, file) => {
    const dir = tmp();
    await writeTree(dir, { [file.path]: file.text, 'whole.env': `${whole}\n` });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = json(r.stdout).findings;
    const split = findings.filter((f) => f.path === file.path);
    const written = findings.find((f) => f.path === 'whole.env')!;
    expect(split.map((f) => [f.ruleId, f.confidence, f.line, f.column, f.context.joined])).toEqual([
      ['azure-signalr-access-key', 'high', 2, keyColumn(file.text), 'split-literal'],
    ]);
    expect(split[0]!.endLine).toBe(file.text.split('\n').findIndex((l) => l.includes(tail)) + 1);
    expect(split[0]!.fingerprint).toBe(written.fingerprint);
    expect(split[0]!.context.endpoint).toBe('https://chat-prod.service.signalr.net');
  });

  it('a connection string wrapped at the console width in pasted output is reported once', async () => {
    // Get-AzSignalRKey output as a 100-column console wraps it, the cut inside the key.
    const width = 100;
    const label = 'PrimaryConnectionString';
    const pad = width - ((label.length + 3 + whole.indexOf(key) + 30) % width);
    const line = `${label}${' '.repeat(pad + 1)}: ${whole}`;
    const wrapped = line.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\r\n');
    const dir = tmp();
    await writeTree(dir, { 'notes/keys.txt': `PS> Get-AzSignalRKey -ResourceGroupName rg -Name chat-prod\r\n\r\n${wrapped}\r\n` });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(json(r.stdout).findings.map((f) => [f.path, f.ruleId, f.line, f.endLine, f.context.joined])).toEqual([
      ['notes/keys.txt', 'azure-signalr-access-key', 3 + Math.floor((pad + 1 + label.length + 2 + whole.indexOf(key)) / width), 3 + Math.floor((pad + 1 + label.length + 2 + whole.indexOf(key) + 43) / width), 'wrapped-line'],
    ]);
  });

  it('a documented sample split across literals, and literals not joined, are no finding', async () => {
    const sample = connectionStrings.signalr('abcdefghijklmnopqrstuvwxyz0123456789/+ABCDE='); // Purview's example
    const at = sample.indexOf('/+ABCDE');
    const dir = tmp();
    await writeTree(dir, {
      'sample.cs': `var cs = "${sample.slice(0, at)}" +\n    "${sample.slice(at)}";\n`,
      'args.js': `connect('${head}', '${tail}');\n`,
    });
    const r = await run(['scan', '--format', 'json'], { cwd: dir });
    expect([r.code, json(r.stdout).findings]).toEqual([0, []]);
  });

  it('SARIF says how the secret was written', async () => {
    const dir = tmp();
    await writeTree(dir, { 'Program.cs': FILES['C#']!.text });
    const r = await run(['scan', '--format', 'sarif'], { cwd: dir });
    const sarif = JSON.parse(r.stdout) as { runs: { results: { properties: { joined?: string } }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.properties.joined)).toEqual(['split-literal']);
  });
});
