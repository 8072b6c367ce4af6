/** The one masking rule of keyguard: 4 characters of context, never more. */
export const MASK_VISIBLE_CHARS = 4;

export function maskSecret(secret: string): string {
  return `${secret.slice(0, MASK_VISIBLE_CHARS)}…`;
}
