// A small stand-in for the GitHub Actions runner, enough to run a composite action (action.yml)
// step by step the way GitHub does, offline. Not a test file itself: test/action.test.ts uses it.
//
// What it does, as GitHub does:
// - inputs: the given values over action.yml's defaults (an input action.yml does not declare is
//   an error here, a warning on GitHub);
// - `${{ }}` expressions in `env:`, `with:`, `run:` and `if:`, over the contexts inputs.*,
//   steps.<id>.outputs.* / .outcome / .conclusion, github.action_path / .workspace, runner.temp /
//   .os, env.*; literals (strings in single quotes, numbers, true, false, null); the operators
//   ! == != < <= > >= && || and parentheses, with GitHub's loose comparison (strings compared
//   case-insensitively, other mixed types as numbers); the functions success(), failure(),
//   always(), cancelled(), contains(), startsWith(), endsWith(), format();
// - an `if:` without a status function means `success() && (...)`;
// - `run:` steps with `shell: bash` run as `bash --noprofile --norc -eo pipefail <script file>`
//   in the workspace (or `working-directory`), with the step's `env:` and the job's environment;
// - a fresh GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV and GITHUB_PATH file per step, read
//   after it (`name=value` and `name<<DELIMITER` heredocs); GITHUB_ENV and GITHUB_PATH apply to
//   the later steps, step summaries are appended to the job summary;
// - workflow commands in a step's output (`::error file=…,line=…::message` and its siblings)
//   become annotations, unescaped as GitHub does;
// - a failed step fails the job (unless continue-on-error), later steps see failure();
// - each step's start (since the job started) and wall time are recorded.
// What it does instead of GitHub:
// - `uses:` steps are recorded with their resolved `with:` and not run (they succeed, no output);
// - a step named in `stubs` (by id or name) is not run either: its stub says what it did.
// - the log keeps workflow command lines as written (GitHub shows them as "Error: …").
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

// ---------------------------------------------------------------------------------------------
// Expressions

type Value = string | number | boolean | null | { [key: string]: Value } | Value[];

type Node =
  | { kind: 'literal'; value: Value }
  | { kind: 'context'; name: string }
  | { kind: 'member'; object: Node; property: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node };

interface Token {
  type: 'punct' | 'string' | 'number' | 'ident' | 'end';
  text: string;
  value?: Value;
  at: number;
}

/** Tokens of one expression from `start`; stops at `}}` outside a string when `template`. */
function tokenize(source: string, start: number, template: boolean): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    while (i < source.length && /\s/.test(source[i]!)) i++;
    if (i >= source.length) {
      if (template) throw new Error(`expression not closed by }}: ${source.slice(start - 3)}`);
      tokens.push({ type: 'end', text: '', at: i });
      return { tokens, end: i };
    }
    if (template && source.startsWith('}}', i)) {
      tokens.push({ type: 'end', text: '', at: i });
      return { tokens, end: i + 2 };
    }
    const rest = source.slice(i);
    let m: RegExpMatchArray | null;
    if (rest[0] === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= source.length) throw new Error(`unterminated string in ${source}`);
        if (source[j] === "'") {
          if (source[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += source[j++];
      }
      tokens.push({ type: 'string', text: source.slice(i, j + 1), value, at: i });
      i = j + 1;
    } else if ((m = /^(?:==|!=|<=|>=|&&|\|\||[()[\].,!<>])/.exec(rest)) !== null) {
      tokens.push({ type: 'punct', text: m[0], at: i });
      i += m[0].length;
    } else if ((m = /^(?:0x[0-9a-fA-F]+|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(rest)) !== null) {
      tokens.push({ type: 'number', text: m[0], value: Number(m[0]), at: i });
      i += m[0].length;
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest)) !== null) {
      tokens.push({ type: 'ident', text: m[0], at: i });
      i += m[0].length;
    } else {
      throw new Error(`unexpected character ${JSON.stringify(rest[0])} in expression: ${source}`);
    }
  }
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parseAll(): Node {
    const node = this.or();
    if (this.peek().type !== 'end') this.fail(`unexpected ${this.peek().text}`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private accept(text: string): boolean {
    const t = this.peek();
    if (t.type === 'punct' && t.text === text) {
      this.pos++;
      return true;
    }
    return false;
  }
  private expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected ${text}`);
  }
  private fail(message: string): never {
    throw new Error(`${message} at ${this.peek().at} in expression: ${this.source}`);
  }

  private or(): Node {
    let left = this.and();
    while (this.accept('||')) left = { kind: 'binary', op: '||', left, right: this.and() };
    return left;
  }
  private and(): Node {
    let left = this.equality();
    while (this.accept('&&')) left = { kind: 'binary', op: '&&', left, right: this.equality() };
    return left;
  }
  private equality(): Node {
    let left = this.comparison();
    for (;;) {
      const op = ['==', '!='].find((o) => this.accept(o));
      if (op === undefined) return left;
      left = { kind: 'binary', op, left, right: this.comparison() };
    }
  }
  private comparison(): Node {
    let left = this.unary();
    for (;;) {
      const op = ['<=', '>=', '<', '>'].find((o) => this.accept(o));
      if (op === undefined) return left;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
  }
  private unary(): Node {
    if (this.accept('!')) return { kind: 'not', operand: this.unary() };
    return this.postfix();
  }
  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const t = this.next();
        if (t.type !== 'ident') this.fail('expected a property name');
        node = { kind: 'member', object: node, property: { kind: 'literal', value: t.text } };
      } else if (this.accept('[')) {
        const property = this.or();
        this.expect(']');
        node = { kind: 'member', object: node, property };
      } else {
        return node;
      }
    }
  }
  private primary(): Node {
    const t = this.next();
    if (t.type === 'string' || t.type === 'number') return { kind: 'literal', value: t.value! };
    if (t.type === 'punct' && t.text === '(') {
      const node = this.or();
      this.expect(')');
      return node;
    }
    if (t.type === 'ident') {
      if (t.text === 'true') return { kind: 'literal', value: true };
      if (t.text === 'false') return { kind: 'literal', value: false };
      if (t.text === 'null') return { kind: 'literal', value: null };
      if (this.accept('(')) {
        const args: Node[] = [];
        if (!this.accept(')')) {
          do args.push(this.or());
          while (this.accept(','));
          this.expect(')');
        }
        return { kind: 'call', name: t.text.toLowerCase(), args };
      }
      return { kind: 'context', name: t.text.toLowerCase() };
    }
    this.pos--;
    return this.fail(`unexpected ${t.text || 'end'}`);
  }
}

export function parseExpression(source: string): Node {
  return new Parser(tokenize(source, 0, false).tokens, source).parseAll();
}

const STATUS_FUNCTIONS = new Set(['success', 'failure', 'always', 'cancelled']);

function usesStatusFunction(node: Node): boolean {
  switch (node.kind) {
    case 'call':
      return STATUS_FUNCTIONS.has(node.name) || node.args.some(usesStatusFunction);
    case 'member':
      return usesStatusFunction(node.object) || usesStatusFunction(node.property);
    case 'not':
      return usesStatusFunction(node.operand);
    case 'binary':
      return usesStatusFunction(node.left) || usesStatusFunction(node.right);
    default:
      return false;
  }
}

/** What expressions can see. Contexts with `strict` keys throw on an unknown property (typos). */
export interface ExpressionScope {
  contexts: Record<string, Value>;
  /** Context names whose unknown properties are an error rather than null (typos). */
  strict: Set<string>;
  /** Every step id in action.yml: steps.<id> of a step not run yet is null, of no step an error. */
  stepIds: Set<string>;
  jobFailed: boolean;
}

const isObject = (v: Value): v is { [key: string]: Value } => v !== null && typeof v === 'object' && !Array.isArray(v);

export function truthy(v: Value): boolean {
  if (v === null || v === false || v === '' || v === 0) return false;
  if (typeof v === 'number' && Number.isNaN(v)) return false;
  return true;
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return 0;
    return /^(?:0x[0-9a-fA-F]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)$/.test(s) ? Number(s) : NaN;
  }
  return NaN;
}

/** GitHub's loose comparison: same types compare directly (strings ignoring case), else as numbers. */
function compare(a: Value, b: Value): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === typeof b && typeof a === 'object' && a !== null) return a === b ? 0 : undefined;
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return JSON.stringify(v, null, 2);
}

function evaluate(node: Node, scope: ExpressionScope): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'context': {
      if (!(node.name in scope.contexts)) throw new Error(`unknown context '${node.name}' (this runner knows ${Object.keys(scope.contexts).join(', ')})`);
      return scope.contexts[node.name]!;
    }
    case 'member': {
      const object = evaluate(node.object, scope);
      const key = toText(evaluate(node.property, scope));
      if (Array.isArray(object)) return object[Number(key)] ?? null;
      if (!isObject(object)) return null;
      const found = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
      if (found !== undefined) return object[found]!;
      if (node.object.kind === 'context' && node.object.name === 'steps' && scope.stepIds.has(key)) return null;
      if (node.object.kind === 'context' && scope.strict.has(node.object.name)) {
        throw new Error(`${node.object.name}.${key} is not known to this runner (known: ${Object.keys(object).join(', ')})`);
      }
      return null;
    }
    case 'not':
      return !truthy(evaluate(node.operand, scope));
    case 'binary': {
      if (node.op === '&&') {
        const left = evaluate(node.left, scope);
        return truthy(left) ? evaluate(node.right, scope) : left;
      }
      if (node.op === '||') {
        const left = evaluate(node.left, scope);
        return truthy(left) ? left : evaluate(node.right, scope);
      }
      const c = compare(evaluate(node.left, scope), evaluate(node.right, scope));
      switch (node.op) {
        case '==':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c !== undefined && c < 0;
        case '<=':
          return c !== undefined && c <= 0;
        case '>':
          return c !== undefined && c > 0;
        default:
          return c !== undefined && c >= 0;
      }
    }
    case 'call': {
      const args = node.args.map((a) => evaluate(a, scope));
      const arity = (n: number): void => {
        if (args.length !== n) throw new Error(`${node.name}() takes ${n} arguments, got ${args.length}`);
      };
      switch (node.name) {
        case 'success':
          arity(0);
          return !scope.jobFailed;
        case 'failure':
          arity(0);
          return scope.jobFailed;
        case 'always':
          arity(0);
          return true;
        case 'cancelled':
          arity(0);
          return false;
        case 'contains': {
          arity(2);
          const [hay, needle] = args as [Value, Value];
          if (Array.isArray(hay)) return hay.some((v) => compare(v, needle) === 0);
          return toText(hay).toLowerCase().includes(toText(needle).toLowerCase());
        }
        case 'startswith':
          arity(2);
          return toText(args[0]!).toLowerCase().startsWith(toText(args[1]!).toLowerCase());
        case 'endswith':
          arity(2);
          return toText(args[0]!).toLowerCase().endsWith(toText(args[1]!).toLowerCase());
        case 'format':
          return toText(args[0] ?? null)
            .replace(/\{(\d+)\}/g, (_m, i: string) => toText(args[Number(i) + 1] ?? null))
            .replaceAll('{{', '{')
            .replaceAll('}}', '}');
        default:
          throw new Error(`function ${node.name}() is not supported by this runner`);
      }
    }
  }
}

/** Replaces every `${{ expr }}` in a string value with its text. */
export function interpolate(template: string, scope: ExpressionScope): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('${{', i);
    if (open < 0) return out + template.slice(i);
    out += template.slice(i, open);
    const { tokens, end } = tokenize(template, open + 3, true);
    const source = template.slice(open + 3, end - 2);
    out += toText(evaluate(new Parser(tokens, source).parseAll(), scope));
    i = end;
  }
}

/** An `if:` condition: `${{ }}` optional; without a status function it means success() && (...). */
export function evaluateCondition(condition: string | boolean | undefined, scope: ExpressionScope): boolean {
  if (condition === undefined) return !scope.jobFailed;
  if (typeof condition === 'boolean') return condition && !scope.jobFailed;
  let source = condition.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(source);
  if (wrapped !== null && !wrapped[1]!.includes('${{')) source = wrapped[1]!;
  const node = parseExpression(source);
  if (!usesStatusFunction(node)) return !scope.jobFailed && truthy(evaluate(node, scope));
  return truthy(evaluate(node, scope));
}

// ---------------------------------------------------------------------------------------------
// Files GitHub hands to each step

/** Reads a GITHUB_OUTPUT / GITHUB_ENV file: `name=value` lines and `name<<DELIMITER` heredocs. */
export function parseEnvFile(text: string, file = 'env file'): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (delimiter === '') throw new Error(`${file}: empty delimiter for ${name}`);
      const value: string[] = [];
      for (i++; ; i++) {
        if (i >= lines.length) throw new Error(`${file}: matching delimiter not found for ${name}: ${delimiter}`);
        if (lines[i] === delimiter) break;
        value.push(lines[i]!);
      }
      out[name] = value.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`${file}: invalid line ${JSON.stringify(line)}`);
    }
  }
  return out;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  properties: Record<string, string>;
  message: string;
  step: string;
  stream: 'stdout' | 'stderr';
}

const unescapeData = (s: string): string => s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
const unescapeProperty = (s: string): string => unescapeData(s.replaceAll('%3A', ':').replaceAll('%2C', ','));

/** The annotation a workflow command line makes, if it is one. */
export function parseAnnotation(line: string): Omit<Annotation, 'step' | 'stream'> | undefined {
  const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
  if (m === null) return undefined;
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { level: m[1] as Annotation['level'], properties, message: unescapeData(m[3]!) };
}

// ---------------------------------------------------------------------------------------------
// The runner

interface ActionStep {
  name?: string;
  id?: string;
  if?: string | boolean;
  run?: string;
  shell?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  'working-directory'?: string;
  'continue-on-error'?: string | boolean;
}

interface ActionFile {
  inputs?: Record<string, { description?: string; default?: unknown; required?: boolean }>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** What a stubbed step did. */
export interface StubResult {
  exitCode?: number;
  outputs?: Record<string, string>;
  log?: string;
}

export interface RunActionOptions {
  /** The directory holding action.yml: github.action_path and GITHUB_ACTION_PATH. */
  actionDir: string;
  /** GITHUB_WORKSPACE, where run steps start. */
  workspace: string;
  inputs?: Record<string, string>;
  /** The workflow's `env:`: set for every step and visible as the env context. */
  env?: Record<string, string>;
  /**
   * The process environment steps inherit (default: this process's, without GITHUB_*, RUNNER_*,
   * INPUT_* and ACTIONS_* variables, so a test run on GitHub does not leak into the action).
   */
  baseEnv?: NodeJS.ProcessEnv;
  /** Steps not to run, by id or name: what each one did instead. */
  stubs?: Record<string, (step: { name: string; id: string | undefined }) => StubResult>;
  /** Per step (default 120 s). */
  timeoutMs?: number;
}

export interface StepRecord {
  name: string;
  id: string | undefined;
  kind: 'run' | 'uses' | 'stub';
  /** Did its `if:` let it run? */
  ran: boolean;
  outcome: 'success' | 'failure' | 'skipped';
  conclusion: 'success' | 'failure' | 'skipped';
  exitCode: number | undefined;
  /** `run:` after expression substitution. */
  script: string | undefined;
  uses: string | undefined;
  /** `with:` after expression substitution (uses steps). */
  with: Record<string, string>;
  /** `env:` after expression substitution. */
  env: Record<string, string>;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they came. */
  output: string;
  outputs: Record<string, string>;
  summary: string;
  /** When the step started, in ms since runAction was called (action.yml read, folders made). */
  startedMs: number;
  /** Its wall time in ms (0 for a step its `if:` skipped). */
  durationMs: number;
}

export interface ActionRun {
  steps: StepRecord[];
  /** The whole job log: each step's header, then its output. */
  log: string;
  /** The job summary: every step's GITHUB_STEP_SUMMARY, in order. */
  summary: string;
  /** action.yml's outputs, evaluated after the last step. */
  outputs: Record<string, string>;
  annotations: Annotation[];
  conclusion: 'success' | 'failure';
  /** RUNNER_TEMP (and the per-step command files under it): the caller removes runnerDir. */
  runnerDir: string;
  runnerTemp: string;
}

/** This process's environment without the runner's own variables (GITHUB_*, RUNNER_*, INPUT_*, ...). */
export function hostEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(GITHUB_|RUNNER_|INPUT_|ACTIONS_|STATE_)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

function runBash(script: string, options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number; stdout: string; stderr: string; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      output += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      output += s;
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code: code ?? (signal !== null ? 128 : 1), stdout, stderr, output }));
  });
}

const stringMap = (raw: Record<string, unknown> | undefined, scope: ExpressionScope): Record<string, string> =>
  Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, interpolate(typeof v === 'string' ? v : String(v), scope)]));

/** Runs action.yml's composite steps in order, as GitHub would, and says what happened. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const jobStart = performance.now();
  const action = parseYaml(readFileSync(join(options.actionDir, 'action.yml'), 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`only composite actions are supported, not ${action.runs.using}`);
  const runnerDir = realpathSync(mkdtempSync(join(tmpdir(), 'action-runner-')));
  const runnerTemp = join(runnerDir, '_temp');
  const commandDir = join(runnerDir, '_runner_file_commands');
  mkdirSync(runnerTemp);
  mkdirSync(commandDir);

  const declared = action.inputs ?? {};
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`input '${name}' is not declared in action.yml`);
  }
  const github = { action_path: options.actionDir, workspace: options.workspace };
  const runner = { temp: runnerTemp, os: 'Linux', arch: 'X64' };
  const workflowEnv: Record<string, string> = { ...options.env };
  const inputs: Record<string, Value> = {};
  const steps: Record<string, Value> = {};
  const knownIds = new Set(action.runs.steps.map((s) => s.id).filter((id): id is string => id !== undefined));
  const scope: ExpressionScope = {
    contexts: { inputs, steps, github, runner, env: workflowEnv },
    strict: new Set(['inputs', 'github', 'runner', 'steps']),
    stepIds: knownIds,
    jobFailed: false,
  };
  for (const [name, spec] of Object.entries(declared)) {
    const given = options.inputs?.[name];
    inputs[name] = given ?? (spec.default === undefined ? '' : interpolate(String(spec.default), scope));
  }

  const records: StepRecord[] = [];
  const annotations: Annotation[] = [];
  const extraPath: string[] = [];
  let log = '';
  let summary = '';
  const baseEnv = options.baseEnv ?? hostEnv();

  for (const [index, step] of action.runs.steps.entries()) {
    const stepStart = performance.now();
    const name = step.name ?? step.id ?? step.uses ?? step.run?.split('\n')[0] ?? `step ${index + 1}`;
    const record: StepRecord = {
      name,
      id: step.id,
      kind: step.uses !== undefined ? 'uses' : 'run',
      ran: false,
      outcome: 'skipped',
      conclusion: 'skipped',
      exitCode: undefined,
      script: undefined,
      uses: step.uses,
      with: {},
      env: {},
      stdout: '',
      stderr: '',
      output: '',
      outputs: {},
      summary: '',
      startedMs: stepStart - jobStart,
      durationMs: 0,
    };
    records.push(record);
    if (step.run !== undefined && step.uses !== undefined) throw new Error(`step '${name}' has both run and uses`);
    if (!evaluateCondition(step.if, scope)) {
      if (step.id !== undefined) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    record.ran = true;
    const stub = options.stubs?.[step.id ?? ''] ?? options.stubs?.[name];
    let exitCode = 0;
    if (stub !== undefined) {
      record.kind = 'stub';
      const result = stub({ name, id: step.id });
      exitCode = result.exitCode ?? 0;
      record.outputs = { ...result.outputs };
      record.output = record.stdout = result.log ?? '';
      log += `##[group]Run ${name}\n(stubbed by the test runner)\n##[endgroup]\n${record.output}`;
    } else if (step.uses !== undefined) {
      record.with = stringMap(step.with, scope);
      record.env = stringMap(step.env, scope);
      const withLines = Object.entries(record.with).map(([k, v]) => `  ${k}: ${v}\n`);
      log += `##[group]Run ${step.uses}\nwith:\n${withLines.join('')}##[endgroup]\n(not run: uses steps are recorded by the test runner)\n`;
    } else if (step.run !== undefined) {
      if (step.shell !== 'bash') throw new Error(`step '${name}': this runner runs shell: bash only (composite run steps need a shell), got ${String(step.shell)}`);
      record.env = stringMap(step.env, scope);
      record.script = interpolate(step.run, scope);
      const stepDir = join(commandDir, String(index));
      mkdirSync(stepDir);
      const files = {
        GITHUB_OUTPUT: join(stepDir, 'set_output'),
        GITHUB_STEP_SUMMARY: join(stepDir, 'step_summary'),
        GITHUB_ENV: join(stepDir, 'set_env'),
        GITHUB_PATH: join(stepDir, 'add_path'),
      };
      for (const file of Object.values(files)) writeFileSync(file, '');
      const scriptFile = join(runnerTemp, `step-${index}.sh`);
      writeFileSync(scriptFile, record.script);
      const env: NodeJS.ProcessEnv = {
        ...baseEnv,
        ...workflowEnv,
        ...record.env,
        ...files,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: options.actionDir,
        GITHUB_WORKSPACE: options.workspace,
        RUNNER_TEMP: runnerTemp,
        RUNNER_OS: 'Linux',
      };
      if (extraPath.length > 0) env.PATH = [...extraPath, env.PATH ?? ''].join(':');
      const cwd = step['working-directory'] !== undefined ? join(options.workspace, interpolate(step['working-directory'], scope)) : options.workspace;
      const firstLine = record.script.split('\n')[0]!;
      log += `##[group]Run ${firstLine}\n${record.script.trimEnd()}\n##[endgroup]\n`;
      const result = await runBash(scriptFile, { cwd, env, timeoutMs: options.timeoutMs ?? 120_000 });
      exitCode = result.code;
      record.stdout = result.stdout;
      record.stderr = result.stderr;
      record.output = result.output;
      log += result.output.length > 0 && !result.output.endsWith('\n') ? `${result.output}\n` : result.output;
      for (const [stream, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
        for (const line of text.split('\n')) {
          const annotation = parseAnnotation(line);
          if (annotation !== undefined) annotations.push({ ...annotation, step: name, stream });
        }
      }
      record.outputs = parseEnvFile(readFileSync(files.GITHUB_OUTPUT, 'utf8'), `${name}: GITHUB_OUTPUT`);
      Object.assign(workflowEnv, parseEnvFile(readFileSync(files.GITHUB_ENV, 'utf8'), `${name}: GITHUB_ENV`));
      extraPath.unshift(...readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse());
      record.summary = readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8');
      summary += record.summary;
    } else {
      throw new Error(`step '${name}' has neither run nor uses`);
    }
    record.durationMs = performance.now() - stepStart;
    record.exitCode = exitCode;
    record.outcome = exitCode === 0 ? 'success' : 'failure';
    const continueOnError = step['continue-on-error'] !== undefined && truthy(typeof step['continue-on-error'] === 'boolean' ? step['continue-on-error'] : interpolate(step['continue-on-error'], scope));
    record.conclusion = record.outcome === 'failure' && continueOnError ? 'success' : record.outcome;
    if (exitCode !== 0) log += `##[error]Process completed with exit code ${exitCode}.\n`;
    if (record.conclusion === 'failure') scope.jobFailed = true;
    if (step.id !== undefined) steps[step.id] = { outputs: record.outputs, outcome: record.outcome, conclusion: record.conclusion };
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.outputs ?? {})) outputs[name] = interpolate(spec.value ?? '', scope);
  return { steps: records, log, summary, outputs, annotations, conclusion: scope.jobFailed ? 'failure' : 'success', runnerDir, runnerTemp };
}
