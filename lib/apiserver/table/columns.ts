// Building blocks for column definitions. Descriptions are the API field docs kube takes
// from its generated SwaggerDoc; kubectl never shows them, but other Table clients (the
// dashboard, client libraries) do, so they read as kube's.
import type { TableColumnDefinition } from './types.ts';

export const NAME_DOC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATION_TIMESTAMP_DOC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const CONTAINERS_DOC = 'Names of each container in the template.';
export const IMAGES_DOC = 'Images referenced by each container in the template.';

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return Object.freeze({ name, type, format, description, priority });
}

/** A wide-only (-o wide) string column. */
export function wide(name: string, description: string): TableColumnDefinition {
  return column(name, 'string', description, 1);
}

export const NAME_COLUMN = column('Name', 'string', NAME_DOC, 0, 'name');
/** kube's printers type Age as a string: the cell is already "5m", not a timestamp. */
export const AGE_COLUMN = column('Age', 'string', CREATION_TIMESTAMP_DOC);
