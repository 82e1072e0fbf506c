// The Table for a kind with no printer of its own. This mirrors what kube-apiserver gives a
// custom resource without additionalPrinterColumns (Name, then Age typed "date" with the
// cell already humanised), the case skiff will meet as kinds are added beyond the
// built-in printers; kubectl renders it as NAME / AGE.
import type { KubeObject } from '../../storage/object-store.ts';
import { CREATION_TIMESTAMP_DOC, NAME_COLUMN, column } from './columns.ts';
import { since } from './human-duration.ts';
import type { PrintedRow, Printer } from './types.ts';

const columns = Object.freeze([NAME_COLUMN, column('Age', 'date', CREATION_TIMESTAMP_DOC)]);

function genericRow(obj: KubeObject, now: Date): PrintedRow {
  return { cells: [obj.metadata.name ?? '', since(obj.metadata.creationTimestamp, now)] };
}

export const genericPrinter: Printer = { columns, row: genericRow };
