// The eslint-utils entry alone: the package root also loads typescript-estree (~90 ms at every
// eslint start), which a rule that reads plain text never needs.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** Where each rule's documentation lives in the repository. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/packages/eslint-plugin/docs/rules';

export interface KeyguardRuleDocs {
  description: string;
  /** Whether `configs.recommended` enables the rule. */
  recommended?: boolean;
}

export const createRule = RuleCreator<KeyguardRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);
