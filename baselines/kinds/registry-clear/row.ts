/**
 * The scripts' data-table columns of a key the bundle owns whole: the key, and the
 * values the bundle sets in it (Keep), which the runtime (runtime.ps1) leaves; every
 * other value there is deleted. Keep is computed here, from the merged plan, so the
 * runtime never looks for the key's values among other rows.
 */
export function registryClearRow(key: string, keep: string[]) {
  return { Path: key, Keep: [...keep] } as const;
}
