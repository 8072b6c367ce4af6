import { UNCOVERED_AZURE_HOSTS } from './connection-string.js';
import { GENERIC_WEAK_KEYWORDS } from './evidence.js';
import { detectors } from './rules/index.js';
import type { RuleService } from './rules/types.js';

/**
 * What ties text to a service, read from the rules' data (each rule folder's `hosts`,
 * `keywords`, `weakKeywords` and `nameWords`): the engine asks here and knows no service by name.
 * Tables are built on first use, in registry order, so the first rule listed wins a tie.
 */

interface Tables {
  hosts: readonly { suffix: string; service: RuleService }[];
  keywords: readonly { needle: string; service: RuleService }[];
  weak: readonly { needle: string; service: RuleService }[];
  names: readonly { needle: string; service: RuleService }[];
}

let tables: Tables | undefined;

function built(): Tables {
  if (tables !== undefined) return tables;
  const rows = (pick: (d: (typeof detectors)[number]) => readonly string[] | undefined): { needle: string; service: RuleService }[] => {
    const seen = new Set<string>();
    const out: { needle: string; service: RuleService }[] = [];
    for (const d of detectors) {
      for (const needle of pick(d) ?? []) {
        if (seen.has(needle)) continue;
        seen.add(needle);
        out.push({ needle, service: d.service });
      }
    }
    return out;
  };
  tables = {
    hosts: [...rows((d) => d.hosts).map((r) => ({ suffix: r.needle, service: r.service })), ...UNCOVERED_AZURE_HOSTS.map((suffix) => ({ suffix, service: 'azure' as const }))],
    keywords: rows((d) => d.keywords),
    weak: rows((d) => d.weakKeywords),
    names: rows((d) => d.nameWords),
  };
  return tables;
}

/** The service whose host `host` is; 'azure' for an Azure service no rule covers. */
export function serviceOfHost(host: string | undefined): RuleService | undefined {
  if (host === undefined) return undefined;
  return built().hosts.find((h) => host.endsWith(h.suffix))?.service;
}

/** `<name>` of `<name>.service.signalr.net`, `<name>.servicebus.windows.net`, ...: a covered host's first label. */
export function resourceNameOf(host: string | undefined): string | undefined {
  const service = serviceOfHost(host);
  if (service === undefined || service === 'azure') return undefined;
  return host!.split('.')[0];
}

/** Does the text (lower-case) name the host of any Azure service that uses keys? */
export function namedHostService(textLower: string): RuleService | undefined {
  let found: { at: number; service: RuleService } | undefined;
  for (const h of built().hosts) {
    const at = textLower.indexOf(h.suffix);
    if (at >= 0 && (found === undefined || at < found.at)) found = { at, service: h.service };
  }
  return found?.service;
}

export interface StrongEvidence {
  service: RuleService;
  /** Index of the keyword in the searched text. */
  at: number;
  length: number;
}

/** The host or configuration name that ties text (lower-case) to one service; the first rule listed wins a tie. */
export function strongEvidence(textLower: string): StrongEvidence | undefined {
  let best: StrongEvidence | undefined;
  for (const k of built().keywords) {
    if (best !== undefined && best.service !== k.service) break; // a later rule only if no earlier one matched
    const at = textLower.indexOf(k.needle);
    if (at >= 0 && (best === undefined || at < best.at)) best = { service: k.service, at, length: k.needle.length };
  }
  return best;
}

/** The first weak keyword in the text (lower-case): a rule's own, or one of `generic`; and the rule's service. */
export function weakEvidence(textLower: string, generic: readonly string[]): { keyword: string; service: RuleService | undefined } | undefined {
  let found: { at: number; keyword: string; service: RuleService | undefined } | undefined;
  const consider = (needle: string, service: RuleService | undefined): void => {
    const at = textLower.indexOf(needle);
    if (at >= 0 && (found === undefined || at < found.at)) found = { at, keyword: needle, service };
  };
  for (const w of built().weak) consider(w.needle, w.service);
  for (const needle of generic) consider(needle, undefined);
  return found === undefined ? undefined : { keyword: found.keyword, service: found.service };
}

/** The service a name a value is assigned to speaks of (`signalrKey`, `PubSubAccessKey`), if any. */
export function serviceOfName(nameLower: string): RuleService | undefined {
  return strongEvidence(nameLower)?.service ?? built().names.find((n) => nameLower.includes(n.needle))?.service;
}

/**
 * The words whose presence near a key makes its evidence window worth reading (nearby-words.ts):
 * every weak keyword; every rule's strong keyword contains one of them (a test checks it).
 */
export function evidenceWords(): string[] {
  return [...GENERIC_WEAK_KEYWORDS, ...built().weak.map((w) => w.needle)];
}
