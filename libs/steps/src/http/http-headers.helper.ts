/**
 * Headers with `additions` set, dropping any existing header of the same name in another case:
 * header names are case-insensitive, and sending "Authorization" next to "authorization" would leave
 * the service to pick one.
 */
export function replaceHeaders(
  headers: Record<string, string | string[]>,
  additions: Record<string, string>,
): Record<string, string | string[]> {
  const replaced = new Set(Object.keys(additions).map((name) => name.toLowerCase()));
  const kept = Object.entries(headers).filter(([name]) => !replaced.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...additions };
}
