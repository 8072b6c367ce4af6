import { readFileSync } from 'node:fs';

export interface ToolInfo {
  name: string;
  version: string;
}

let cached: ToolInfo | undefined;

/** The tool's name and version, read from the package's own package.json at run time. */
export function toolInfo(): ToolInfo {
  if (cached === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    cached = { name: 'keyguard', version: typeof pkg.version === 'string' ? pkg.version : '0.0.0' };
  }
  return cached;
}
