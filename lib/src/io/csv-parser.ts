/**
 * A fast incremental RFC 4180 CSV record parser over text chunks, equivalent to csv-parse with
 * `{ bom: true, relax_column_count: true, skip_empty_lines: false, skip_records_with_error: true }`
 * read up to its first syntax error: same records, same record delimiter auto-detection (the first
 * `\r\n`, `\n` or `\r` outside quotes), same three syntax errors with the details csv-parse gives.
 *
 * Lines without a quote are split with `indexOf` (the common case); a record holding a quote, or a
 * file using bare `\r` line ends, goes through a character-by-character state machine.
 */

/** The syntax errors the parser reports (csv-parse's codes). */
export type CsvSyntaxCode = "CSV_QUOTE_NOT_CLOSED" | "CSV_INVALID_CLOSING_QUOTE" | "INVALID_OPENING_QUOTE";

/** The first syntax error: parsing stops there. */
export interface CsvSyntaxError {
  readonly code: CsvSyntaxCode;
  /** Physical line where the failing record starts. */
  readonly line: number;
  /**
   * CSV_INVALID_CLOSING_QUOTE: the character found after the closing quote (as csv-parse shows it:
   * the first byte of its UTF-8 encoding); INVALID_OPENING_QUOTE: the cell's text before the quote.
   */
  readonly detail: string;
}

/**
 * Receives each record: its cells (the array is reused once the call returns — copy what you keep)
 * and the physical line it starts on (line 1 is the first line of the file).
 */
export type CsvRecordHandler = (cells: string[], line: number) => void;

/**
 * Sees a record without any quote as its text `text[start, end)` (line end excluded) before it is
 * split, with its line; returns true when it handled the record (it is then not split nor given to
 * the record handler).
 */
export type CsvLineHandler = (text: string, start: number, end: number, line: number) => boolean;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

const enum Delimiter {
  Unknown,
  Lf,
  CrLf,
  Cr,
}

/** Outcome of scanning one record. */
const INCOMPLETE = -1;
const FAILED = -2;

/**
 * A copy of a cell that does not keep the chunk it was cut from alive. V8 makes a substring of 13
 * characters or more a view into its parent; a cell kept for the life of a dataset (a timestamp, an
 * id) would then hold a whole chunk of the file. `JSON.parse` of the quoted cell is the cheapest way
 * found to get a flat string of just the cell, with no parent and no wrapper (measured: 40 bytes
 * for a 20-character timestamp, against 72 for a view of a copy; `toUpperCase`, `replace` and
 * `join` return the view itself). A cell holding a quote, a backslash or a control character is
 * escaped first (checked before, not caught: an exception costs microseconds). Shorter cells are copied by V8 anyway.
 *
 * @example detached("2026-02-01T14:05:00Z") // → "2026-02-01T14:05:00Z", not sharing its parent
 */
export function detached(cell: string): string {
  if (cell.length < 13) return cell;
  if (cell.indexOf('"') === -1 && cell.indexOf("\\") === -1) {
    try {
      return JSON.parse(`"${cell}"`) as string;
    } catch {
      // A control character: escaped below.
    }
  }
  return JSON.parse(JSON.stringify(cell)) as string;
}

/** What csv-parse shows for a character it did not expect: the first byte of its UTF-8 form. */
function byteShown(text: string, at: number): string {
  const code = text.charCodeAt(at);
  if (code < 0x80) return String.fromCharCode(code);
  return String.fromCharCode(Buffer.from(text.slice(at, at + 2), "utf8")[0] ?? code);
}

/**
 * Incremental CSV parser: {@link write} text chunks in order, then {@link end}. Records are handed
 * to the handler as soon as they are complete; after a syntax error ({@link failure}) nothing more
 * is parsed. Counts physical lines like csv-parse's consumers do: a record starts one line after
 * the previous record's start plus the `\n` characters inside its cells.
 *
 * @example
 * const rows: string[][] = [];
 * const parser = new CsvRecordParser((cells) => rows.push([...cells]));
 * parser.write('a,b\n1,"x,\n');
 * parser.write('y"\n');
 * parser.end();
 * rows // → [["a", "b"], ["1", "x,\ny"]]
 */
export class CsvRecordParser {
  /** The first syntax error, if any. */
  failure: CsvSyntaxError | undefined;
  private carry = "";
  private line = 1;
  private delimiter = Delimiter.Unknown;
  private started = false;
  private done = false;
  private readonly cells: string[] = [];
  /** Position of the next quote at or after the scan position in the current text (−1: none). */
  private nextQuote = -1;
  /** Where the search for {@link nextQuote} started (MAX_SAFE_INTEGER: not searched yet). */
  private quoteFrom = Number.MAX_SAFE_INTEGER;

  /**
   * Sees quote-free records first (see {@link CsvLineHandler}); settable between chunks, e.g. once
   * the header is known.
   */
  onLine: CsvLineHandler | undefined;

  /** @param onRecord receives every record (see {@link CsvRecordHandler}) */
  constructor(private readonly onRecord: CsvRecordHandler) {}

  /** Parses the next chunk of text. */
  write(chunk: string): void {
    if (this.done || chunk === "") return;
    let text = this.carry === "" ? chunk : this.carry + chunk;
    this.carry = "";
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scan(text, false);
  }

  /** Parses what is left at the end of the input. */
  end(): void {
    if (this.done) return;
    const text = this.carry;
    this.carry = "";
    this.scan(text, true);
    this.done = true;
  }

  private scan(text: string, final: boolean): void {
    this.nextQuote = -1;
    this.quoteFrom = Number.MAX_SAFE_INTEGER; // nothing searched yet in this text
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      const next = this.record(text, pos, final);
      if (next === FAILED) {
        this.done = true;
        return;
      }
      if (next === INCOMPLETE) {
        this.carry = text.slice(pos);
        return;
      }
      pos = next;
    }
  }

  /** Position of the first quote at or after `from` (−1: none), cached for the current text. */
  private quoteAt(text: string, from: number): number {
    if (this.quoteFrom <= from && (this.nextQuote === -1 || this.nextQuote >= from)) return this.nextQuote;
    this.quoteFrom = from;
    this.nextQuote = text.indexOf('"', from);
    return this.nextQuote;
  }

  /** Scans the record starting at `pos`: the position after it, INCOMPLETE or FAILED. */
  private record(text: string, pos: number, final: boolean): number {
    const d = this.delimiter;
    if (d === Delimiter.Lf || d === Delimiter.CrLf) {
      const nl = text.indexOf("\n", pos);
      if (nl === -1 && !final) return INCOMPLETE; // the record ends in a later chunk
      const end = nl === -1 ? text.length : nl;
      const quote = this.quoteAt(text, pos);
      if (quote === -1 || quote >= end) {
        let contentEnd = end;
        let plain = true;
        if (d === Delimiter.CrLf && nl !== -1) {
          if (nl > pos && text.charCodeAt(nl - 1) === CR) contentEnd = nl - 1;
          else plain = false; // a bare \n is cell text under \r\n line ends
        }
        if (plain) {
          const line = this.line;
          this.line++; // no line break inside a quote-free record
          if (!this.onLine?.(text, pos, contentEnd, line)) {
            this.splitPlain(text, pos, contentEnd);
            this.onRecord(this.cells, line);
          }
          return nl === -1 ? end : nl + 1;
        }
      }
    }
    return this.recordSlow(text, pos, final);
  }

  /** Splits a quote-free line on commas into {@link cells}. */
  private splitPlain(text: string, from: number, to: number): void {
    const cells = this.cells;
    cells.length = 0;
    let start = from;
    for (;;) {
      const comma = text.indexOf(",", start);
      if (comma === -1 || comma >= to) break;
      cells.push(detached(text.slice(start, comma)));
      start = comma + 1;
    }
    cells.push(detached(text.slice(start, to)));
  }

  private emit(): void {
    const cells = this.cells;
    let newlines = 0;
    for (const cell of cells) {
      for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) newlines++;
    }
    const line = this.line;
    this.line += newlines + 1;
    this.onRecord(cells, line);
  }

  private fail(code: CsvSyntaxCode, detail: string): number {
    this.failure = { code, line: this.line, detail };
    return FAILED;
  }

  /**
   * Length of the record delimiter at `at` (0: none), detecting the file's delimiter on the first
   * line end outside quotes; INCOMPLETE when more text is needed to tell.
   */
  private delimiterAt(text: string, at: number, final: boolean): number {
    const c = text.charCodeAt(at);
    if (c !== CR && c !== LF) return 0;
    if (this.delimiter === Delimiter.Unknown) {
      if (c === LF) this.delimiter = Delimiter.Lf;
      else if (at + 1 >= text.length && !final) return INCOMPLETE;
      else this.delimiter = text.charCodeAt(at + 1) === LF ? Delimiter.CrLf : Delimiter.Cr;
    }
    switch (this.delimiter) {
      case Delimiter.Lf:
        return c === LF ? 1 : 0;
      case Delimiter.Cr:
        return c === CR ? 1 : 0;
      default:
        if (c !== CR) return 0;
        if (at + 1 >= text.length) return final ? 0 : INCOMPLETE;
        return text.charCodeAt(at + 1) === LF ? 2 : 0;
    }
  }

  /** The general state machine for one record (quotes, unknown or bare-\r line ends). */
  private recordSlow(text: string, pos: number, final: boolean): number {
    const cells = this.cells;
    cells.length = 0;
    const n = text.length;
    let field = "";
    let segment = pos;
    let quoting = false;
    let wasQuoting = false;
    let i = pos;
    for (;;) {
      if (i >= n) {
        if (!final) return INCOMPLETE;
        if (quoting) return this.fail("CSV_QUOTE_NOT_CLOSED", "");
        field += text.slice(segment, i);
        if (wasQuoting || cells.length > 0 || field.length > 0) {
          cells.push(detached(field));
          this.emit();
        }
        return n;
      }
      const c = text.charCodeAt(i);
      if (quoting) {
        if (c !== QUOTE) {
          i++;
          continue;
        }
        if (i + 1 >= n && !final) return INCOMPLETE;
        if (i + 1 < n && text.charCodeAt(i + 1) === QUOTE) {
          field += text.slice(segment, i + 1);
          i += 2;
          segment = i;
          continue;
        }
        let closes = i + 1 >= n || text.charCodeAt(i + 1) === COMMA;
        if (!closes) {
          const rd = this.delimiterAt(text, i + 1, final);
          if (rd === INCOMPLETE) return INCOMPLETE;
          closes = rd > 0;
        }
        if (!closes) return this.fail("CSV_INVALID_CLOSING_QUOTE", byteShown(text, i + 1));
        field += text.slice(segment, i);
        quoting = false;
        wasQuoting = true;
        i++;
        segment = i;
        continue;
      }
      const rd = this.delimiterAt(text, i, final);
      if (rd === INCOMPLETE) return INCOMPLETE;
      if (rd > 0) {
        cells.push(detached(field + text.slice(segment, i)));
        this.emit();
        return i + rd;
      }
      if (c === COMMA) {
        cells.push(detached(field + text.slice(segment, i)));
        field = "";
        wasQuoting = false;
        i++;
        segment = i;
        continue;
      }
      if (c === QUOTE) {
        const before = field + text.slice(segment, i);
        if (before.length !== 0) return this.fail("INVALID_OPENING_QUOTE", before);
        quoting = true;
        i++;
        segment = i;
        continue;
      }
      i++;
    }
  }
}
