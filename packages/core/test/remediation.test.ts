import { describe, expect, it } from 'vitest';
import { remediationFor, shortRemediation } from '../src/index.js';

// Remediation commands are meant to be copied into a shell: a resource name taken from scanned
// text goes into them only when it is a valid Azure resource name.
describe('remediation commands', () => {
  const finding = (resourceName: string | undefined) => ({
    ruleId: 'azure-signalr-access-key' as const,
    context: resourceName === undefined ? {} : { resourceName },
  });

  it('names a valid resource', () => {
    expect(remediationFor(finding('chat-prod-01'))[0]).toContain('az signalr key renew --name chat-prod-01 ');
    expect(shortRemediation(finding('chat-prod-01'))).toContain('--name chat-prod-01 ');
  });

  it.each(['x$(id)', 'a;rm -rf ~', 'x`whoami`', 'name with space', '-leading', 'trailing-', 'q9', 'a'.repeat(64), 'x\u001b[2J', 'x|y', "x'y"])(
    'puts the placeholder instead of %j',
    (name) => {
      for (const text of [...remediationFor(finding(name)), shortRemediation(finding(name))]) {
        expect(text).not.toContain(name);
      }
      expect(remediationFor(finding(name))[0]).toContain('--name <resource> ');
    },
  );

  it('Web PubSub too', () => {
    const wps = { ruleId: 'azure-web-pubsub-access-key' as const, context: { resourceName: 'x$(id)' } };
    expect(remediationFor(wps)[0]).toContain('az webpubsub key regenerate --name <resource> ');
    expect(shortRemediation(wps)).not.toContain('$(id)');
  });

  it('a Storage account name may start with a digit, a hostile one never reaches the command', () => {
    const storage = (resourceName: string) => ({ ruleId: 'azure-storage-account-key' as const, context: { resourceName } });
    expect(remediationFor(storage('1contosodata'))[0]).toContain('az storage account keys renew --account-name 1contosodata ');
    expect(remediationFor(storage('1x$(id)'))[0]).toContain('--account-name <resource> ');
  });
});
