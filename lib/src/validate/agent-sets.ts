/**
 * Shared, frozen lists of distinct agents: millions of run-task aggregates use a handful of agent
 * combinations, so each combination is one array shared by every aggregate that has it.
 */

/** Compares strings by UTF-16 code units (the order `foldTaskExecution` sorts agents in). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Interns sorted agent lists. {@link with} returns the list holding one more agent, always the same
 * frozen array for the same set of agents, whatever the order they were added in.
 *
 * @example
 * const sets = new AgentSets();
 * const ab = sets.with(sets.with(sets.empty, "B"), "A");
 * [ab, ab === sets.with(sets.with(sets.empty, "A"), "B")] // → [["A", "B"], true]
 */
export class AgentSets {
  /** The empty list. */
  readonly empty: readonly string[] = Object.freeze([]);
  /** List → agent → the list with that agent added. */
  private readonly next = new Map<readonly string[], Map<string, readonly string[]>>();
  /** Sorted agents joined by U+0000 → the list (one array per set). */
  private readonly byKey = new Map<string, readonly string[]>();

  /** One-agent lists, by agent (the common case, looked up directly). */
  private readonly singles = new Map<string, readonly string[]>();
  /** Every list handed out, by id (0: the empty list). */
  private readonly lists: (readonly string[])[] = [this.empty];
  private readonly ids = new Map<readonly string[], number>([[this.empty, 0]]);

  /** The list with id `id` (see {@link withId}). */
  list(id: number): readonly string[] {
    return this.lists[id]!;
  }

  /** Every list handed out so far, by id (see {@link withId}); a snapshot copy. */
  allLists(): (readonly string[])[] {
    return [...this.lists];
  }

  /** Id of each one-agent list, by agent. */
  private readonly singleIds = new Map<string, number>();

  /** Like {@link with}, on list ids: the id of list `id` with `agent` added (0 is the empty list). */
  withId(id: number, agent: string): number {
    if (id === 0) {
      const single = this.singleIds.get(agent);
      if (single !== undefined) return single;
    }
    const list = this.with(this.lists[id]!, agent);
    let next = this.ids.get(list);
    if (next === undefined) {
      next = this.lists.length;
      this.lists.push(list);
      this.ids.set(list, next);
    }
    if (id === 0) this.singleIds.set(agent, next);
    return next;
  }

  /** The interned list of `agents` (distinct, sorted) with `agent` added; `agents` if it has it. */
  with(agents: readonly string[], agent: string): readonly string[] {
    if (agents.length === 0) {
      let single = this.singles.get(agent);
      if (!single) {
        single = this.byKey.get(agent) ?? Object.freeze([agent]);
        this.byKey.set(agent, single);
        this.singles.set(agent, single);
      }
      return single;
    }
    if (agents.length === 1 && agents[0] === agent) return agents;
    let added = this.next.get(agents);
    if (!added) {
      added = new Map();
      this.next.set(agents, added);
    }
    const known = added.get(agent);
    if (known) return known;
    let result = agents;
    if (!agents.includes(agent)) {
      const sorted = [...agents, agent].sort(byCodeUnits);
      const key = sorted.join("\u0000");
      result = this.byKey.get(key) ?? Object.freeze(sorted);
      this.byKey.set(key, result);
    }
    added.set(agent, result);
    return result;
  }
}
