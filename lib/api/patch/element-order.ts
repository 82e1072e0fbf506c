// Element order after a list merge, following apimachinery's rules so lists come out in the
// same order kube-apiserver would store them:
//  - elements named by the patch take the patch's relative order (or `$setElementOrder`'s);
//  - elements only on the server keep their relative order;
//  - the two runs are interleaved by each element's position in the server's list: a
//    server-only element goes first only when the server had it before the next patch
//    element. An element the server never had therefore lands right after the preceding
//    patch element, and at the very front when it leads the patch, not at the end.
import { describe, getOwn, hasOwn, isJsonObject, jsonEqual } from './json-value.ts';
import { hasPatchDirective, noMergeKeyError, smpError } from './smp-directives.ts';

/** How list elements are identified: by merge key for objects, by value for primitives. */
export type ElementKey = (element: unknown) => unknown;

export function elementKey(mergeKey: string | undefined): ElementKey {
  if (mergeKey === undefined) return (e) => e;
  return (e) => (isJsonObject(e) ? getOwn(e, mergeKey) : undefined);
}

function indexIn(list: readonly unknown[], element: unknown, key: ElementKey): number {
  const k = key(element);
  return list.findIndex((x) => jsonEqual(key(x), k));
}

/** A stable sort by position in `order`; elements absent from it sort first, as in kube. */
function sortBy(items: unknown[], order: readonly unknown[], key: ElementKey): unknown[] {
  return items
    .map((item, i) => ({ item, i, at: indexIn(order, item, key) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.item);
}

/**
 * Orders `merged`: elements matching `wanted` sorted by it, the rest by `serverOrder`, then
 * interleaved by position in `serverOrder`.
 */
export function orderElements(
  merged: readonly unknown[],
  wanted: readonly unknown[],
  serverOrder: readonly unknown[],
  key: ElementKey,
): unknown[] {
  const inWanted: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const e of merged) (indexIn(wanted, e, key) >= 0 ? inWanted : serverOnly).push(e);
  const right = sortBy(inWanted, wanted, key);
  const left = sortBy(serverOnly, serverOrder, key);

  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) {
      out.push(left[i++]);
    } else if (i >= left.length) {
      out.push(right[j++]);
    } else {
      const li = indexIn(serverOrder, left[i], key);
      const ri = indexIn(serverOrder, right[j], key);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

/**
 * Checks a `$setElementOrder/<field>` list against the patch list it accompanies: every
 * non-directive patch element must appear in it, in the same relative order.
 */
export function validateElementOrder(
  patchList: readonly unknown[] | undefined,
  order: readonly unknown[],
  mergeKey: string | undefined,
  path: string,
): void {
  if (mergeKey !== undefined) {
    for (const o of order) {
      if (!isJsonObject(o) || !hasOwn(o, mergeKey)) throw noMergeKeyError(path, o, mergeKey);
    }
  }
  if (!patchList) return;
  const key = elementKey(mergeKey);
  const items = patchList.filter((e) => !hasPatchDirective(e));
  let j = 0;
  for (const item of items) {
    if (mergeKey !== undefined && !(isJsonObject(item) && hasOwn(item, mergeKey))) {
      throw noMergeKeyError(path, item, mergeKey);
    }
    while (j < order.length && !jsonEqual(key(order[j]), key(item))) j++;
    if (j >= order.length) {
      throw smpError(
        path,
        `the order in patch list ${describe(patchList)} doesn't match $setElementOrder list ${describe(order)}`,
      );
    }
    j++;
  }
}

/** Applies `$setElementOrder/<field>` to an already merged list. */
export function applyElementOrder(
  merged: readonly unknown[],
  order: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string | undefined,
  path: string,
): unknown[] {
  if (mergeKey === undefined && merged.some((e) => isJsonObject(e) || Array.isArray(e))) {
    throw smpError(path, '$setElementOrder needs a list of primitives or a list with a merge key');
  }
  return orderElements(merged, order, serverOrder, elementKey(mergeKey));
}
