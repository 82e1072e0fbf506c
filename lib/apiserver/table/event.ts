// `kubectl get events`: kube's printEvent for core/v1 Events. Events written through the
// newer events.k8s.io API leave the legacy timestamps and count empty, so each column
// falls back to the newer field (eventTime, series) the way kube does.
import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../storage/object-store.ts';
import { NAME_DOC, column, wide } from './columns.ts';
import { parseTimestamp, since } from './human-duration.ts';
import type { PrintedRow, Printer } from './types.ts';

const columns = Object.freeze([
  column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'string', 'The object that this event is about.'),
  wide(
    'Subobject',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
  ),
  wide('Source', 'The component reporting this event. Should be a short machine understandable string.'),
  column('Message', 'string', 'A human-readable description of the status of this operation.'),
  wide('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
  // Declared "string" by kube even though the cell is an integer.
  wide('Count', 'The number of times this event has occurred.'),
  column('Name', 'string', NAME_DOC, 1, 'name'),
]);

/** "component, host", falling back to the reporting controller/instance of newer events. */
function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

/** "pod/web-1": the involved object's kind in lower case, then its name when it has one. */
function involvedObject(e: Event): string {
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  const name = e.involvedObject?.name;
  return name ? `${kind}/${name}` : kind;
}

function eventRow(obj: KubeObject, now: Date): PrintedRow {
  const e = obj as unknown as Event;
  const firstSeen = parseTimestamp(e.firstTimestamp) !== undefined ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  let lastSeen = parseTimestamp(e.lastTimestamp) !== undefined ? since(e.lastTimestamp, now) : firstSeen;
  let count = e.count ?? 0;
  if (e.series) {
    lastSeen = since(e.series.lastObservedTime, now);
    count = e.series.count ?? 0;
  } else if (count === 0) {
    // A singleton event from the new API has no count; it happened once.
    count = 1;
  }
  return {
    cells: [
      lastSeen,
      e.type ?? '',
      e.reason ?? '',
      involvedObject(e),
      e.involvedObject?.fieldPath ?? '',
      eventSource(e),
      (e.message ?? '').trim(),
      firstSeen,
      count,
      e.metadata?.name ?? '',
    ],
  };
}

export const eventPrinter: Printer = { columns, row: eventRow };
