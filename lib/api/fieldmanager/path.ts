// Path elements of server-side apply's field sets, in structured-merge-diff's FieldsV1
// spelling: `f:<field>`, `k:<json object of the list-map key fields>`, `v:<json value>` (a
// member of a set-type list) and `i:<index>`. The serialized form is also the identity a
// FieldSet indexes by, and the order below is the one FieldsV1 documents are written in,
// so managedFields come out byte-for-byte stable.

export type PathElement =
  | { field: string }
  /** A list-map element: its key fields and values, sorted by field name. */
  | { key: ReadonlyArray<readonly [string, unknown]> }
  | { value: unknown }
  | { index: number };

export type Path = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return { field: name };
}

export function keyElement(fields: Record<string, unknown>): PathElement {
  const key = Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { key };
}

export function serializeElement(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:{${pe.key.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
  if ('value' in pe) return `v:${JSON.stringify(pe.value)}`;
  return `i:${pe.index}`;
}

/** Parses a FieldsV1 key; undefined for an unknown prefix (skipped, as kube does). */
export function parseElement(s: string): PathElement | undefined {
  const body = s.slice(2);
  if (s[1] !== ':') throw new Error(`missing colon: ${s}`);
  switch (s[0]) {
    case 'f':
      return { field: body };
    case 'k': {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`key element is not an object: ${s}`);
      return keyElement(parsed as Record<string, unknown>);
    }
    case 'v':
      return { value: JSON.parse(body) };
    case 'i': {
      const index = Number(body);
      if (!Number.isInteger(index)) throw new Error(`bad index: ${s}`);
      return { index };
    }
    default:
      return undefined;
  }
}

// Values order as structured-merge-diff's value.Compare: numbers, strings, booleans, lists, maps.
function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (v !== null && typeof v === 'object') return 4;
  return 5;
}

function cmp<T extends string | number | boolean>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
    case 1:
    case 2:
      return cmp(a as string, b as string);
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length - lb.length;
    }
    case 4: {
      const ea = Object.entries(a as object).sort(([x], [y]) => cmp(x, y));
      const eb = Object.entries(b as object).sort(([x], [y]) => cmp(x, y));
      return compareKeyFields(ea, eb);
    }
    default:
      return 0;
  }
}

function compareKeyFields(a: ReadonlyArray<readonly [string, unknown]>, b: ReadonlyArray<readonly [string, unknown]>): number {
  for (let i = 0; ; i++) {
    if (i >= a.length && i >= b.length) return 0;
    if (i >= a.length) return -1;
    if (i >= b.length) return 1;
    const c = cmp(a[i]![0], b[i]![0]) || compareValues(a[i]![1], b[i]![1]);
    if (c !== 0) return c;
  }
}

/** Field names first, then keys, values, indexes; each ordered within its kind. */
export function compareElements(a: PathElement, b: PathElement): number {
  const kind = (pe: PathElement): number => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) return ka - kb;
  if ('field' in a && 'field' in b) return cmp(a.field, b.field);
  if ('key' in a && 'key' in b) return compareKeyFields(a.key, b.key);
  if ('value' in a && 'value' in b) return compareValues(a.value, b.value);
  return (a as { index: number }).index - (b as { index: number }).index;
}

// The human form kube prints in conflict messages: `.spec.containers[name="web"].image`.
function showValue(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null';
}

export function elementString(pe: PathElement): string {
  if ('field' in pe) return `.${pe.field}`;
  if ('key' in pe) return `[${pe.key.map(([k, v]) => `${k}=${showValue(v)}`).join(',')}]`;
  if ('value' in pe) return `[=${showValue(pe.value)}]`;
  return `[${pe.index}]`;
}

export function pathString(path: Path): string {
  return path.map(elementString).join('');
}
