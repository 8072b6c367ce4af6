/**
 * Issue 15, point 4, in the ESLint rule: a key split across string literals joined by `+` in
 * JavaScript or TypeScript is reported once, from its first piece to its end in the last; the
 * placeholder suggestion is offered where replacing that range leaves one valid literal.
 */
import { LEGACY, cs, locate } from './helpers.js';
import { rule, ruleTester } from './rule-testers.js';

const whole = cs(LEGACY);
const cut = whole.indexOf(LEGACY) + 19;
const [head, tail] = [whole.slice(0, cut), whole.slice(cut)];
const keyHead = LEGACY.slice(0, 19);
const keyTail = LEGACY.slice(19);
const PLACEHOLDER = '<signalr-access-key>';

/** The expected error over the split key's source span, with the placeholder suggestion when one is offered. */
function splitError(code: string, span: string, merged?: string) {
  const suggestions = merged === undefined ? [] : [{ messageId: 'usePlaceholder' as const, data: { placeholder: PLACEHOLDER }, output: merged }];
  return { messageId: 'leakedKey' as const, ...locate(code, span), suggestions };
}

const plus = `const cs = "${head}" +\n  "${tail}";\n`;
const templates = `export const cs: string = \`${head}\` + \`${tail}\`;\n`;
const mixedQuotes = `const cs = "${head}" + '${tail}';\n`;
const threePieces = `const cs = "${head.slice(0, -5)}" + "${head.slice(-5)}" + "${tail}";\n`;

ruleTester.run('no-leaked-access-key: split literals', rule, {
  valid: [
    // arguments, not one expression
    { code: `connect("${head}", "${tail}");\n` },
    // Purview's documented sample, split
    { code: `const cs = "${cs('abcdefghijklmnopqrstuvwxyz0123456789/+ABCDE=').replace('/+ABCDE', '" + "/+ABCDE')}";\n` },
  ],
  invalid: [
    {
      code: plus,
      errors: [splitError(plus, `${keyHead}" +\n  "${keyTail}`, `const cs = "${head.slice(0, -19)}${PLACEHOLDER}${tail.slice(keyTail.length)}";\n`)],
    },
    {
      code: templates,
      errors: [splitError(templates, `${keyHead}\` + \`${keyTail}`, `export const cs: string = \`${head.slice(0, -19)}${PLACEHOLDER}${tail.slice(keyTail.length)}\`;\n`)],
    },
    // Replacing across "…' would leave no valid literal: no suggestion.
    { code: mixedQuotes, errors: [splitError(mixedQuotes, `${keyHead}" + '${keyTail}`)] },
    {
      code: threePieces,
      errors: [splitError(threePieces, `${keyHead.slice(0, -5)}" + "${keyHead.slice(-5)}" + "${keyTail}`, `const cs = "${head.slice(0, -19)}${PLACEHOLDER}${tail.slice(keyTail.length)}";\n`)],
    },
  ],
});
