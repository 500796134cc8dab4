/**
 * The DuckDB engine behind the ingest: one embedded, in-process database (no server, no file of
 * its own, nothing downloaded) behind a narrow interface — run a statement, read a small result as
 * objects, stream a large one chunk by chunk, append rows, close. Everything DuckDB-specific stays
 * here; the ingest stages speak SQL text and plain JavaScript values.
 */
import {
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBValue,
} from "@duckdb/node-api";

/** Options of {@link openEngine}. */
export interface EngineOptions {
  /** Worker threads DuckDB may use (default: DuckDB's choice, the number of cores). */
  readonly threads?: number;
  /**
   * Memory DuckDB may hold before it spills to its temporary directory, e.g. `"1GB"` (default:
   * DuckDB's, 80 % of the machine's memory).
   */
  readonly memoryLimit?: string;
}

/** A JavaScript value read from DuckDB: numbers for every numeric type, strings, booleans, null. */
export type EngineValue =
  string | number | boolean | null | readonly EngineValue[] | { readonly [k: string]: EngineValue };

/** One chunk of a streamed result: column names and, per column, a getter by row. */
export interface EngineChunk {
  readonly rowCount: number;
  /** Value of column `column` (0-based) at row `row` of the chunk. */
  value(column: number, row: number): EngineValue;
  /**
   * The whole column `column` as numbers (null → NaN). With `into` at least `rowCount` long, the
   * numbers are written there (its first `rowCount` entries) and it is returned: nothing allocated.
   */
  numbers(column: number, into?: Float64Array): Float64Array;
}

/** An open engine. Not safe to share between concurrent statements: await each call. */
export interface Engine {
  /** Runs statements that return nothing worth reading (DDL, COPY, SET…). */
  run(sql: string): Promise<void>;
  /** Runs a query and returns every row as an object keyed by column name (small results only). */
  rows(sql: string): Promise<Record<string, EngineValue>[]>;
  /**
   * Runs a query and hands its result to `each` chunk by chunk (about 2,048 rows each), in result
   * order, never holding more than one chunk. Resolves to the column names.
   */
  stream(
    sql: string,
    each: (chunk: EngineChunk, columns: readonly string[]) => void,
  ): Promise<readonly string[]>;
  /** Column names and DuckDB type names of a query's result, without running it fully. */
  describe(sql: string): Promise<{ readonly name: string; readonly type: string }[]>;
  /**
   * Appends rows to an existing table `table` (created by the caller with `run`), one array of
   * values per row in the table's column order.
   */
  append(table: string, rows: Iterable<readonly (string | number | boolean | null)[]>): Promise<void>;
  /** Closes the connection and the database; the engine cannot be used afterwards. */
  close(): void;
}

/** Converts a DuckDB value to a plain JavaScript value (BigInt → number, decimals → number). */
function plain(value: DuckDBValue): EngineValue {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "bigint":
      return Number(value);
    default:
      break;
  }
  const v = value as unknown as {
    toDouble?: () => number;
    items?: DuckDBValue[];
    entries?: Record<string, DuckDBValue>;
    toString(): string;
  };
  if (typeof v.toDouble === "function") return v.toDouble();
  if (Array.isArray(v.items)) return v.items.map(plain);
  if (v.entries && typeof v.entries === "object") {
    const out: Record<string, EngineValue> = {};
    for (const [k, x] of Object.entries(v.entries)) out[k] = plain(x);
    return out;
  }
  return v.toString();
}

/** Wraps a DuckDB data chunk as an {@link EngineChunk}. */
function wrapChunk(chunk: DuckDBDataChunk): EngineChunk {
  const vectors = new Map<number, ReturnType<DuckDBDataChunk["getColumnVector"]>>();
  const vector = (c: number) => {
    let v = vectors.get(c);
    if (!v) vectors.set(c, (v = chunk.getColumnVector(c)));
    return v;
  };
  // Per column, the validity words as 32-bit words (undefined: every row valid), so that a NULL is
  // told without the library's per-item BigInt arithmetic.
  const validity = new Map<number, Uint32Array | undefined | null>();
  const words = (c: number): Uint32Array | undefined | null => {
    if (validity.has(c)) return validity.get(c);
    const raw = vector(c) as unknown as { validity?: { data?: unknown; offset?: number } };
    const data = raw.validity?.data;
    const w =
      raw.validity === undefined || (raw.validity.offset ?? 0) !== 0
        ? null // unknown layout: ask the library
        : data instanceof BigUint64Array
          ? new Uint32Array(data.buffer, data.byteOffset, data.length * 2)
          : undefined;
    validity.set(c, w);
    return w;
  };
  return {
    rowCount: chunk.rowCount,
    value: (column, row) => {
      const w = words(column);
      if (w && ((w[row >>> 5]! >>> (row & 31)) & 1) === 0) return null;
      return plain(vector(column).getItem(row));
    },
    numbers: (column, into) => {
      // Into the caller's buffer when it is large enough: a chunk then allocates nothing.
      const n = chunk.rowCount;
      const target = into && into.length >= n ? into : new Float64Array(n);
      const v = vector(column);
      // Fast path: a numeric vector hands over its typed array, nulls read from the validity
      // words directly (the library's per-item check does BigInt arithmetic on every call).
      const raw = v as unknown as { items?: unknown; validity?: { data?: unknown; offset?: number } };
      const items = raw.items;
      if (
        (items instanceof Float64Array ||
          items instanceof Int32Array ||
          items instanceof Float32Array ||
          items instanceof Int16Array ||
          items instanceof Uint32Array) &&
        raw.validity !== undefined &&
        (raw.validity.offset ?? 0) === 0
      ) {
        const out = target;
        out.set(items);
        const data = raw.validity.data;
        if (data instanceof BigUint64Array) {
          const words = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
          for (let i = 0; i < n; i++) if (((words[i >>> 5]! >>> (i & 31)) & 1) === 0) out[i] = Number.NaN;
        } else if (data !== null) {
          for (let i = 0; i < n; i++) if (v.getItem(i) === null) out[i] = Number.NaN;
        }
        return out;
      }
      const out = target;
      for (let i = 0; i < n; i++) {
        const x = v.getItem(i);
        out[i] = x === null ? Number.NaN : typeof x === "number" ? x : Number(plain(x));
      }
      return out;
    },
  };
}

/** An engine over a DuckDB connection. */
class DuckDbEngine implements Engine {
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async rows(sql: string): Promise<Record<string, EngineValue>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader.getRows().map((row) => {
      const out: Record<string, EngineValue> = {};
      row.forEach((v, i) => (out[names[i]!] = plain(v)));
      return out;
    });
  }

  async stream(
    sql: string,
    each: (chunk: EngineChunk, columns: readonly string[]) => void,
  ): Promise<readonly string[]> {
    const result = await this.connection.stream(sql);
    const columns = result.columnNames();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      each(wrapChunk(chunk), columns);
    }
    return columns;
  }

  async describe(sql: string): Promise<{ readonly name: string; readonly type: string }[]> {
    const prepared = await this.connection.prepare(sql);
    const n = prepared.columnCount;
    const out: { name: string; type: string }[] = [];
    for (let i = 0; i < n; i++)
      out.push({ name: prepared.columnName(i), type: prepared.columnType(i).toString() });
    return out;
  }

  async append(table: string, rows: Iterable<readonly (string | number | boolean | null)[]>): Promise<void> {
    const appender = await this.connection.createAppender(table);
    try {
      for (const row of rows) {
        for (const value of row) {
          if (value === null) appender.appendNull();
          else if (typeof value === "string") appender.appendVarchar(value);
          else if (typeof value === "boolean") appender.appendBoolean(value);
          else appender.appendDouble(value);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Opens an in-memory DuckDB database. Nothing is written to disk except DuckDB's own spill files
 * under memory pressure; no extension is downloaded (`autoinstall_known_extensions` off).
 *
 * @throws Error when DuckDB's native binary cannot be loaded.
 * @example
 * const engine = await openEngine({ threads: 1 });
 * (await engine.rows("select 1 + 1 as two"))[0].two // → 2
 * engine.close();
 */
export async function openEngine(options: EngineOptions = {}): Promise<Engine> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: "false",
    autoload_known_extensions: "true",
  };
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(":memory:", config);
  const connection = await instance.connect();
  return new DuckDbEngine(instance, connection);
}

/**
 * Opens an engine, runs `work` with it and closes it, whatever `work` does.
 *
 * @example await withEngine((e) => e.rows("select 42 as x")) // → [{ x: 42 }]
 */
export async function withEngine<T>(
  work: (engine: Engine) => Promise<T>,
  options: EngineOptions = {},
): Promise<T> {
  const engine = await openEngine(options);
  try {
    return await work(engine);
  } finally {
    engine.close();
  }
}

/**
 * Quotes a string as an SQL string literal (`'…'`, quotes doubled).
 *
 * @example sqlString("it's") // → "'it''s'"
 */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Quotes a name as an SQL identifier (`"…"`, quotes doubled).
 *
 * @example sqlIdent('Run "ID"') // → '"Run ""ID"""'
 */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A file path as an SQL string literal that DuckDB's readers take as that one file. DuckDB expands
 * `*`, `?` and `[…]` in every path it is given (`runs [2026].csv` would read `runs 2.csv`); each of
 * those characters becomes a one-character class (`[*]`, `[?]`, `[[]`).
 *
 * @example sqlPath("runs [2026].csv") // → "'runs [[]2026].csv'"
 */
export function sqlPath(path: string): string {
  return sqlString(path.replace(/[*?[]/g, "[$&]"));
}
