import { rules } from '@keyguard/core';
import { describe, expect, it } from 'vitest';
import { stagedNextSteps } from '../src/hook/messages.js';

// Issue 14: after a blocked commit, each rule found gets its own rotation, from the rule's
// remediation in @keyguard/core (not SignalR's command for every rule).
describe('stagedNextSteps', () => {
  const [first, second] = rules;

  it("names only the rules found, each with its own command and the resource when it is valid", () => {
    const text = stagedNextSteps([{ ruleId: second!.id, context: { resourceName: 'chat-prod' } }]).join('\n');
    expect(text).toContain(second!.title);
    expect(text).not.toContain(first!.title);
    const command = second!.advice.command.replaceAll('{resource}', 'chat-prod');
    expect(text).toContain(command);
  });

  it('never prints an unsafe resource name', () => {
    const text = stagedNextSteps(rules.map((r) => ({ ruleId: r.id, context: { resourceName: 'x$(id)' } }))).join('\n');
    expect(text).not.toContain('$(id)');
    for (const rule of rules) expect(text).toContain(rule.title);
  });

  it('without findings lists every rule and keeps the other steps', () => {
    const text = stagedNextSteps().join('\n');
    for (const rule of rules) expect(text).toContain(rule.title);
    for (const needle of ['Remove', 'regenerate', 'keyguard:allow', 'baseline', '--no-verify', 'KEYGUARD_SKIP=1']) expect(text).toContain(needle);
  });
});
