/**
 * Adds `names` (a comma-separated list) to an existing Vary value without dropping or repeating
 * anything. Returns the value to set, or null when nothing needs to change (all present, or `*`).
 */
export function mergeVary(existing: string | null | undefined, names: readonly string[]): string | null {
  if (existing === null || existing === undefined || existing === '') return names.join(', ');
  const present = new Set<string>();
  for (const item of existing.split(',')) {
    const name = item.trim().toLowerCase();
    if (name === '*') return null;
    if (name !== '') present.add(name);
  }
  let merged = existing;
  for (const name of names) if (!present.has(name.toLowerCase())) merged += `, ${name}`;
  return merged === existing ? null : merged;
}
