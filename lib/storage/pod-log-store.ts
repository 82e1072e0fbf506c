// Where container output lives so the apiserver can serve `kubectl logs` without reaching
// the node (it may be a Lambda): agents append numbered chunks per container instance,
// readers get the text of one instance, optionally only its last lines or first bytes.
// DynamoDB implementation: dynamo-pod-logs.ts; this file has the in-memory one for tests.

export interface PodLogRef {
  namespace: string;
  pod: string;
  /** The pod's uid: a new pod with the same name never shows an old one's output. */
  uid: string;
  container: string;
  /** Which run of the container: 0 first, then its restartCount when it started. */
  instance: number;
}

export interface LogReadOptions {
  tailLines?: number;
  limitBytes?: number;
}

export interface PodLogStore {
  /** Stores chunk `seq` of an instance; 'duplicate' when that chunk is already stored (a resend). */
  append(ref: PodLogRef, seq: number, text: string): Promise<'created' | 'duplicate'>;
  read(ref: PodLogRef, opts?: LogReadOptions): Promise<string>;
}

/** The last `n` lines of `text`; a final line without a newline counts as a line. */
export function tailLines(text: string, n: number): string {
  if (n <= 0) return '';
  let end = text.length;
  if (text.endsWith('\n')) end--;
  let start = end;
  for (let seen = 0; start > 0; ) {
    const nl = text.lastIndexOf('\n', start - 1);
    seen++;
    if (nl < 0) return text;
    if (seen === n) return text.slice(nl + 1);
    start = nl;
  }
  return text;
}

/** At most `limit` bytes of UTF-8, never cutting a character in half. */
export function limitBytes(text: string, limit: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let cut = limit;
  // Step back over continuation bytes (10xxxxxx) to a character boundary.
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}

export function selectLog(text: string, opts: LogReadOptions = {}): string {
  let out = text;
  if (opts.tailLines !== undefined) out = tailLines(out, opts.tailLines);
  if (opts.limitBytes !== undefined) out = limitBytes(out, opts.limitBytes);
  return out;
}

export function instanceKey(ref: PodLogRef): string {
  return `${ref.namespace}/${ref.pod}/${ref.container}|${ref.uid}|${ref.instance}`;
}

/** For unit tests only; the DynamoDB store is what runs. */
export class MemoryPodLogStore implements PodLogStore {
  private readonly chunks = new Map<string, Map<number, string>>();

  async append(ref: PodLogRef, seq: number, text: string): Promise<'created' | 'duplicate'> {
    const key = instanceKey(ref);
    let m = this.chunks.get(key);
    if (!m) this.chunks.set(key, (m = new Map()));
    if (m.has(seq)) return 'duplicate';
    m.set(seq, text);
    return 'created';
  }

  async read(ref: PodLogRef, opts: LogReadOptions = {}): Promise<string> {
    const m = this.chunks.get(instanceKey(ref));
    if (!m) return '';
    const text = [...m.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('');
    return selectLog(text, opts);
  }
}
