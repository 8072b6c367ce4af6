/**
 * The plugin as users configure it (ESLint's Linter with the shipped configs): file mapping of
 * `configs.text`, the text language itself, and `eslint-disable` directives in every language.
 */
import json from '@eslint/json';
import markdown from '@eslint/markdown';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import type { Linter as LinterTypes } from 'eslint';
import yml from 'eslint-plugin-yml';
import { describe, expect, it } from 'vitest';
import keyguard, { TEXT_FILES, TextLanguage, TextSourceCode, configs, parseText } from '../src/index.js';
import { LEGACY, LEGACY2, cs, locate } from './helpers.js';

const RULE = 'keyguard/no-leaked-access-key';

const config: LinterTypes.Config[] = [
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.json'], plugins: { json }, language: 'json/json' },
  { files: ['**/*.jsonc'], plugins: { json }, language: 'json/jsonc' },
  { files: ['**/*.md'], plugins: { markdown }, language: 'markdown/commonmark' },
  { files: ['**/*.{yml,yaml}'], plugins: { yml }, language: 'yml/yaml' },
  keyguard.configs.recommended,
  keyguard.configs.text,
];

const lint = (code: string, filename: string, extra: LinterTypes.Config[] = []) =>
  new Linter().verify(code, [...config, ...extra], filename);

const findings = (code: string, filename: string) => {
  const messages = lint(code, filename);
  // a crash, a parse error or a missing rule shows up here as ruleId null / another rule
  for (const m of messages) expect(m.ruleId, m.message).toBe(RULE);
  return messages.map((m) => ({ line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }));
};

describe('a connection string in base64', () => {
  it('is reported on the base64 characters that hold the key, with no placeholder to splice into the run', () => {
    const run = Buffer.from(cs(LEGACY), 'utf8').toString('base64');
    const code = `data:\n  Azure__SignalR__ConnectionString: ${run}\n`;
    const messages = lint(code, 'k8s/secret.yaml');
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.ruleId).toBe(RULE);
    expect(message!.message).not.toContain(LEGACY);
    const keyAt = cs(LEGACY).indexOf(LEGACY);
    const from = code.indexOf(run) + Math.floor(keyAt / 3) * 4;
    expect({ line: message!.line, column: message!.column }).toEqual({ line: 2, column: from - code.indexOf('\n') });
    expect(message!.suggestions ?? []).toEqual([]);
  });
});

describe('configs.recommended', () => {
  it('enables the rule as an error, with the plugin registered under "keyguard"', () => {
    expect(configs.recommended.rules).toEqual({ [RULE]: 'error' });
    expect(configs.recommended.plugins?.keyguard).toBe(keyguard);
    expect(configs.recommended.files).toBeUndefined();
    expect(configs.recommended.name).toBe('keyguard/recommended');
  });

  it('reports in JS with severity 2', () => {
    const code = `const cs = "${cs(LEGACY)}";`;
    const [message, ...rest] = lint(code, 'src/app.js');
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ ruleId: RULE, severity: 2, ...locate(code, LEGACY) });
  });
});

describe('options schema', () => {
  // Options of any shape on purpose: the schema must reject at run time what the types reject
  // in an eslint.config.ts (as never: past the rule's option types).
  const verify = (options: unknown) => () =>
    new Linter().verify('const a = 1;', [{ plugins: { keyguard }, rules: { [RULE]: ['error', options as never] } }], 'a.js');
  it('accepts minConfidence and allow', () => {
    expect(verify({ minConfidence: 'low', allow: ['abc'] })).not.toThrow();
    expect(verify({})).not.toThrow();
  });
  it('rejects anything else', () => {
    expect(verify({ minConfidence: 'extreme' })).toThrow(/Key "keyguard\/no-leaked-access-key":\s+Value "extreme" should be equal to one of the allowed values/);
    expect(verify({ allow: 'abc' })).toThrow(/Key "keyguard\/no-leaked-access-key":/);
    expect(verify({ allow: [''] })).toThrow(/Key "keyguard\/no-leaked-access-key":/);
    expect(verify({ rules: {} })).toThrow(/Key "keyguard\/no-leaked-access-key":/);
  });
});

describe('configs.text', () => {
  it('maps text files to keyguard/text and enables the rule', () => {
    expect(configs.text.language).toBe('keyguard/text');
    expect(configs.text.files).toEqual(TEXT_FILES);
    expect(configs.text.rules).toEqual({ [RULE]: 'error' });
    expect(configs.text.plugins?.keyguard).toBe(keyguard);
  });

  const line = `Azure__SignalR__ConnectionString=${cs(LEGACY)}\n`;
  for (const filename of ['.env', 'app/.env', '.env.local', 'config/prod.env', 'infra/main.bicep', 'infra/main.bicepparam', 'web.config', 'settings.ini', 'app.properties', 'deploy.sh', 'notes.txt']) {
    it(`lints ${filename} as text`, () => {
      expect(findings(line, filename)).toEqual([locate(line, LEGACY)]);
    });
  }

  it('extends to other files as in the README (language + extends recommended)', () => {
    const readmeConfig = defineConfig(keyguard.configs.text, {
      files: ['**/*.cs', '**/*.csx'],
      language: 'keyguard/text',
      extends: [keyguard.configs.recommended],
    });
    const code = `var cs = "${cs(LEGACY)}";\n`;
    const messages = new Linter().verify(code, readmeConfig, 'src/Startup.cs');
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([[RULE, 1, locate(code, LEGACY).column]]);
  });

  it('leaves files it does not map alone', () => {
    // without the text config ESLint would not lint a .env file: here, no config matches it
    const messages = new Linter().verify(line, [keyguard.configs.text], 'data/blob.bin');
    expect(messages.map((m) => m.message).join('\n')).toMatch(/No matching configuration/);
  });
});

describe('locations', () => {
  it('ignore a BOM (ESLint strips it before the rule runs)', () => {
    const code = `Azure__SignalR__ConnectionString=${cs(LEGACY)}\n`;
    expect(findings(`\uFEFF${code}`, '.env')).toEqual([locate(code, LEGACY)]);
    expect(findings(`\uFEFFconst a = "${cs(LEGACY)}";`, 'a.js')).toEqual([locate(`const a = "${cs(LEGACY)}";`, LEGACY)]);
  });

  it("follow ESLint's line numbering in JS, where U+2028 ends a line", () => {
    // core counts CR/LF lines; the rule maps through the offset, so the editor still gets the key
    const code = `const a = "x\u2028y";\nconst b = "${cs(LEGACY)}";\n`;
    const column = `const b = "${cs(LEGACY)}";`.indexOf(LEGACY) + 1;
    expect(findings(code, 'a.js')).toEqual([{ line: 3, column, endLine: 3, endColumn: column + LEGACY.length }]);
  });
});

describe('eslint-disable directives', () => {
  const key = (k: string) => cs(k);
  const cases: [string, string, number][] = [
    ['a.js', `// eslint-disable-next-line ${RULE}\nconst a = "${key(LEGACY)}";\nconst b = "${key(LEGACY2)}";\n`, 3],
    ['a.ts', `const a: string = "${key(LEGACY)}"; // eslint-disable-line ${RULE}\nconst b = "${key(LEGACY2)}";\n`, 2],
    ['a.tsx', `/* eslint-disable ${RULE} */\nconst a = <A cs="${key(LEGACY)}" />;\n/* eslint-enable ${RULE} */\nconst b = <A cs="${key(LEGACY2)}" />;\n`, 4],
    ['a.jsonc', `{\n  // eslint-disable-next-line ${RULE}\n  "a": "${key(LEGACY)}",\n  "b": "${key(LEGACY2)}"\n}\n`, 4],
    ['a.yaml', `# eslint-disable-next-line ${RULE}\na: "${key(LEGACY)}"\nb: "${key(LEGACY2)}"\n`, 3],
    ['a.md', `<!-- eslint-disable-next-line ${RULE} -->\n${key(LEGACY)}\n\n${key(LEGACY2)}\n`, 4],
    ['.env', `# eslint-disable-next-line ${RULE}\nA=${key(LEGACY)}\nB=${key(LEGACY2)}\n`, 3],
    ['main.bicep', `var a = '${key(LEGACY)}'\n// eslint-disable-next-line ${RULE} -- rotated already\nvar b = '${key(LEGACY2)}'\nvar c = '${key(LEGACY)}'\n`, 1],
    ['web.config', `<!-- eslint-disable ${RULE} -->\n<add cs="${key(LEGACY)}" />\n<!-- eslint-enable ${RULE} -->\n<add cs="${key(LEGACY2)}" />\n`, 4],
    ['settings.ini', `; eslint-disable-next-line ${RULE}\na=${key(LEGACY)}\nb=${key(LEGACY2)}\n`, 3],
  ];
  for (const [filename, code, reportedLine] of cases) {
    it(`honours directives in ${filename}`, () => {
      const lines = findings(code, filename).map((f) => f.line);
      // main.bicep: line 4 repeats the first key; directives only cover line 3
      expect(lines).toEqual(filename === 'main.bicep' ? [1, 4] : [reportedLine]);
    });
  }

  it('reports unused directives in text files like anywhere else', () => {
    const messages = new Linter().verify(
      `PORT=1\n# eslint-disable-next-line ${RULE}\nHOST=x\n`,
      [...config, { linterOptions: { reportUnusedDisableDirectives: 'error' } }],
      '.env',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toMatch(/Unused eslint-disable directive/);
    expect(messages[0]).toMatchObject({ ruleId: null, severity: 2, line: 2, column: 1 });
  });
});

describe('keyguard/text language', () => {
  const language = new TextLanguage();

  it('has the shape ESLint expects', () => {
    expect(language).toMatchObject({ fileType: 'text', lineStart: 1, columnStart: 0, nodeTypeKey: 'type' });
    expect(keyguard.languages.text).toBeInstanceOf(TextLanguage);
    expect(() => language.validateLanguageOptions({})).not.toThrow();
    expect(() => language.validateLanguageOptions({ foo: 1 } as never)).toThrow(/no language options/);
  });

  it('rejects language options in a config', () => {
    const messages = () =>
      new Linter().verify('A=1', [{ ...keyguard.configs.text, languageOptions: { parser: tsParser } }], '.env');
    expect(messages).toThrow(/no language options|parser/);
  });

  it('parses any text into one Document with comment lines', () => {
    const text = '# one\r\nA=1\r  // two\n; three\n<!-- four -->\nREM five\nB=#not a comment';
    const result = language.parse({ path: 'x', physicalPath: 'x', bom: false, body: text });
    expect(result.ok).toBe(true);
    const ast = result.ast;
    expect(ast).toMatchObject({ type: 'Document', range: [0, text.length], loc: { start: { line: 1, column: 0 }, end: { line: 7, column: 16 } } });
    expect(ast.comments.map((c) => [c.value, c.loc.start.line, c.loc.start.column, c.range[1]])).toEqual([
      [' one', 1, 0, 5],
      [' two', 3, 2, 19],
      [' three', 4, 0, 27],
      [' four ', 5, 0, 41],
      [' five', 6, 0, 50],
    ]);
    expect(parseText('').comments).toEqual([]);
  });

  it('builds a SourceCode with lines, locations and disable directives', () => {
    const text = `# eslint-disable-next-line ${RULE} -- why\nA=1\r\nB=2\rC=3`;
    const file = { path: '.env', physicalPath: '.env', bom: false, body: text };
    const result = language.parse(file);
    const sourceCode = language.createSourceCode(file, result);
    expect(sourceCode).toBeInstanceOf(TextSourceCode);
    expect(sourceCode.lines).toEqual([`# eslint-disable-next-line ${RULE} -- why`, 'A=1', 'B=2', 'C=3']);
    expect(sourceCode.getLocFromIndex(text.indexOf('B'))).toEqual({ line: 3, column: 0 });
    expect(sourceCode.getLocFromIndex(text.indexOf('C'))).toEqual({ line: 4, column: 0 });
    const { directives, problems } = sourceCode.getDisableDirectives();
    expect(problems).toEqual([]);
    expect(directives.map((d) => [d.type, d.value, d.justification])).toEqual([['disable-next-line', RULE, 'why']]);
    expect([...sourceCode.traverse()].map((s) => [s.kind, (s as { phase?: number }).phase])).toEqual([
      [1, 1],
      [1, 2],
    ]);
  });
});
