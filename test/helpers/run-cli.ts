/** Runs the `mission` CLI in-process, capturing both streams. */
import { runCli } from "../../lib/src/index";

/** What a CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `mission <args…>` in this process and returns its exit code and output. */
export async function runMission(args: readonly string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await runCli(
    [...args],
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}
