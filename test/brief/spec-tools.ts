/** Helpers for inspecting Vega-Lite specs in tests (not a test file). */

export type Json = Record<string, unknown>;

/** Every object in the spec tree, depth first. */
export function nodes(spec: unknown): Json[] {
  const out: Json[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (n && typeof n === "object") {
      out.push(n as Json);
      for (const [k, v] of Object.entries(n)) if (k !== "values") visit(v);
    }
  };
  visit(spec);
  return out;
}

/** Every `data` property in the spec tree. */
export function dataNodes(spec: unknown): Json[] {
  return nodes(spec).flatMap((n) => (n.data && typeof n.data === "object" ? [n.data as Json] : []));
}

/** Unit specs (objects with a `mark`), with their mark type. */
export function units(spec: unknown): { type: string; unit: Json }[] {
  return nodes(spec).flatMap((n) => {
    if (n.mark === undefined) return [];
    const type = typeof n.mark === "string" ? n.mark : String((n.mark as Json).type);
    return [{ type, unit: n }];
  });
}

/** The encoding channel `channel` of a unit, merged with the encoding of its parent layer spec. */
export function enc(unit: Json, channel: string, parent?: Json): Json | undefined {
  const own = (unit.encoding as Json | undefined)?.[channel];
  const inherited = (parent?.encoding as Json | undefined)?.[channel];
  return (own ?? inherited) as Json | undefined;
}

/** Asserts (by returning the problems) that every data node holds inline `values` only. */
export function nonInlineData(spec: unknown): string[] {
  return dataNodes(spec).flatMap((d) => {
    const keys = Object.keys(d);
    return keys.length === 1 && keys[0] === "values" && Array.isArray(d.values) ? [] : [JSON.stringify(d)];
  });
}

/** Subtitle lines of a spec. */
export function subtitle(spec: { title: { subtitle?: string | string[] } }): string[] {
  const s = spec.title.subtitle;
  return s === undefined ? [] : typeof s === "string" ? [s] : s;
}
