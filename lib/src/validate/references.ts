/**
 * Indexes of ids seen while loading, used to check references between tables and duplicates
 * within a table.
 */
import { describeFound } from "../io/describe-found";
import { LocationColumn } from "../io/location-column";
import type { RecordLocation } from "../io/source-record";
import type { DataIssue } from "../model/issues";
import type { FieldReader } from "./field-reader";

/** A value with the place in the input it was read from. */
export interface Located<T> {
  readonly value: T;
  readonly location: RecordLocation;
}

/** The location part of an issue: `file` and, when known, `line` or `row`. */
export function locationFields(location: RecordLocation): Pick<DataIssue, "file" | "line" | "row"> {
  return {
    file: location.file,
    ...(location.line !== undefined ? { line: location.line } : {}),
    ...(location.row !== undefined ? { row: location.row } : {}),
  };
}

/** Describes a location for messages: `line 3`, `row 2`, or the file. */
export function describeLocation(location: RecordLocation): string {
  if (location.line !== undefined) return `line ${location.line}`;
  if (location.row !== undefined) return `row ${location.row}`;
  return location.file;
}

/**
 * Ids of one kind (missions, runs, …) with where each was first defined and a payload. An id is
 * registered as soon as its own field is valid, even when other fields of the record are not, so
 * that one bad record does not also make every reference to it fail.
 */
export class IdIndex<V> {
  /** Id → its registration number (an index into the columns below). */
  private readonly entries = new Map<string, number>();
  private readonly values: V[] = [];
  private readonly locations = new LocationColumn();
  private readonly ids: string[] = [];
  /** Id → its first registration number, made at the first duplicate (see {@link register}). */
  private firstById: Map<string, number> | undefined;
  /**
   * Whether the index holds every id of its table. False when the table is missing or could not be
   * read to its end; references are then not checked, to avoid a cascade of follow-up errors.
   */
  complete = true;
  /** Where the ids are defined (file name), for messages. */
  source = "";

  /** Number of ids. */
  get size(): number {
    return this.entries.size;
  }

  /** Whether `id` is known. */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Payload of `id`, if known. */
  get(id: string): V | undefined {
    const at = this.entries.get(id);
    return at === undefined ? undefined : this.values[at];
  }

  /** Id → its registration number (0, 1, … in the order ids were registered); read-only. */
  get numbering(): ReadonlyMap<string, number> {
    return this.entries;
  }

  /** All ids, in insertion order. */
  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** Every id with its payload, in insertion order. */
  *idsWithValues(): Generator<[string, V], void, undefined> {
    for (const [id, at] of this.entries) yield [id, this.values[at]!];
  }

  /**
   * Registers `id`; when it is already known, reports a fatal `duplicate_id` at `reader` naming the
   * first definition, and returns false. `label` is how the id is shown (default: the id).
   */
  register(
    reader: FieldReader,
    field: string,
    id: string,
    value: V,
    what: string,
    label: string = id,
  ): boolean {
    // One map operation per id (a look-up in a million-entry map costs about a microsecond): set,
    // and if the size did not grow the id was known — its first registration is then put back.
    const at = this.values.length;
    const size = this.entries.size;
    this.entries.set(id, at);
    if (this.entries.size === size) {
      const first = this.firstOf(id);
      this.entries.set(id, first);
      reader.error({
        code: "duplicate_id",
        field,
        expected: `a ${what} not defined before`,
        found: describeFound(label),
        message: `${what} ${label} is already defined at ${describeLocation(this.locations.at(first))}`,
      });
      return false;
    }
    this.values.push(value);
    this.locations.push(reader.record.location);
    this.ids.push(id);
    this.firstById?.set(id, at);
    return true;
  }

  /** The first registration number of `id` (a known id). */
  private firstOf(id: string): number {
    if (!this.firstById) {
      const map = new Map<string, number>();
      this.ids.forEach((known, i) => map.set(known, i));
      this.firstById = map;
    }
    return this.firstById.get(id)!;
  }
}

/**
 * Checks that `id` is in `index` (when the index is complete); reports a fatal
 * `unknown_reference` otherwise. Returns whether the reference is usable.
 */
export function checkReference<V>(
  reader: FieldReader,
  field: string,
  id: string,
  index: IdIndex<V>,
  what: string,
): boolean {
  if (index.has(id)) return true;
  if (!index.complete) return false;
  reader.error({
    code: "unknown_reference",
    field,
    expected: `a ${what} id defined in ${index.source || "its table"}`,
    found: describeFound(id),
    message: `unknown ${what} ${id}`,
  });
  return false;
}

/**
 * Reports a fatal `empty_table` when a complete table defined no id at all (e.g. no missions, no
 * runs).
 */
export function reportIfEmpty<V>(
  index: IdIndex<V>,
  file: string,
  what: string,
  sink: (issue: DataIssue) => void,
): void {
  if (index.size > 0 || !index.complete) return;
  sink({
    severity: "error",
    code: "empty_table",
    file,
    expected: `at least one ${what}`,
    found: "no records",
    message: `the dataset has no ${what}s`,
  });
}
