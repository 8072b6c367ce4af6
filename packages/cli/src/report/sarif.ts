import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { type RuleId, ruleOf, rules, shortRemediation } from '@keyguard/core';
import { summaryCounts } from './by-rule.js';
import type { ScanOutcome } from '../outcome.js';
import { rootRelative } from '../paths.js';
import type { ReportContext } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key under which keyguard's fingerprint goes in `partialFingerprints`. */
export const PARTIAL_FINGERPRINT_KEY = 'keyguardFingerprint/v1';

type Json = Record<string, unknown>;

/** A `/`-separated relative path as a relative URI reference (each segment percent-encoded). */
export function relativeUri(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

/** SRCROOT is the work tree's root when the scan runs in one, else the current folder. */
function artifactLocation(p: string, ctx: Pick<ReportContext, 'cwd' | 'workTreeRoot'>): Json {
  const at = rootRelative(p, ctx.cwd, ctx.workTreeRoot ?? ctx.cwd);
  if (at.base === 'none') return { uri: pathToFileURL(at.path).href };
  return { uri: relativeUri(at.path), uriBaseId: 'SRCROOT' };
}

const folderUri = (dir: string): string => pathToFileURL(dir.endsWith(path.sep) ? dir : dir + path.sep).href;

function ruleDescriptor(rule: (typeof rules)[number]): Json {
  const refs = rule.references.map((r) => `- ${r}`).join('\n');
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.remediation}\n\nReferences:\n${rule.references.join('\n')}`,
      markdown: `**What to do:** ${rule.remediation}\n\n**References:**\n${refs}`,
    },
    ...(rule.references[0] !== undefined ? { helpUri: rule.references[0] } : {}),
    defaultConfiguration: { level: rule.severity.level },
    properties: { tags: ['security', 'secret', 'azure'], precision: 'high', 'security-severity': rule.severity.securitySeverity.toFixed(1) },
  };
}

/** SARIF 2.1.0: one run, rules from core, partial fingerprints, no raw secret unless asked. */
export function buildSarif(outcome: ScanOutcome, ctx: Pick<ReportContext, 'tool' | 'cwd' | 'workTreeRoot' | 'showSecrets'>): Json {
  const ruleIndex = new Map<RuleId, number>(rules.map((r, i) => [r.id, i]));
  const root = folderUri(ctx.workTreeRoot ?? ctx.cwd);
  const results = outcome.findings.map((f) => {
    const properties: Json = { confidence: f.confidence, masked: f.masked };
    if (f.context.resourceName !== undefined) properties.resourceName = f.context.resourceName;
    if (f.context.encoding !== undefined) properties.encoding = f.context.encoding;
    if (f.context.joined !== undefined) properties.joined = f.context.joined;
    if (f.occurrences !== undefined && f.occurrences > 1) {
      properties.occurrences = f.occurrences;
      properties.lastLine = f.lastLine;
      properties.lastColumn = f.lastColumn;
    }
    if (f.commit !== undefined) properties.commit = f.commit;
    if (f.author !== undefined) properties.author = f.author;
    if (f.date !== undefined) properties.date = f.date;
    if (ctx.showSecrets) properties.secret = f.secret;
    // Inside an archive: the archive is the artifact (code scanning maps it to a repository
    // file); the path inside is a logical location, and the region is the inner file's lines.
    if (f.archive !== undefined) {
      properties.archive = f.archive;
      properties.inner = f.inner;
    }
    if (f.deletedBy !== undefined) properties.deletedBy = f.deletedBy;
    const logical = f.archive !== undefined ? { logicalLocations: [{ name: f.inner, fullyQualifiedName: f.path, kind: 'archiveEntry' }] } : {};
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      level: ruleOf(f.ruleId).severity.level,
      message: { text: `${f.message}: ${shortRemediation(f)}.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(f.archive ?? f.path, ctx),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
          ...logical,
        },
      ],
      partialFingerprints: { [PARTIAL_FINGERPRINT_KEY]: f.fingerprint },
      properties,
    };
  });
  const notifications: Json[] = [
    ...outcome.warnings.map((w) => ({ level: 'warning', message: { text: w } })),
    ...outcome.skipped.map((s) => ({
      level: 'note',
      message: { text: `skipped (${s.reason}${s.commit !== undefined ? ` in commit ${s.commit}` : ''}): ${s.path}` },
      locations: [
        {
          physicalLocation: { artifactLocation: artifactLocation(s.archive ?? s.path, ctx) },
          ...(s.archive !== undefined ? { logicalLocations: [{ name: s.inner, fullyQualifiedName: s.path, kind: 'archiveEntry' }] } : {}),
        },
      ],
    })),
  ];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: ctx.tool.name,
            version: ctx.tool.version,
            semanticVersion: ctx.tool.version,
            informationUri: 'https://www.npmjs.com/package/@keyguard/cli',
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { SRCROOT: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { summary: summaryCounts(outcome), warnings: [...outcome.warnings] },
      },
    ],
  };
}

export function renderSarif(outcome: ScanOutcome, ctx: ReportContext): string {
  return `${JSON.stringify(buildSarif(outcome, ctx), null, 2)}\n`;
}
