/**
 * Every sub-command of the `mission` CLI, in the order `mission --help` lists them.
 * Add a command by writing `commands/<name>.ts` exporting a {@link RegisterCommand} and listing it here.
 */
import type { RegisterCommand } from "../command-context";
import { registerCheck } from "./check";
import { registerLedger } from "./ledger";
import { registerEvaluate } from "./evaluate";
import { registerNotebookCommand } from "./notebook";
import { registerGenerateCommand } from "./generate";
import { registerBriefCommand } from "./brief";
import { registerRenderCommand } from "./render";
import { registerTestRules } from "./test-rules";
import { registerBacktest } from "./backtest";
import { registerSweep } from "./sweep";
import { registerDiff } from "./diff";
import { registerImport } from "./import";

export const COMMANDS: readonly RegisterCommand[] = [
  // Workflow order: look at the data, evaluate it, report, explore …
  registerImport, // import (issue: sources)
  registerCheck, // check (issue: foundation)
  registerEvaluate, // evaluate (issue: evaluation engine)
  registerBriefCommand, // brief (issue: executive brief)
  registerRenderCommand, // render (issue 12: executive brief v2)
  registerLedger, // ledger (issue 13: DuckDB ingest)
  registerNotebookCommand, // notebook (issue: Notebooks)
  // … then validate the rules …
  registerTestRules, // test-rules (issue: rule validation)
  registerBacktest, // backtest (issue: rule validation)
  registerSweep, // sweep (issue: rule validation)
  registerDiff, // diff (issue: rule validation)
  // … then make data.
  registerGenerateCommand, // generate (issue: demo data generator)
];
