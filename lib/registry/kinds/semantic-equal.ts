// Update rules compare old and new objects the way kube's apiequality.Semantic.DeepEqual
// compares Go structs. Over JSON that means forgiving the spellings of "unset" that Go
// decoding collapses into one zero value.

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isUnset(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

/**
 * Equality in the spirit of apimachinery's Semantic.DeepEqual over JSON: absent, null, "",
 * [] and {} all read as unset (Go cannot tell most of them apart after decoding), while 0
 * and false stay significant, since for pointer fields such as runAsUser they are values.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isUnset(a) && isUnset(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

