/**
 * TypeScript source for plain values: what the injected-parameters cell assigns.
 */

/**
 * A TypeScript string literal for `s`, double-quoted, with every character that could end or
 * break the literal escaped (quotes, backslashes, control characters, U+2028/U+2029).
 *
 * @example typeScriptString('say "hi"\n') // → '"say \\"hi\\"\\n"'
 */
export function typeScriptString(s: string): string {
  return JSON.stringify(s)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (Object.is(n, -0)) return "-0";
  return String(n);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function literal(value: unknown, seen: readonly object[]): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return numberLiteral(value);
    case "string":
      return typeScriptString(value);
    case "object":
      break;
    default:
      throw new TypeError(`cannot write a ${typeof value} as a TypeScript literal`);
  }
  if (seen.includes(value)) throw new TypeError("cannot write a circular structure as a TypeScript literal");
  const inner = [...seen, value];
  if (Array.isArray(value)) return `[${value.map((v: unknown) => literal(v, inner)).join(", ")}]`;
  if (!isPlainObject(value)) {
    throw new TypeError(
      `cannot write a ${value.constructor?.name ?? "non-plain"} object as a TypeScript literal`,
    );
  }
  const entries = Object.entries(value).map(([key, v]) => {
    // A quoted "__proto__" key in an object literal sets the prototype; a computed key does not.
    const name = key === "__proto__" ? `[${typeScriptString(key)}]` : typeScriptString(key);
    return `${name}: ${literal(v, inner)}`;
  });
  return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
}

/**
 * TypeScript source for a JSON-like value: null, booleans, numbers (including NaN, ±Infinity, −0),
 * strings, arrays and plain objects (keys always quoted, `__proto__` written as a computed key so it
 * stays an own property), and `undefined`.
 *
 * @throws TypeError for functions, symbols, bigints, class instances and circular structures.
 * @example toTypeScriptLiteral({ region: "EU", years: [2024, 2025], strict: true })
 *   // → '{ "region": "EU", "years": [2024, 2025], "strict": true }'
 */
export function toTypeScriptLiteral(value: unknown): string {
  return literal(value, []);
}
