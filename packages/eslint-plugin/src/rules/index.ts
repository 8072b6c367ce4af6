import { noLeakedAccessKey } from './no-leaked-access-key.js';

/** Every rule the plugin ships, by name (without the `keyguard/` prefix). */
export const rules = {
  'no-leaked-access-key': noLeakedAccessKey,
};

export type RuleName = keyof typeof rules;
