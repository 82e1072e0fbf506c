// Turning objects into a meta.k8s.io Table: pick the kind's printer, print every row, and
// attach to each row what ?includeObject= asked for. This is kube-apiserver's asTable plus
// its TableConvertor, minus I/O: the caller supplies the clock and the list metadata.
import type { KubeObject } from '../../storage/object-store.ts';
import type { IncludeObject } from './accept.ts';
import { endpointSlicePrinter } from './endpointslice.ts';
import { eventPrinter } from './event.ts';
import { genericPrinter } from './generic.ts';
import { nodePrinter } from './node.ts';
import { podPrinter } from './pod.ts';
import { endpointsPrinter, servicePrinter } from './service.ts';
import { configMapPrinter, leasePrinter, namespacePrinter, secretPrinter, serviceAccountPrinter } from './simple-kinds.ts';
import type { Printer, Table, TableApiVersion, TableRow } from './types.ts';
import { deploymentPrinter, replicaSetPrinter } from './workloads.ts';

export interface GroupKind {
  group: string;
  kind: string;
}

export interface TableOptions {
  /** What each row carries besides its cells; kube's default is Metadata. */
  includeObject?: IncludeObject;
  /** Ages are relative to this. */
  now: Date;
  /** A list's resourceVersion and continue token; for a single GET, the object's resourceVersion. */
  listMeta?: { resourceVersion?: string; continue?: string };
  /** Watch events after the first carry rows only: kubectl already has the columns. */
  omitColumns?: boolean;
  /** The Table version negotiated from Accept; v1 unless the client asked only for v1beta1. */
  apiVersion?: TableApiVersion;
}

const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ['/Pod', podPrinter],
  ['/Service', servicePrinter],
  ['/Endpoints', endpointsPrinter],
  ['/Node', nodePrinter],
  ['/Namespace', namespacePrinter],
  ['/Event', eventPrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
  ['discovery.k8s.io/EndpointSlice', endpointSlicePrinter],
]);

/** The printer kube uses for this kind, or Name/Age for any kind without one. */
export function printerFor(gk: GroupKind): Printer {
  return PRINTERS.get(`${gk.group}/${gk.kind}`) ?? genericPrinter;
}

function rowObject(obj: KubeObject, mode: IncludeObject, apiVersion: TableApiVersion): Record<string, unknown> | undefined {
  switch (mode) {
    case 'None':
      return undefined;
    case 'Object':
      // `kubectl get --sort-by` reads fields from here, so it must be the whole object.
      return obj;
    case 'Metadata':
      // The full ObjectMeta: kubectl takes NAMESPACE (-A) and LABELS (--show-labels) from it.
      return { kind: 'PartialObjectMetadata', apiVersion, metadata: obj.metadata };
  }
}

export function tableFor(kind: GroupKind, objects: readonly KubeObject[], opts: TableOptions): Table {
  const printer = printerFor(kind);
  const apiVersion = opts.apiVersion ?? 'meta.k8s.io/v1';
  const mode = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const printed = printer.row(obj, opts.now);
    const row: TableRow = { cells: printed.cells };
    if (printed.conditions) row.conditions = printed.conditions;
    const object = rowObject(obj, mode, apiVersion);
    if (object) row.object = object;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.listMeta?.resourceVersion) metadata.resourceVersion = opts.listMeta.resourceVersion;
  if (opts.listMeta?.continue) metadata.continue = opts.listMeta.continue;
  return {
    kind: 'Table',
    apiVersion,
    metadata,
    columnDefinitions: opts.omitColumns ? [] : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
