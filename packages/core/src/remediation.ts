import type { Finding } from './finding.js';
import { ruleOf } from './rules/index.js';

/**
 * Azure names the resources keyguard's rules cover with 3-63 letters, digits and hyphens
 * (SignalR and Web PubSub start with a letter, Storage accounts may start with a digit), ending
 * with a letter or digit. Anything else came from a hostile or broken endpoint (`x$(id)`): it
 * is never pasted into a command a user may copy into a shell.
 */
const AZURE_RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{1,61}[A-Za-z0-9]$/;

/** The resource name to print in a command, or the placeholder when it is unknown or unsafe. */
export function safeResourceName(name: string | undefined): string {
  return name !== undefined && AZURE_RESOURCE_NAME.test(name) ? name : '<resource>';
}

const fill = (text: string, finding: Pick<Finding, 'context'>): string => text.replaceAll('{resource}', safeResourceName(finding.context.resourceName));

/** The next steps for one finding, with the resource name filled in when it is known. */
export function remediationFor(finding: Pick<Finding, 'ruleId' | 'context'>): string[] {
  return ruleOf(finding.ruleId).advice.steps.map((step) => fill(step, finding));
}

/** One line, for places with room for one (ESLint messages, annotations). */
export function shortRemediation(finding: Pick<Finding, 'ruleId' | 'context'>): string {
  return fill(ruleOf(finding.ruleId).advice.short, finding);
}

/** Where and how to rotate (or revoke) the finding's secret, the resource name filled in when known. */
export function rotationFor(finding: Pick<Finding, 'ruleId' | 'context'>): { where: string; command: string } {
  const advice = ruleOf(finding.ruleId).advice;
  return { where: advice.where, command: fill(advice.command, finding) };
}
