import { KNOWN_PROPERTIES, hostOf, parseConnectionString, ruleOf, rules, scanText, serviceOfHost, shortRemediation } from '@keyguard/core';
import type { Confidence as CoreConfidence, Finding, RuleId as CoreRuleId } from '@keyguard/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';
import { createRule } from '../create-rule.js';

export const RULE_NAME = 'no-leaked-access-key';

// Core's types spelled out: core is bundled into dist/index.js, not installed next to the plugin,
// so the published declarations cannot import them. The checks below fail the build if they drift
// (the one place outside core's rule folders where rule ids are written: test/rule-ids.test.ts).
/** A finding's confidence, as in `@keyguard/core`. */
export type Confidence = 'high' | 'medium' | 'low';
/** A `@keyguard/core` detector. */
export type RuleId =
  | 'azure-signalr-access-key'
  | 'azure-web-pubsub-access-key'
  | 'azure-signalr-client-secret'
  | 'azure-identifiable-key'
  | 'azure-service-bus-shared-access-key'
  | 'azure-storage-account-key'
  | 'azure-cosmos-db-account-key';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _confidenceIsCore: Same<Confidence, CoreConfidence> = true;
const _ruleIdIsCore: Same<RuleId, CoreRuleId> = true;

export interface NoLeakedAccessKeyOptions {
  /** Findings below this confidence are not reported. Default `medium`. */
  minConfidence?: Confidence;
  /** Fingerprints (sha256 hex, as printed by `keyguard scan`) or exact public values never reported. */
  allow?: string[];
}

export type Options = [NoLeakedAccessKeyOptions];
export type MessageIds = 'leakedKey' | 'useEnvironment' | 'usePlaceholder';

/** The environment variable ASP.NET Core and the SignalR SDK read the connection string from (SignalR rules' `connectionStringEnv`). */
export const CONNECTION_STRING_ENV = 'process.env.Azure__SignalR__ConnectionString';

/** What replaces a secret in the placeholder suggestion, per detector (each rule's own, from core). */
export const PLACEHOLDERS: Record<RuleId, string> = Object.fromEntries(rules.map((r) => [r.id, r.placeholder])) as Record<RuleId, string>;

const KNOWN_CONNECTION_STRING_KEYS: ReadonlySet<string> = new Set(KNOWN_PROPERTIES);

/** The minimum SourceCode surface the rule needs; every ESLint language provides it. */
interface AnySourceCode {
  text: string;
  getLocFromIndex?: (index: number) => { line: number; column: number };
  getNodeByRangeIndex?: (index: number) => TSESTree.Node | null;
}

/** UTF-16 index of each line start, with the line breaks `@keyguard/core` counts (CRLF, LF, CR). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|[\r\n]/gu)) starts.push(m.index + m[0].length);
  return starts;
}

/** Is `value` exactly one SignalR connection string (nothing else in the literal)? */
export function isWholeSignalrConnectionString(value: string): boolean {
  const parsed = parseConnectionString(value);
  if (parsed.problems.length > 0) return false;
  for (const key of parsed.properties.keys()) if (!KNOWN_CONNECTION_STRING_KEYS.has(key)) return false;
  const endpoint = parsed.properties.get('endpoint')?.value;
  return endpoint !== undefined && serviceOfHost(hostOf(endpoint)) === 'signalr';
}

/** A string or expression-free template literal whose value may be swapped for an expression. */
function replaceableLiteral(
  sourceCode: AnySourceCode,
  start: number,
  end: number,
): { node: TSESTree.Literal | TSESTree.TemplateLiteral; value: string } | undefined {
  if (typeof sourceCode.getNodeByRangeIndex !== 'function') return undefined;
  let node = sourceCode.getNodeByRangeIndex(start);
  if (node === null || node === undefined) return undefined;
  if (node.type === 'TemplateElement') node = node.parent;
  let value: string;
  if (node.type === 'Literal' && typeof node.value === 'string') value = node.value;
  else if (node.type === 'TemplateLiteral' && node.expressions.length === 0 && node.quasis[0]?.value.cooked != null) {
    // a tagged template's quasi is not a value we may replace
    if (node.parent?.type === 'TaggedTemplateExpression') return undefined;
    value = node.quasis[0].value.cooked;
  } else return undefined;
  if (end > node.range[1]) return undefined;
  const parent = node.parent;
  // positions where an expression is not allowed
  if (parent === undefined) return undefined;
  switch (parent.type) {
    case 'TSLiteralType':
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
    case 'ImportAttribute':
    case 'TSImportType':
    case 'TSExternalModuleReference':
    case 'TSEnumMember':
    case 'TSModuleDeclaration':
    case 'JSXAttribute':
      if (parent.type === 'JSXAttribute' && parent.value === node) break;
      return undefined;
    case 'Property':
    case 'PropertyDefinition':
    case 'MethodDefinition':
    case 'TSPropertySignature':
    case 'AccessorProperty':
      if (parent.key === node && !parent.computed) return undefined;
      break;
    case 'ExpressionStatement':
      if (parent.directive !== undefined) return undefined;
      break;
  }
  return { node, value };
}

/** The string literal (or expression-free template) holding index `i`, if one does. */
function stringNodeAt(sourceCode: AnySourceCode, i: number): TSESTree.Node | undefined {
  let node = sourceCode.getNodeByRangeIndex?.(i) ?? undefined;
  if (node?.type === 'TemplateElement') node = node.parent;
  if (node?.type === 'Literal' && typeof node.value === 'string') return node;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0 && node.parent?.type !== 'TaggedTemplateExpression') return node;
  return undefined;
}

/**
 * Does replacing [start, end) of a secret split across literals leave one valid literal? Only
 * when its first and last pieces are string literals opened and closed by the same quote: the
 * replacement then drops the glue and the literals between, and the first literal's opening
 * quote meets the last one's closing quote.
 */
function mergesIntoOneLiteral(sourceCode: AnySourceCode, start: number, end: number): boolean {
  const first = stringNodeAt(sourceCode, start);
  const last = stringNodeAt(sourceCode, end - 1);
  if (first === undefined || last === undefined) return false;
  const text = sourceCode.text;
  return text[first.range[0]] === text[last.range[1] - 1];
}

/** The rule as typescript-eslint's RuleCreator types it: for this package's own code only. */
const rule = createRule<Options, MessageIds>({
  name: RULE_NAME,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow leaked Azure SignalR, Web PubSub, Service Bus, Event Hubs, Relay, Storage and Cosmos DB keys and Entra client secrets',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      leakedKey: '{{title}} {{masked}} leaked ({{ruleId}}, {{confidence}} confidence): {{remediation}}.',
      useEnvironment: 'Read the connection string from {{env}} instead.',
      usePlaceholder: 'Replace the secret with the placeholder {{placeholder}}.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          minConfidence: {
            type: 'string',
            enum: ['high', 'medium', 'low'],
            description: 'Findings below this confidence are not reported.',
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Fingerprints (or exact public values) that are never reported.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ minConfidence: 'medium', allow: [] }],
  },
  defaultOptions: [{ minConfidence: 'medium', allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode as unknown as AnySourceCode;
    const text = sourceCode.text;
    // One scan per file, exactly what `keyguard scan` runs: the linter only maps findings.
    const findings = scanText(text, {
      minConfidence: options.minConfidence ?? 'medium',
      allow: options.allow ?? [],
    });
    if (findings.length === 0) return {};

    const lineStarts = lineStartsOf(text);
    const indexOf = (line: number, column: number): number =>
      Math.min(text.length, (lineStarts[line - 1] ?? text.length) + column - 1);
    // Languages count columns from 0 (JS, YAML, text) or 1 (JSON, Markdown): ask the SourceCode.
    const locOf = (index: number, line: number, column: number): TSESTree.Position =>
      typeof sourceCode.getLocFromIndex === 'function'
        ? sourceCode.getLocFromIndex(index)
        : { line, column: column - 1 };

    for (const finding of findings) report(finding);
    return {};

    function report(finding: Finding): void {
      const start = indexOf(finding.line, finding.column);
      const end = indexOf(finding.endLine, finding.endColumn);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const rule = ruleOf(finding.ruleId);
      // Only a rule whose connection strings apps read from an environment variable suggests it.
      if (rule.connectionStringEnv !== undefined) {
        const env = `process.env.${rule.connectionStringEnv}`;
        const literal = replaceableLiteral(sourceCode, start, end);
        if (literal !== undefined && isWholeSignalrConnectionString(literal.value)) {
          const inJsxAttribute = literal.node.parent?.type === 'JSXAttribute';
          const replacement = inJsxAttribute ? `{${env}}` : env;
          suggest.push({
            messageId: 'useEnvironment',
            data: { env },
            fix: (fixer) => fixer.replaceTextRange(literal.node.range, replacement),
          });
        }
      }
      const placeholder = PLACEHOLDERS[finding.ruleId];
      // In JSX text `<` opens an element: write the placeholder as a string expression there.
      const inJsxText = sourceCode.getNodeByRangeIndex?.(start)?.type === 'JSXText';
      const text = inJsxText ? `{${JSON.stringify(placeholder)}}` : placeholder;
      // A secret split across literals spans their glue: replaced only where one literal results.
      // A key found in base64 lies inside the run's characters: a placeholder there would break it.
      const replaceable = finding.context.joined === 'split-literal' ? mergesIntoOneLiteral(sourceCode, start, end) : finding.context.encoding !== 'base64';
      if (replaceable) {
        suggest.push({
          messageId: 'usePlaceholder',
          data: { placeholder },
          fix: (fixer) => fixer.replaceTextRange([start, end], text),
        });
      }
      context.report({
        messageId: 'leakedKey',
        data: {
          // As core's own message: a rule that covers several services names the key's (Event Hubs, ...).
          title: finding.context.service === undefined ? rule.title : `${rule.title} (${finding.context.service})`,
          masked: finding.masked,
          ruleId: finding.ruleId,
          confidence: finding.confidence,
          remediation: shortRemediation(finding),
        },
        loc: {
          start: locOf(start, finding.line, finding.column),
          end: locOf(end, finding.endLine, finding.endColumn),
        },
        suggest,
      });
    }
  },
});

/**
 * `keyguard/no-leaked-access-key`, typed with ESLint's own types: the published declarations
 * name no typescript-eslint type (a plugin user need not have typescript-eslint installed).
 */
export const noLeakedAccessKey: Rule.RuleModule = rule as unknown as Rule.RuleModule;
