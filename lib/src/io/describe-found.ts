/**
 * Renders an input value for the `found` part of a `DataIssue`: quoted, escaped, and cut to
 * a readable length so one bad cell never floods a report.
 */
/**
 * Longest rendering of a found value, in characters (the ellipsis included, the quotes not).
 *
 * @example MAX_FOUND_LENGTH // → 60
 */
export const MAX_FOUND_LENGTH = 60;

function cut(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Describes a raw value as found in the input: `nothing` when absent, `null`, a JSON-quoted string
 * (cut to {@link MAX_FOUND_LENGTH} characters before quoting), or the JSON text of any other value.
 *
 * @example describeFound("abc") // → '"abc"'
 * @example describeFound(undefined) // → 'nothing'
 * @example describeFound(3.5) // → '3.5'
 */
export function describeFound(raw: unknown, max: number = MAX_FOUND_LENGTH): string {
  if (raw === undefined) return "nothing";
  if (raw === null) return "null";
  if (typeof raw === "string") return JSON.stringify(cut(raw, max));
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return cut(text, max);
}
