/**
 * Worker-thread entry of {@link replayParallel}: replays the missions it is given under every
 * ruleset and posts the timelines back. Not imported by the library; loaded by path.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Ruleset } from "../rules/schema";
import type { MissionHistory } from "./mission-history";
import { replayMission, type ReplayOptions } from "./replay";

/** What the parent sends. */
export interface ReplayWorkerInput {
  readonly histories: readonly MissionHistory[];
  readonly rulesets: readonly Ruleset[];
  readonly options: Omit<ReplayOptions, "missions">;
}

if (parentPort) {
  const input = workerData as ReplayWorkerInput;
  for (const h of input.histories) {
    // One message per mission: the parent reports progress and merges in order.
    parentPort.postMessage({
      missionId: h.mission.missionId,
      timelines: replayMission(h, input.rulesets, input.options),
    });
  }
  parentPort.postMessage({ done: true });
}
