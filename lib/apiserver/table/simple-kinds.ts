// Kinds whose kube printers show a name, one or two plain fields and the age: Namespace,
// ConfigMap, Secret, ServiceAccount and Lease.
import type { KubeObject } from '../../storage/object-store.ts';
import { AGE_COLUMN, NAME_COLUMN, column } from './columns.ts';
import { countKeys } from './format.ts';
import { since } from './human-duration.ts';
import type { PrintedRow, Printer, TableCell, TableColumnDefinition } from './types.ts';

type Json = Record<string, unknown>;

function field(obj: KubeObject, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) cur = cur !== null && typeof cur === 'object' ? (cur as Json)[p] : undefined;
  return cur;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A printer for Name, the given middle columns, Age. */
function simplePrinter(middle: TableColumnDefinition[], cells: (obj: KubeObject) => TableCell[]): Printer {
  return {
    columns: Object.freeze([NAME_COLUMN, ...middle, AGE_COLUMN]),
    row: (obj: KubeObject, now: Date): PrintedRow => ({
      cells: [obj.metadata.name ?? '', ...cells(obj), since(obj.metadata.creationTimestamp, now)],
    }),
  };
}

export const namespacePrinter = simplePrinter([column('Status', 'string', 'The status of the namespace')], (obj) => [text(field(obj, 'status', 'phase'))]);

export const configMapPrinter = simplePrinter(
  [
    column(
      'Data',
      'string',
      "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
    ),
  ],
  // Binary keys are data too; kube counts both maps.
  (obj) => [countKeys(obj['data']) + countKeys(obj['binaryData'])],
);

export const secretPrinter = simplePrinter(
  [
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    column(
      'Data',
      'string',
      "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
    ),
  ],
  (obj) => [text(obj['type']), countKeys(obj['data'])],
);

export const serviceAccountPrinter = simplePrinter(
  [
    column(
      'Secrets',
      'string',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
    ),
  ],
  (obj) => [Array.isArray(obj['secrets']) ? obj['secrets'].length : 0],
);

export const leasePrinter = simplePrinter(
  [column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.')],
  (obj) => [text(field(obj, 'spec', 'holderIdentity'))],
);
