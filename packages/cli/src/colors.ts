import picocolors from 'picocolors';
import type { CliEnv } from './io.js';

export type Colors = ReturnType<typeof picocolors.createColors>;

/**
 * Colours per the conventions: only when the destination is a TTY and neither NO_COLOR (non-empty)
 * nor FORCE_COLOR=0 is set; FORCE_COLOR=1 (or any value but 0) forces them. NO_COLOR wins.
 */
export function colorsEnabled(env: CliEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return false;
    return true;
  }
  return isTTY === true;
}

export function createColors(enabled: boolean): Colors {
  return picocolors.createColors(enabled);
}
