// Cell formatting several printers share, each matching the kube helper named in its
// comment so the same object prints the same way as on a real cluster.
import { formatLabelSelector, labelSelectorFromSpec } from '../../api/selectors/label-selector.ts';
import type { LabelSelectorSpec } from '../../api/selectors/label-selector.ts';

interface NamedImage {
  name?: string;
  image?: string;
}

/** kube's layoutContainerCells: names and images, each comma-joined in template order. */
export function containerCells(containers: readonly NamedImage[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** labels.FormatLabels: "k=v" sorted by key, or "<none>" for an empty map. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

/**
 * LabelSelectorAsSelector(sel).String(). A missing or empty selector prints "" (kube's
 * Nothing and Everything both print that); `onError` stands in for a selector kube could
 * not convert, which the callers spell differently.
 */
export function selectorString(sel: LabelSelectorSpec | null | undefined, onError: string): string {
  try {
    return formatLabelSelector(labelSelectorFromSpec(sel));
  } catch {
    return onError;
  }
}

/** metav1.FormatLabelSelector: like selectorString, but "<none>" when nothing is selected and "<error>" on failure. */
export function formatSelector(sel: LabelSelectorSpec | null | undefined): string {
  return selectorString(sel, '<error>') || '<none>';
}

/** net.JoinHostPort: IPv6 literals are bracketed so the port stays unambiguous. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Object keys of an optional map, for the Data/Secrets count columns. */
export function countKeys(map: unknown): number {
  return map !== null && typeof map === 'object' ? Object.keys(map).length : 0;
}
