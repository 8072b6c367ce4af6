// The eslint-utils entry alone: the package root also loads typescript-estree (~90 ms at every
// eslint start), which a rule that reads plain text never needs. scripts/bundle.mjs inlines the
// few lines it takes (RuleCreator, applyDefault, deepMerge) into dist/index.js.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** Where each rule's documentation lives in the repository. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/packages/eslint-plugin/docs/rules';

export interface KeyguardRuleDocs {
  description: string;
  /** Whether `configs.recommended` enables the rule. */
  recommended?: boolean;
}

/**
 * typescript-eslint's RuleCreator, bundled (typescript-eslint is a devDependency). Internal:
 * `stripInternal` keeps it, and so every typescript-eslint type, out of the declarations.
 * @internal
 */
export const createRule = RuleCreator<KeyguardRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);
