/**
 * Near-miss suggestions for column and field names: "column `Run ID`: did you mean `run_id`?".
 * Names are compared after normalising case and separators, then by Damerau–Levenshtein
 * distance. Pure functions, no I/O.
 */

/** Longest name, in code points, that is compared at all (longer ones are never suggested). */
const MAX_COMPARED_LENGTH = 200;
/** Longest name shown in a message before it is cut with an ellipsis. */
const MAX_SHOWN_LENGTH = 60;

/**
 * A name reduced for comparison: lower case, with every space, underscore, dash and dot removed.
 *
 * @example normaliseColumnName(" Run-ID.x_y ") // → "runidxy"
 */
export function normaliseColumnName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/gu, "");
}

/**
 * The (unrestricted) Damerau–Levenshtein distance between two strings, by code point: the fewest
 * insertions, deletions, substitutions and transpositions of two adjacent characters turning `a`
 * into `b` (Lowrance–Wagner algorithm, O(|a|·|b|) time and memory).
 *
 * @example damerauLevenshtein("status", "stauts") // → 1
 * @example damerauLevenshtein("ca", "abc") // → 2
 */
export function damerauLevenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const n = s.length;
  const m = t.length;
  const inf = n + m;
  const width = m + 2;
  const h = new Array<number>((n + 2) * width).fill(0);
  const at = (i: number, j: number): number => h[i * width + j]!;
  const set = (i: number, j: number, v: number): void => {
    h[i * width + j] = v;
  };
  set(0, 0, inf);
  for (let i = 0; i <= n; i++) {
    set(i + 1, 0, inf);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= m; j++) {
    set(0, j + 1, inf);
    set(1, j + 1, j);
  }
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= n; i++) {
    let lastMatchColumn = 0;
    for (let j = 1; j <= m; j++) {
      const i1 = lastRow.get(t[j - 1]!) ?? 0;
      const j1 = lastMatchColumn;
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      set(
        i + 1,
        j + 1,
        Math.min(
          at(i, j) + cost,
          at(i + 1, j) + 1,
          at(i, j + 1) + 1,
          at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1),
        ),
      );
    }
    lastRow.set(s[i - 1]!, i);
  }
  return at(n + 1, m + 1);
}

/**
 * The edit distance allowed between normalised names: at most 2, and at most one edit per three
 * characters of the wanted name, so that short names (`kpi`, `name`, `order`) only match a name
 * one edit away.
 *
 * @example allowedDistance("runid") // → 1
 * @example allowedDistance("status") // → 2
 */
export function allowedDistance(normalisedName: string): number {
  return Math.min(2, Math.floor(Array.from(normalisedName).length / 3));
}

/**
 * The best near miss for the name `wanted` among `candidates`, or undefined when none is close:
 * a candidate whose normalised name ({@link normaliseColumnName}) equals the wanted one's, or is
 * within {@link allowedDistance} Damerau–Levenshtein edits of it. Ties are broken by the distance
 * of the names in lower case (separators kept), then by the candidate's name in code-unit order,
 * so the answer does not depend on the candidates' order. Names longer than 200 characters are
 * never compared.
 *
 * @example suggestColumn("run_id", ["Mission", "Run ID", "Started"]) // → "Run ID"
 * @example suggestColumn("status", ["Stauts", "Owner"]) // → "Stauts"
 * @example suggestColumn("order", ["owner"]) // → undefined
 */
export function suggestColumn(wanted: string, candidates: readonly string[]): string | undefined {
  const target = normaliseColumnName(wanted);
  const targetLength = Array.from(target).length;
  if (targetLength === 0 || targetLength > MAX_COMPARED_LENGTH) return undefined;
  const limit = allowedDistance(target);
  let best: { name: string; distance: number; raw: number } | undefined;
  for (const name of new Set(candidates)) {
    const normal = normaliseColumnName(name);
    const length = Array.from(normal).length;
    if (length === 0 || length > MAX_COMPARED_LENGTH || Math.abs(length - targetLength) > limit) continue;
    const distance = normal === target ? 0 : damerauLevenshtein(target, normal);
    if (distance > limit) continue;
    if (best && distance > best.distance) continue;
    const raw = damerauLevenshtein(wanted.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance || raw < best.raw || (raw === best.raw && name < best.name)) {
      best = { name, distance, raw };
    }
  }
  return best?.name;
}

/**
 * A name as shown inside backticks in a message: cut to 60 characters with an ellipsis.
 *
 * @example shownName("Run ID") // → "Run ID"
 */
export function shownName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= MAX_SHOWN_LENGTH ? name : `${chars.slice(0, MAX_SHOWN_LENGTH - 1).join("")}…`;
}

/**
 * The sentence that points a near-miss source column at the canonical field it probably is.
 *
 * @example mappingHint("Run ID", "run_id") // → "column `Run ID`: did you mean `run_id`? map it in mapping.yaml"
 */
export function mappingHint(column: string, field: string): string {
  return `column \`${shownName(column)}\`: did you mean \`${shownName(field)}\`? map it in mapping.yaml`;
}
