/* How the trail page words the facts of a step that come as data. */

/**
 * The grade snapshot as `name: value` lines, in the order the decision stored them; nested values (a list's
 * entries) are written as compact JSON rather than hidden, since an auditor must see all that the decision saw.
 */
export function snapshotLines(snapshot: Record<string, unknown> | null | undefined): string[] {
  if (!snapshot) return [];
  return Object.entries(snapshot).map(([name, value]) => {
    // Only JSON comes from the API: a string is shown as it is, anything else as its JSON text.
    const shown =
      value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
    return `${name}: ${shown}`;
  });
}
