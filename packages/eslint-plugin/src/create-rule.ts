import { ESLintUtils } from '@typescript-eslint/utils';

/** Where each rule's documentation lives in the repository. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/packages/eslint-plugin/docs/rules';

export interface KeyguardRuleDocs {
  description: string;
  /** Whether `configs.recommended` enables the rule. */
  recommended?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<KeyguardRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);
