// eslint-doc-generator derives the rule prefix from `meta.name` (`@keyguard/eslint-plugin` would
// give `@keyguard`); the plugin's ESLint namespace is `keyguard` (`meta.namespace`).
import plugin from '../../dist/index.js';

export default { ...plugin, meta: { ...plugin.meta, name: `eslint-plugin-${plugin.meta.namespace}` } };
