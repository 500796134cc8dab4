/**
 * Run ids → mission ids as a read-only map over the fold's run index (what
 * `TaskExecutionContext.runs` needs), without a second map of every run.
 */

/** What the view reads of its owner (a `RunTaskAccumulator`). */
export interface RunMissionSource {
  readonly runCount: number;
  runIndex(runId: string): number | undefined;
  runIdAt(index: number): string;
  missionOfRun(index: number): string;
}

/**
 * Run ids → their mission id, as a read-only map over a fold's run index (what
 * `TaskExecutionContext.runs` needs, without a second map of every run). Runs whose mission is
 * invalid map to "".
 */
export class RunMissionView implements ReadonlyMap<string, string> {
  constructor(private readonly owner: RunMissionSource) {}
  get size(): number {
    return this.owner.runCount;
  }
  get(runId: string): string | undefined {
    const index = this.owner.runIndex(runId);
    return index === undefined ? undefined : this.owner.missionOfRun(index);
  }
  has(runId: string): boolean {
    return this.owner.runIndex(runId) !== undefined;
  }
  *entries(): MapIterator<[string, string]> {
    for (let i = 0; i < this.owner.runCount; i++) yield [this.owner.runIdAt(i), this.owner.missionOfRun(i)];
  }
  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): MapIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  forEach(callback: (value: string, key: string, map: ReadonlyMap<string, string>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }
}
