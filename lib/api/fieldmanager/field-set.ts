// A set of field paths, stored as a tree the way structured-merge-diff stores it: at each
// node, `members` are the paths that end here and `children` lead further down. A path can
// be both (a list element someone owns and whose fields someone owns), which FieldsV1
// writes as a `".": {}` entry inside the child. Sets are treated as values: operations
// return new sets and never modify their operands.
import { compareElements, parseElement, serializeElement, type Path, type PathElement } from './path.ts';

interface Child {
  pe: PathElement;
  set: FieldSet;
}

export class FieldSet {
  readonly members = new Map<string, PathElement>();
  readonly children = new Map<string, Child>();

  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  /** Adds a path (building the set; only while it is not yet shared). */
  insert(path: Path): void {
    if (path.length === 0) return;
    let node: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) node = node.child(path[i]!);
    const last = path[path.length - 1]!;
    node.members.set(serializeElement(last), last);
  }

  private child(pe: PathElement): FieldSet {
    const k = serializeElement(pe);
    let c = this.children.get(k);
    if (!c) {
      c = { pe, set: new FieldSet() };
      this.children.set(k, c);
    }
    return c.set;
  }

  isEmpty(): boolean {
    return this.members.size === 0 && this.children.size === 0;
  }

  has(path: Path): boolean {
    if (path.length === 0) return false;
    let node: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && node; i++) node = node.children.get(serializeElement(path[i]!))?.set;
    return node?.members.has(serializeElement(path[path.length - 1]!)) ?? false;
  }

  /** The paths below `pe`, relative to it (empty when there are none). */
  withPrefix(pe: PathElement): FieldSet {
    return this.children.get(serializeElement(pe))?.set ?? EMPTY;
  }

  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    const out = new FieldSet();
    for (const [k, pe] of this.members) out.members.set(k, pe);
    for (const [k, pe] of other.members) out.members.set(k, pe);
    for (const [k, c] of this.children) out.children.set(k, c);
    for (const [k, c] of other.children) {
      const mine = out.children.get(k);
      out.children.set(k, mine ? { pe: c.pe, set: mine.set.union(c.set) } : c);
    }
    return out;
  }

  difference(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (!other.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = other.children.get(k);
      const rest = theirs ? c.set.difference(theirs.set) : c.set;
      if (!rest.isEmpty()) out.children.set(k, { pe: c.pe, set: rest });
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const [k, pe] of this.members) if (other.members.has(k)) out.members.set(k, pe);
    for (const [k, c] of this.children) {
      const theirs = other.children.get(k);
      if (!theirs) continue;
      const both = c.set.intersection(theirs.set);
      if (!both.isEmpty()) out.children.set(k, { pe: c.pe, set: both });
    }
    return out;
  }

  /** Every member path, in FieldsV1 order (members before deeper paths at each level). */
  paths(prefix: Path = []): Path[] {
    const out: Path[] = [];
    for (const pe of sorted(this.members.values(), (x) => x)) out.push([...prefix, pe]);
    for (const c of sorted(this.children.values(), (x) => x.pe)) out.push(...c.set.paths([...prefix, c.pe]));
    return out;
  }

  /** The FieldsV1 JSON form (`{"f:spec":{"f:replicas":{}}}`), keys in structured-merge-diff's order. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(includeSelf: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (includeSelf && !this.isEmpty()) out['.'] = {};
    const keys = new Map<string, PathElement>(this.members);
    for (const [k, c] of this.children) keys.set(k, c.pe);
    for (const pe of sorted(keys.values(), (x) => x)) {
      const k = serializeElement(pe);
      const c = this.children.get(k);
      out[k] = c ? c.set.emit(this.members.has(k)) : {};
    }
    return out;
  }

  /** Parses FieldsV1; throws on malformed input (the caller decides what that means). */
  static fromFieldsV1(json: unknown): FieldSet {
    const set = new FieldSet();
    readInto(set, json);
    return set;
  }
}

const EMPTY = new FieldSet();

function sorted<T>(items: Iterable<T>, pe: (t: T) => PathElement): T[] {
  return [...items].sort((a, b) => compareElements(pe(a), pe(b)));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readInto(set: FieldSet, json: unknown): void {
  if (!isObject(json)) throw new Error('FieldsV1 must be a JSON object');
  for (const [k, v] of Object.entries(json)) {
    if (k === '.') continue;
    const pe = parseElement(k);
    if (!pe) continue;
    if (!isObject(v)) throw new Error(`FieldsV1 entry ${k} must be an object`);
    const entries = Object.keys(v);
    // `{}` or a "." entry makes the path itself a member; other entries lead further down.
    if (entries.length === 0 || entries.includes('.')) set.insert([pe]);
    if (entries.some((e) => e !== '.')) {
      const sub = new FieldSet();
      readInto(sub, v);
      // Graft: insert each sub-path under pe.
      for (const p of sub.paths()) set.insert([pe, ...p]);
    }
  }
}
