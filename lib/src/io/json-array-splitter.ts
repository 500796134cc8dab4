/**
 * A purpose-built streaming splitter for a file holding one JSON array: it tracks string, escape
 * and nesting state over the text and hands each top-level element to `JSON.parse`, so a
 * multi-gigabyte array is read at the speed of the native parser and never held whole.
 */

/** Receives each top-level element with its 1-based row (position in the array). */
export type JsonElementHandler = (value: unknown, row: number) => void;

/**
 * Where a syntax problem was met, and how to replay the input from a line where the array's state
 * is known (to have the problem described exactly, see json-syntax-diagnosis).
 */
export interface JsonSplitFailure {
  /** First line to replay; the array's state at its start is set up by {@link prefix}. */
  readonly fromLine: number;
  /** Text that puts a parser in the array's state at the start of {@link fromLine}. */
  readonly prefix: string;
  /** Line where the problem was seen (the failing element's first line, or the offending text). */
  readonly line: number;
  /** What went wrong, in the splitter's words (used only if the replay finds nothing). */
  readonly reason: string;
}

const enum State {
  /** Before the opening bracket. */
  Before,
  /** After `[`: an element or `]`. */
  First,
  /** After `,`: an element. */
  Next,
  /** Inside an element. */
  Element,
  /** After an element: `,` or `]`. */
  After,
  /** After the closing bracket: only whitespace. */
  Done,
  Failed,
}

const enum Kind {
  Container,
  Text,
  Scalar,
}

const QUOTE = 34;
const LF = 10;
/** Parser text reproducing each between-elements state at the start of a line. */
const PREFIX: Partial<Record<State, string>> = {
  [State.First]: "[\n",
  [State.Next]: "[{},\n",
  [State.After]: "[{}\n",
  [State.Done]: "[]\n",
};

function isWhitespace(c: number): boolean {
  return c === 32 || c === LF || c === 13 || c === 9;
}

/** Characters of a number or literal (`true`, `-1.5e3`, …). */
function isScalarChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 43 || c === 45 || c === 46
  );
}

/**
 * Incremental splitter: {@link write} text chunks in order, then {@link end}. Elements are parsed and
 * handed over as soon as they are complete; the first syntax problem sets {@link failure} and stops
 * the splitter (elements before it have been handed over). A leading byte-order mark is ignored.
 *
 * @example
 * const rows: unknown[] = [];
 * const splitter = new JsonArraySplitter((value, row) => rows.push([row, value]));
 * splitter.write('[{"a": "x]"}, ');
 * splitter.write("2]");
 * splitter.end();
 * rows // → [[1, { a: "x]" }], [2, 2]]
 */
export class JsonArraySplitter {
  /** The first syntax problem, if any. */
  failure: JsonSplitFailure | undefined;
  /** Top-level elements parsed so far. */
  rows = 0;
  private state = State.Before;
  private started = false;
  private line = 1;
  private cleanLine = 1;
  private cleanPrefix = "";
  private kind = Kind.Container;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elementLine = 1;
  /** Text of the element in progress from earlier chunks. */
  private parts: string[] = [];
  /** The next backslash at or after {@link backslashFrom} in the current chunk (−1: none). */
  private nextBackslash = -1;
  private backslashFrom = Number.MAX_SAFE_INTEGER;

  /** @param onElement receives each element */
  constructor(private readonly onElement: JsonElementHandler) {}

  /** Scans the next chunk of text. */
  write(chunk: string): void {
    if (this.state === State.Failed) return;
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scan(text);
  }

  /** Ends the input: anything but a closed array is a problem. */
  end(): void {
    if (this.state === State.Failed || this.state === State.Done) return;
    this.fail(this.line, "the file ends before the JSON array is complete");
  }

  private fail(line: number, reason: string): void {
    this.failure = { fromLine: this.cleanLine, prefix: this.cleanPrefix, line, reason };
    this.state = State.Failed;
    this.parts = [];
  }

  /** Parses a complete element `text[start, end)`; false when it is not valid JSON. */
  private complete(whole: string, start: number, end: number): boolean {
    const text = start === 0 && end === whole.length ? whole : whole.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.fail(this.elementLine, e instanceof Error ? e.message : String(e));
      return false;
    }
    this.state = State.After;
    this.onElement(value, ++this.rows);
    return true;
  }

  /** Position of the first backslash at or after `from` in the current chunk (−1: none). */
  private backslashAt(text: string, from: number): number {
    if (this.backslashFrom <= from && (this.nextBackslash === -1 || this.nextBackslash >= from))
      return this.nextBackslash;
    this.backslashFrom = from;
    this.nextBackslash = text.indexOf("\\", from);
    return this.nextBackslash;
  }

  private scan(text: string): void {
    this.nextBackslash = -1;
    this.backslashFrom = Number.MAX_SAFE_INTEGER; // nothing searched yet in this chunk
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.state === State.Failed) return;
      if (this.state === State.Element) {
        i = this.scanElement(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isWhitespace(c)) {
        if (c === LF) {
          this.line++;
          if (this.state !== State.Before) {
            this.cleanLine = this.line;
            this.cleanPrefix = PREFIX[this.state] ?? "";
          }
        }
        i++;
        continue;
      }
      switch (this.state) {
        case State.Before:
          if (c !== 91) return this.fail(this.line, "the file must hold one JSON array");
          this.state = State.First;
          i++;
          continue;
        case State.After:
          if (c === 44) this.state = State.Next;
          else if (c === 93) this.state = State.Done;
          else return this.fail(this.line, "expected ',' or ']' after an element");
          i++;
          continue;
        case State.Done:
          return this.fail(this.line, "unexpected text after the array");
        case State.First:
          if (c === 93) {
            this.state = State.Done;
            i++;
            continue;
          }
          break;
        case State.Next:
          break;
        default:
          return;
      }
      if (c === 93 || c === 44 || c === 125 || c === 58) return this.fail(this.line, "expected a value");
      this.state = State.Element;
      this.elementLine = this.line;
      this.kind = c === 123 || c === 91 ? Kind.Container : c === QUOTE ? Kind.Text : Kind.Scalar;
      this.depth = 0;
      this.inString = false;
      this.escaped = false;
      this.parts = [];
      i = this.scanElement(text, i);
    }
  }

  /**
   * Scans the element in progress from `from`: returns where scanning goes on (the end of the text
   * when the element continues in the next chunk, after storing its text so far).
   */
  private scanElement(text: string, from: number): number {
    const n = text.length;
    const start = from;
    let i = from;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let end = -1;
    if (this.kind === Kind.Scalar) {
      while (i < n && isScalarChar(text.charCodeAt(i))) i++;
      if (i < n) end = i;
    } else {
      let line = this.line;
      for (;;) {
        if (inString) {
          // Jump from quote to quote; a backslash escapes the next character.
          if (escaped && i < n) {
            escaped = false;
            i++;
          }
          let closed = false;
          while (i < n) {
            const quote = text.indexOf('"', i);
            const backslash = this.backslashAt(text, i);
            if (backslash !== -1 && (quote === -1 || backslash < quote)) {
              if (backslash + 1 >= n) {
                escaped = true;
                i = n;
                break;
              }
              i = backslash + 2;
              continue;
            }
            i = quote === -1 ? n : quote + 1;
            closed = quote !== -1;
            break;
          }
          if (!closed) break;
          inString = false;
          if (this.kind === Kind.Text) {
            end = i;
            break;
          }
          continue;
        }
        if (i >= n) break;
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          inString = true;
        } else if (c === 123 || c === 91) {
          depth++;
        } else if (c === 125 || c === 93) {
          if (--depth === 0) {
            end = i + 1;
            break;
          }
        } else if (c === LF) {
          line++;
        }
        i++;
      }
      this.line = line;
    }
    if (end === -1) {
      this.parts.push(start === 0 ? text : text.slice(start));
      this.depth = depth;
      this.inString = inString;
      this.escaped = escaped;
      return n;
    }
    if (this.parts.length === 0) {
      this.complete(text, start, end);
    } else {
      const element = this.parts.join("") + text.slice(start, end);
      this.parts = [];
      this.complete(element, 0, element.length);
    }
    return end;
  }
}
