import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';

/**
 * Where strict JSON text first breaks and what is wrong there, as jsonc-parser (strict mode)
 * locates it; undefined when it finds nothing. Loaded only for a file JSON.parse refused: the
 * parser builds tables at load that every run would otherwise pay for.
 */
export function firstJsonError(text: string): { offset: number; what: string } | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first === undefined) return undefined;
  return { offset: first.offset, what: printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() };
}
