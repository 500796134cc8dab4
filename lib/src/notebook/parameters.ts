/**
 * Notebook parameters given on the command line (`-p key=value`): parsing and validation.
 */

/** Thrown when parameters are malformed or do not match the notebook's parameters cell. */
export class NotebookParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookParameterError";
  }
}

/** Parameter name → value, in the order given. Values are JSON-like (see {@link parseParameterValue}). */
export type NotebookParameters = Readonly<Record<string, unknown>>;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Whether `name` can be a parameter: a plain JavaScript identifier (ASCII letters, digits, `_`, `$`).
 *
 * @example isParameterName("targetYear") // → true
 */
export function isParameterName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * The value of a `-p key=value` pair: the JSON value when `raw` is valid JSON (numbers, booleans,
 * null, quoted strings, arrays, objects), otherwise `raw` itself as a string.
 *
 * @example parseParameterValue("42") // → 42
 * @example parseParameterValue("2024-06-30") // → "2024-06-30" (not JSON, so a string)
 */
export function parseParameterValue(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * Parses `key=value` pairs (split at the first "="). A key given twice keeps its last value, like
 * a later command-line option overriding an earlier one.
 *
 * @throws NotebookParameterError when a pair has no "=" or its key is not an identifier.
 * @example parseParameterPairs(["region=EU", "limit=5"]) // → { region: "EU", limit: 5 }
 */
export function parseParameterPairs(pairs: readonly string[]): NotebookParameters {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 0) throw new NotebookParameterError(`parameter "${pair}" is not of the form key=value`);
    const key = pair.slice(0, eq);
    if (!isParameterName(key)) {
      throw new NotebookParameterError(
        `parameter name "${key}" is not an identifier (letters, digits, _ or $)`,
      );
    }
    // defineProperty: a key like "__proto__" must become an own property, not the prototype.
    Object.defineProperty(out, key, {
      value: parseParameterValue(pair.slice(eq + 1)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
