// The meta.k8s.io Table shape kubectl renders `get` output from, and the contract one
// kind's printer fulfils. Field names and which fields are always present follow
// metav1.Table's JSON tags: column definitions carry every field (format "" included),
// rows omit conditions and object when there are none.
import type { KubeObject } from '../../storage/object-store.ts';

/** A cell is whatever JSON kube puts there: int64 counters are numbers, the rest strings. */
export type TableCell = string | number | boolean | null;

export interface TableColumnDefinition {
  name: string;
  /** An OpenAPI type: "string", "integer", "number", "boolean" or "date". */
  type: string;
  /** "name" for the column kubectl treats as the object's name; "" otherwise. */
  format: string;
  description: string;
  /** 0 always shows; 1 only with `-o wide`. */
  priority: number;
}

/** kube marks finished pods with this so clients can dim or hide them. */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: Record<string, unknown>;
}

export type TableApiVersion = 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';

export interface Table {
  kind: 'Table';
  apiVersion: TableApiVersion;
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** What a printer produces for one object, before includeObject decides on `object`. */
export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

/**
 * One kind's columns and the function filling them. kube-apiserver always prints the wide
 * form (kubectl drops priority-1 columns itself), so every row has a cell per column.
 */
export interface Printer {
  columns: readonly TableColumnDefinition[];
  row(obj: KubeObject, now: Date): PrintedRow;
}
