/**
 * mission-lib — the public entry of the Mission Orchestrator library. Every export is listed by
 * name; notebooks, the CLI and the tests import from here only.
 */

// ── Data model ────────────────────────────────────────────────────────────────────────────
export type {
  KpiDirection,
  AiRole,
  RunStatus,
  TaskOutcome,
  RiskSeverity,
  RiskStatus,
  Mission,
  KpiSpec,
  TaskDefinition,
  Run,
  RunTaskStat,
  RiskEvent,
  DatasetFormat,
  FileFormat,
  SourceFile,
  DatasetSource,
  Dataset,
} from "./model/dataset";
export {
  KPI_DIRECTIONS,
  AI_ROLES,
  RUN_STATUSES,
  TASK_OUTCOMES,
  RISK_SEVERITIES,
  RISK_STATUSES,
} from "./model/dataset";
export type { RunTaskStatColumns, RunStatsLookup, RunIndex, WholeColumn } from "./model/run-task-stat-table";
export { RunTaskStatTable, runTaskStatTableFrom, runStatsLookup } from "./model/run-task-stat-table";
export type { IssueSeverity, DataIssue } from "./model/issues";
export {
  MAX_REPORTED_ERRORS,
  formatIssue,
  DatasetLoadError,
  PLAUSIBILITY_CODES,
  PLAUSIBILITY_MESSAGES,
} from "./model/issues";

// ── Loading and validation ────────────────────────────────────────────────────────────────
// Layout detection and the whole-folder loader (canonical tables or the reference JSON bundle).
export type { LoadOptions } from "./load/load-dataset";
export { loadDataset } from "./load/load-dataset";
// Sources: Langfuse exports, OTLP JSON spans, event logs → the canonical tables (docs/sources.md).
export type { SourceKind } from "./ingest/sources/detect";
export { detectSourceKind, SOURCE_KINDS } from "./ingest/sources/detect";
export type {
  SourceOptions,
  SourceReading,
  ImportOptions,
  ImportResult,
} from "./ingest/sources/import-source";
export { importSource, loadSourceFolder } from "./ingest/sources/import-source";
export type { SourceConfig } from "./ingest/sources/config";
export { parseSourceConfig } from "./ingest/sources/config";
export { LocationColumn } from "./io/location-column";
export { StringPool } from "./validate/string-pool";
export type { DatasetLayout, CanonicalTable, TableFile } from "./ingest/dataset-layout";
export {
  detectDatasetFormat,
  CANONICAL_TABLES,
  REQUIRED_CANONICAL_TABLES,
  BUNDLE_FILES,
} from "./ingest/dataset-layout";
export type { ProgressEvent, ProgressListener, ReadProgress, EvaluateProgress } from "./ingest/progress";
export type { RecordLocation, SourceRecord } from "./io/source-record";
export { datasetFingerprint } from "./io/fingerprint";
export { describeFound, MAX_FOUND_LENGTH } from "./io/describe-found";
// Task executions: the record validator (the fold itself runs in DuckDB, ingest/task-executions).
export type { TaskExecution, TaskExecutionContext } from "./validate/task-executions";
export { createTaskExecutionContext, validateTaskExecution } from "./validate/task-executions";
// Field parsers, issue collection, summary.
export type { Parsed, NumberRule } from "./validate/field-parsers";
export { parseNumber, parseBoolean } from "./validate/field-parsers";
export type { Instant } from "./validate/timestamps";
export {
  checkTimestampRange,
  checkConfusables,
  confusableSkeleton,
  mixedScripts,
  CONFUSABLE_SKELETON,
  FUTURE_TOLERANCE_MS,
} from "./validate/plausibility";
export type { LocatedTimestamp } from "./validate/plausibility";
export { parseTimestamp, parseDate } from "./validate/timestamps";
export { IssueCollector } from "./validate/issue-collector";
export type { DatasetSummary } from "./validate/summary";
export { summarizeDataset } from "./validate/summary";
export { formatDatasetSummary } from "./cli/commands/check";

// ── Statistics ────────────────────────────────────────────────────────────────────────────
export { logGamma, logFactorial, logChoose } from "./stats/log-gamma";
export { normalPdf, normalCdf, normalUpperTail, normalQuantile } from "./stats/normal";
export { binomialPmf, binomialLowerTail, binomialUpperTail } from "./stats/binomial";
export { poissonPmf, poissonLowerTail, poissonUpperTail } from "./stats/poisson";
export { quantile, quantiles, median } from "./stats/quantile";
export { MAD_NORMAL_CONSTANT, mad, scaledMad } from "./stats/mad";
export type { XmrCentre, XmrOptions, XmrSignal, XmrChart } from "./stats/control-chart";
export { XMR_LIMIT_FACTOR, XMR_RANGE_LIMIT_FACTOR, xmrChart } from "./stats/control-chart";
export { tieGroupSizes, kendallVarianceS } from "./stats/kendall-ties";
export type { MannKendallNullDistribution } from "./stats/mann-kendall-exact";
export { MANN_KENDALL_EXACT_MAX_N, mannKendallNullDistribution } from "./stats/mann-kendall-exact";
export type {
  MannKendallMethod,
  MannKendallOptions,
  MannKendallTies,
  MannKendallResult,
} from "./stats/mann-kendall";
export { MANN_KENDALL_DEFAULT_EXACT_MAX_N, mannKendall } from "./stats/mann-kendall";
export type { SenSlopeOptions, SenSlopeResult } from "./stats/sen-slope";
export { SEN_SLOPE_MAX_N, senSlope } from "./stats/sen-slope";
export type {
  PoissonRateTestInput,
  RateAlternative,
  PoissonRateTestOptions,
  PoissonRateTestResult,
} from "./stats/poisson-rate-test";
export { poissonRateTest } from "./stats/poisson-rate-test";
export { lagAutocorrelation, biasCorrectedLag1 } from "./stats/autocorrelation";
export { yueWangFactor, hamedRaoFactor, modifiedMannKendall } from "./stats/modified-mann-kendall";
export type { ModifiedMannKendallResult } from "./stats/modified-mann-kendall";
export { benjaminiHochberg, benjaminiYekutieli } from "./stats/fdr";
export { pettitt } from "./stats/pettitt";
export type { PettittResult } from "./stats/pettitt";
export { wilsonInterval } from "./stats/wilson";
export type { WilsonInterval } from "./stats/wilson";
export { stepVersusLine } from "./stats/segment-fit";
export type { StepVersusLine, StepFit, LineFit } from "./stats/segment-fit";
export { hingeFit } from "./stats/hinge-fit";
export type { HingeFit } from "./stats/hinge-fit";
export { hampelOutlier } from "./stats/robust-limits";
export type { HampelResult } from "./stats/robust-limits";
export { countTrendTest } from "./stats/count-trend";
export type { CountTrendResult } from "./stats/count-trend";
export { rankSumTest } from "./stats/rank-sum";
export type { RankSumResult } from "./stats/rank-sum";
export type { Rng } from "./stats/random";
export { createRng } from "./stats/random";

// ── Rulesets ──────────────────────────────────────────────────────────────────────────────
export {
  RulesetSchema,
  RulesetDocumentSchema,
  SeveritySchema,
  BandSchema,
  TRIGGER_IDS,
  MAX_RUNS,
  MAX_PAIRWISE_RUNS,
} from "./rules/schema";
export { checkRulesetRelations, WEIGHT_SUM_TOLERANCE } from "./rules/relations";
export type { Ruleset, TriggerId, Severity, Band } from "./rules/schema";
export { parseRuleset, withRulesetValue, withRulesetValues } from "./rules/parse-ruleset";
export { RulesetError } from "./rules/ruleset-error";
export type { RulesetIssue } from "./rules/ruleset-error";
export { BUILTIN_RULESETS, RULESET_FOLDER, builtinRuleset, loadRuleset } from "./rules/load-ruleset";
export type { BuiltinRulesetName } from "./rules/load-ruleset";

// ── Evaluation ────────────────────────────────────────────────────────────────────────────
export type {
  LedgerEntry,
  ExcludedRun,
  Ledger,
  TrendLabel,
  TrendAssessment,
  TrajectoryStatus,
  TrajectoryAssessment,
  AutonomyAssessment,
  BottleneckStatus,
  BottleneckDriver,
  TaskFriction,
  StabilityAssessment,
  RiskAssessment,
  KpiFigures,
  FrictionAverages,
  Subscores,
  MissionMetrics,
  Evidence,
  Trigger,
  ConfidenceLevel,
  Confidence,
  PrimaryDriver,
  GovernanceFinding,
  MissionAssessment,
  PortfolioAssessment,
  EvaluateOptions,
  EvaluationResult,
  SerialCorrelation,
  LevelShift,
  AlarmQValues,
  NotStartedMission,
} from "./evaluate/types";
export type { KpiLevel, KpiExcursion, CalendarPace } from "./evaluate/kpi-level";
export { kpiLevel, kpiExcursion, calendarPace, levelMeetsTarget } from "./evaluate/kpi-level";
export { adjustAlarms, trendAlarmP } from "./evaluate/alarm-adjustment";

// ── Calibration (seeded simulations of realistic telemetry) ───────────────────────────────
export { runCalibration, runScenario, selectScenarios } from "./calibrate/run-calibration";
export type {
  CalibrationOptions,
  CalibrationReport,
  CalibrationSize,
  ScenarioResult,
} from "./calibrate/run-calibration";
export { CALIBRATION_SCENARIOS, CALIBRATION_GROUPS } from "./calibrate/scenarios";
export type { CalibrationScenario, CalibrationOutcome } from "./calibrate/scenarios";
export { calibrationMarkdown } from "./calibrate/calibration-markdown";
export { evaluate } from "./evaluate/evaluate";
export { asOfToMs } from "./evaluate/as-of";
export { buildLedger } from "./evaluate/ledger";
// The per-run ledger as a table a warehouse can compute (ingest/ledger.ts, docs/scale.md).
export type { LedgerFormat } from "./ingest/ledger";
export { LEDGER_SQL, LEDGER_RUN_COLUMNS, LEDGER_TASK_COLUMNS, writeLedger } from "./ingest/ledger";
export { missionMetrics } from "./evaluate/mission-metrics";
export type { MissionInput } from "./evaluate/mission-metrics";
export { missionTriggers } from "./evaluate/triggers";
export { assessMission, missionBand } from "./evaluate/assess-mission";
export { assessPortfolio } from "./evaluate/assess-portfolio";
export { assessTrend } from "./evaluate/trend";
export { assessTrajectory } from "./evaluate/trajectory";
export type { TrajectoryInput } from "./evaluate/trajectory";
export { assessAutonomy, autonomyLevel } from "./evaluate/autonomy";
export { assessBottlenecks } from "./evaluate/bottlenecks";
export type { BottleneckInput } from "./evaluate/bottlenecks";
export { frictionAverages, frictionSubscore } from "./evaluate/friction";
export { assessStability, coefficientOfVariation } from "./evaluate/stability";
export { assessRisk } from "./evaluate/risk";
export { outcomeSubscore, trendSubscore, healthScore, bandOfScore, worseBand } from "./evaluate/health";
export { kpiFigures, meetsTarget } from "./evaluate/figures";
export { isBetter, isFlat, improvementPct, round, formatP } from "./evaluate/kpi-compare";
export { missionConfidence, portfolioConfidence, lowerLevel } from "./evaluate/confidence";
export { rankTriggers, primaryDriver } from "./evaluate/primary-driver";
export { fillTemplate, missionAction } from "./evaluate/actions";
export { governanceFindings } from "./evaluate/governance";
export { recent, mean, clamp } from "./evaluate/window";
export { summarizeEvaluation } from "./evaluate/summary";
export type { EvaluationSummary, MissionSummary } from "./evaluate/summary";
export { formatSummary } from "./evaluate/format-summary";

// ── Charts and brief ──────────────────────────────────────────────────────────────────────
// Chart specs (Vega-Lite 6, data inline, project theme); inputs are plain per-chart types.
export type { ChartStatus, ChartSizeOptions, ChartSpec, ChartTitle } from "./brief/charts/theme";
export {
  VEGA_LITE_SCHEMA,
  CHART_FONT,
  CHART_STATUSES,
  CHART_COLORS,
  CHART_PALETTE,
  CHART_SIZES,
  STATUS_COLORS,
  STATUS_TINTS,
  STATUS_LABELS,
  STATUS_SHAPES,
  chartConfig,
} from "./brief/charts/theme";
export type {
  KpiTrendPoint,
  KpiTrendEndpoint,
  KpiTrendLine,
  KpiTrendChartInput,
  KpiTrendChartOptions,
} from "./brief/charts/kpi-trend";
export { kpiTrendChartSpec } from "./brief/charts/kpi-trend";
export type {
  HumanTouchesRun,
  HumanTouchesChartInput,
  HumanTouchesChartOptions,
} from "./brief/charts/human-touches";
export { humanTouchesChartSpec } from "./brief/charts/human-touches";
export type {
  FrictionDriver,
  BottleneckTask,
  BottlenecksChartInput,
  BottlenecksChartOptions,
} from "./brief/charts/bottlenecks";
export { bottlenecksChartSpec, FRICTION_DRIVERS, FRICTION_DRIVER_STYLE } from "./brief/charts/bottlenecks";
export type {
  PortfolioMission,
  HealthThresholds,
  PortfolioStatusChartInput,
} from "./brief/charts/portfolio-status";
export { portfolioStatusChartSpec, statusForHealth } from "./brief/charts/portfolio-status";
export type { AutonomyMission, AutonomyChartInput } from "./brief/charts/autonomy";
export { autonomyChartSpec } from "./brief/charts/autonomy";
export type {
  StatusTimelineCell,
  StatusTimelineChartInput,
  StatusTimelineChartOptions,
} from "./brief/charts/status-timeline";
export { statusTimelineChartSpec } from "./brief/charts/status-timeline";
export type { ConfusionCount, ConfusionMatrixChartInput } from "./brief/charts/confusion-matrix";
export { confusionMatrixChartSpec } from "./brief/charts/confusion-matrix";
export type { ThresholdSweepPoint, ThresholdSweepChartInput } from "./brief/charts/threshold-sweep";
export { thresholdSweepChartSpec } from "./brief/charts/threshold-sweep";
export type { DelayHeatmapCell, DelayHeatmapChartInput } from "./brief/charts/delay-heatmap";
export { delayHeatmapChartSpec } from "./brief/charts/delay-heatmap";
// SVG rendering in Node (no file or network access), figures.
export type { RenderChartSvgOptions, ChartFigureOptions } from "./brief/render-svg";
export {
  renderChartSvg,
  chartFigure,
  inlineSvg,
  sanitizeSvg,
  refusingLoader,
  ExternalResourceError,
} from "./brief/render-svg";
export { textWidth, fitText } from "./brief/text-metrics";
// Safe HTML and the self-contained document shell.
export type { HtmlValue } from "./brief/html";
export {
  escapeHtml,
  escapeAttribute,
  html,
  raw,
  joinHtml,
  safeUrl,
  isSafeHtml,
  SafeHtml,
} from "./brief/html";
export type { HtmlDocumentInput, PaperSize } from "./brief/document";
export { htmlDocument, briefCss, BRIEF_CSP, PAGE_MARGINS } from "./brief/document";
// PDF with the system Chromium.
export type { RenderPdfOptions } from "./brief/render-pdf";
export {
  renderPdf,
  renderPdfToFile,
  CHROMIUM_ARGS,
  PdfTimeoutError,
  defaultChromiumProfilesDir,
  removeStaleProfiles,
} from "./brief/render-pdf";
export type { FindChromiumOptions } from "./io/find-chromium";
export {
  findChromium,
  ChromiumNotFoundError,
  CHROMIUM_ENV_VARS,
  CHROMIUM_CANDIDATES,
} from "./io/find-chromium";
// The executive brief: model (plain data, every figure formatted), HTML, PDF, files.
export type {
  BriefOptions,
  BriefSourceInfo,
  BriefHealthBands,
  BriefChart,
  BriefFact,
  BriefDataInputs,
  BriefSnapshot,
} from "./brief/brief-types";
// Secondary KPIs, judged with the primary KPI's trend machinery (the brief's "Other KPIs").
export type { SecondaryKpiAssessment } from "./evaluate/secondary-kpis";
export { secondaryKpiAssessments } from "./evaluate/secondary-kpis";
// The brief as a versioned JSON file, and "what changed since" an earlier brief.
export { BRIEF_JSON_VERSION, BriefJsonError, briefJson, parseBriefJson } from "./brief/brief-json";
export type { SinceModel } from "./brief/sections/since";
export { briefSnapshot, sinceModel } from "./brief/sections/since";
export type { RiskRegisterModel, RiskRow } from "./brief/sections/risks";
export type { JudgedModel, JudgedMission, JudgedRule } from "./brief/sections/judged";
export type { SevenQuestionsModel, MissionQuestions, QuestionAnswer } from "./brief/sections/seven-questions";
export type { ActionEffect, SecondaryKpiWords } from "./brief/sections/plain";
export type { BriefModel } from "./brief/brief-model";
export {
  DEFAULT_BRIEF_TITLE,
  buildBriefModel,
  briefCharts,
  resolveBriefOptions,
  weakestFirst,
} from "./brief/brief-model";
export type { VerdictModel } from "./brief/sections/verdict";
export type { PrimaryIssueModel } from "./brief/sections/primary-issue";
export type { TrajectoryModel, ConstrainedMission } from "./brief/sections/trajectory";
export { healthBandsFromEvidence } from "./brief/sections/trajectory";
export type { ProofModel, ProofItem } from "./brief/sections/proof";
export type { FocusModel } from "./brief/sections/focus";
export type { AutonomyModel, AutonomyRow, TouchGroup } from "./brief/sections/autonomy";
export type { MissionTableModel, MissionRow } from "./brief/sections/mission-table";
export type { MissionDetailsModel, MissionDetail } from "./brief/sections/mission-detail";
export { trendLineOnRuns } from "./brief/sections/mission-detail";
export type { GovernanceModel, GovernanceGap, SourceFileLine } from "./brief/sections/governance";
export type { KpiText, LabelledFigure } from "./brief/kpi-text";
export { kpiText } from "./brief/kpi-text";
export {
  formatPercent,
  formatScore,
  formatKpiValue,
  kpiDecimals,
  kpiLabel,
  unitSymbol,
} from "./brief/format";
export type { RenderBriefHtmlOptions } from "./brief/render-brief";
export { renderBriefHtml, renderBriefModelHtml } from "./brief/render-brief";
export { BRIEF_LAYOUT_CSS } from "./brief/brief-css";
export type { BriefPdfOptions } from "./brief/brief-pdf";
export { renderBriefPdf, documentTitle } from "./brief/brief-pdf";
export type { BriefFiles, WrittenBrief } from "./brief/write-brief";
export { writeBrief, briefFileName, isBriefName } from "./brief/write-brief";

// ── Notebook helpers ──────────────────────────────────────────────────────────────────────
export {
  parseNotebook,
  serializeNotebook,
  cellSource,
  sourceLines,
  cellTags,
  outputText,
  NotebookFormatError,
} from "./notebook/ipynb";
export type { Notebook, NotebookCell, NotebookOutput } from "./notebook/ipynb";
export { typeScriptString, toTypeScriptLiteral } from "./notebook/ts-literal";
export {
  NotebookParameterError,
  isParameterName,
  parseParameterValue,
  parseParameterPairs,
} from "./notebook/parameters";
export type { NotebookParameters } from "./notebook/parameters";
export {
  PARAMETERS_TAG,
  INJECTED_PARAMETERS_TAG,
  RUN_METADATA_KEY,
  findParameterDeclarations,
  buildInjectedSource,
  clearOutputs,
  injectParameters,
} from "./notebook/inject-parameters";
export type { ParameterDeclaration } from "./notebook/inject-parameters";
export {
  recordExecutionOutcome,
  describeErrorText,
  findFailingCell,
  formatCellFailure,
} from "./notebook/cell-failure";
export type { CellFailure, CellFailureReason, ExecutionOutcome } from "./notebook/cell-failure";
export { EXECUTION_DRIVER_SOURCE, parseDriverReport } from "./notebook/execution-driver";
export type { DriverReport } from "./notebook/execution-driver";
export {
  removeExternalScripts,
  externalReferences,
  svgLabel,
  svgImageTag,
  svgOutputsAsImages,
} from "./notebook/html-export";
export type { StrippedHtml } from "./notebook/html-export";
export { jupyterDirs, jupyterEnvironment } from "./notebook/jupyter-env";
export type { JupyterDirs } from "./notebook/jupyter-env";
export {
  DEFAULT_VEGALITE_MAJOR,
  vegaLiteMimeType,
  chartMimeBundle,
  isTslabKernel,
  tslabDisplaySink,
  displayChart,
} from "./notebook/chart-display";
export type { MimeBundle, DisplaySink, SvgRenderer, ChartDisplayOptions } from "./notebook/chart-display";
export { flattenRecord, toTable, toDataFrame } from "./notebook/data-frame";
export type { FlatValue, ColumnDtype, FlattenOptions, TableOptions, Table } from "./notebook/data-frame";
export {
  MISSION_COLUMNS,
  KPI_COLUMNS,
  TASK_COLUMNS,
  RUN_COLUMNS,
  RUN_TASK_STAT_COLUMNS,
  RISK_EVENT_COLUMNS,
  runFrameColumns,
  datasetToFrames,
} from "./notebook/dataset-frames";
export type { DatasetFrames } from "./notebook/dataset-frames";
// SQL over a loaded dataset (DuckDB tables registered once per dataset object).
export { sql, sqlRows, releaseSql, SqlQueryError } from "./notebook/sql";
export type { SqlResult } from "./notebook/sql";
// Chart inputs from a dataset (one mission's history) and an evaluation as rows / DataFrames.
export {
  HEATMAP_MEASURES,
  runsOfMission,
  kpiTrendInput,
  runTaskStatIndex,
  humanTouchesInput,
  delayHeatmapInput,
} from "./notebook/chart-inputs";
export type { KpiTrendInputOptions, HeatmapMeasure } from "./notebook/chart-inputs";
export {
  LEDGER_COLUMNS,
  ledgerRows,
  ledgerToFrame,
  metricsRows,
  metricsToFrame,
} from "./notebook/evaluation-frames";
export type { LedgerRow, MetricsRow } from "./notebook/evaluation-frames";
export { formatCell, frameHtml, displayFrame, htmlFrame } from "./notebook/frame-display";
export type {
  TableLike,
  FrameHtmlOptions,
  DisplayFrameOptions,
  HtmlFrameOptions,
} from "./notebook/frame-display";
export {
  rulesetComparisonRows,
  portfolioHealthInput,
  confusionMatrixInput,
  backtestRows,
} from "./notebook/ruleset-comparison";
export type { RulesetComparisonRow, BacktestRow } from "./notebook/ruleset-comparison";
export {
  NotebookRunError,
  findJupyterProjectRoot,
  defaultJupyterPython,
  runNotebook,
} from "./io/notebook-runner";
export type { NotebookRunOptions, NotebookRunResult } from "./io/notebook-runner";

// ── Rule validation ───────────────────────────────────────────────────────────────────────
export { datasetFromInline, InlineMissionSchema } from "./validation/inline-history";
export type { InlineMission } from "./validation/inline-history";
// Incremental mission series (the accumulator behind evaluate() and the backtest replay).
export { MissionSeries } from "./evaluate/mission-series";
export { TaskRunningTotals } from "./evaluate/task-running-totals";
export type { SeriesConfig, SeriesContext, SummedField, TaskTotals } from "./evaluate/mission-series";
export { RunningMedian } from "./evaluate/running-median";
export { welford } from "./evaluate/welford";
export { missionMetricsOf, seriesConfig, seriesTaskIds, metricsRulesKey } from "./evaluate/mission-metrics";
export { assessAutonomyOf } from "./evaluate/autonomy";
export { frictionAveragesOf } from "./evaluate/friction";
export { assessBottlenecksOf } from "./evaluate/bottlenecks";
export { assessStabilityOf } from "./evaluate/stability";
export { assessRiskOf } from "./evaluate/risk";
export { compareEntries, ledgerEntry } from "./evaluate/ledger";
export type { RunAggregate } from "./evaluate/ledger";
export type { MissionContext } from "./evaluate/mission-metrics";
export { MANN_KENDALL_NULL_CACHE_SIZE, inversionProbabilitiesByBoxes } from "./stats/mann-kendall-null-cache";
export { mannKendallFromStatistic } from "./stats/mann-kendall";
export { SlidingTrendWindow } from "./evaluate/sliding-trend";
export type { SlidingSen } from "./evaluate/sliding-trend";
export type { TrendWindowStats } from "./evaluate/trend";
export { stageKeys, seriesKey, memoized } from "./evaluate/stage-memo";
export type { StageMemo, StageKeys } from "./evaluate/stage-memo";
// Replay: status timelines as of every run, linear in the runs.
export { missionHistories } from "./validation/mission-history";
export type { MissionHistory, VisibleRiskEvent } from "./validation/mission-history";
export { replay, replayMany, replayMission } from "./validation/replay";
export type { TimelinePoint, MissionTimeline, ReplayResult, ReplayOptions } from "./validation/replay";
// Labels and backtests.
export { LABEL_COLUMNS, LabelsError, formatLabelIssue, parseLabels } from "./validation/labels";
export type { LabelRow, LabelIssue } from "./validation/labels";
export { resolveLabels, readLabels } from "./validation/resolve-labels";
export type { ReadLabelsOptions } from "./validation/resolve-labels";
export type { ResolvedLabel } from "./validation/resolve-labels";
export {
  STATUS_ORDER,
  confusionMatrix,
  statusScores,
  accuracy,
  cohensKappa,
  alertScores,
} from "./validation/agreement";
export type { ConfusionMatrix, StatusScore, AlertScore } from "./validation/agreement";
export { detectionDelays } from "./validation/detection";
export type { DetectionEvent, DetectionSummary, DetectionTimeline } from "./validation/detection";
export { flapping } from "./validation/flapping";
export type { MissionFlapping, FlappingSummary } from "./validation/flapping";
export { statusEvidence, formatEvidence as formatEvidenceLine } from "./validation/status-evidence";
export type { StatusEvidence } from "./validation/status-evidence";
export {
  backtest,
  backtestParallel,
  backtestReport,
  scoreTimelines,
  labelInstants,
  backtestToJson,
} from "./validation/backtest";
export { replayParallel, REPLAY_WORKER_SCRIPT } from "./validation/replay-parallel";
export type { ParallelReplayOptions } from "./validation/replay-parallel";
export type { LabelCase, Disagreement, BacktestMetrics, BacktestReport } from "./validation/backtest";
export {
  formatBacktest,
  formatBacktestMetrics,
  formatStatusEvidence,
  fixed,
} from "./validation/format-backtest";
export {
  validationReportHtml,
  timelineCells,
  TIMELINE_MAX_MISSIONS,
  TIMELINE_MAX_COLUMNS,
} from "./validation/validation-report";
// Threshold sweeps and ruleset comparison.
export {
  SWEEP_MAX_POINTS,
  SweepParamError,
  parseSweepParam,
  sweepGrid,
  sweepRulesets,
} from "./validation/sweep-grid";
export type { SweepParam } from "./validation/sweep-grid";
export {
  sweep,
  sweepParallel,
  sweepSteps,
  sweepRows,
  sweepCsv,
  sweepChartSpecs,
  SWEEP_STATUS_COLUMNS,
} from "./validation/sweep";
export type { SweepPoint, SweepResult, SweepProgress, SweepRow } from "./validation/sweep";
export { diffEvaluations, formatRulesetDiff } from "./validation/ruleset-diff";
export type { DiffField, MissionDifference, RulesetDiff } from "./validation/ruleset-diff";
// Rule tests.
export {
  BAND_GATES,
  MISSION_EXPECTATIONS,
  CheckpointSchema,
  RuleTestCaseSchema,
  RuleTestFileSchema,
} from "./validation/rule-test-schema";
export type { BandGate, RuleId, Checkpoint, RuleTestCase, RuleTestFile } from "./validation/rule-test-schema";
export { parseRuleTests, RuleTestFileError } from "./validation/parse-rule-tests";
export type { RuleTestFileIssue, ParsedRuleTests } from "./validation/parse-rule-tests";
export { runRuleTests } from "./validation/rule-test-runner";
export type {
  CheckDiff,
  CheckResult,
  CaseResult,
  RuleObservations,
  RuleTestRun,
} from "./validation/rule-test-runner";
export { ruleCoverage } from "./validation/rule-coverage";
export type { RuleCoverage } from "./validation/rule-coverage";
export { escapeXml, junitXml, caseFailureText } from "./validation/junit";
export { formatRuleTestRun, formatRuleTestSummary } from "./validation/format-rule-tests";

// ── Demo data generation ──────────────────────────────────────────────────────────────────
export type { GenerateOptions, GeneratePreset, IntRange, GenerateFormat } from "./generate/options";
export {
  DEFAULT_GENERATE_OPTIONS,
  DEMO_SEED,
  GENERATE_LIMITS,
  resolveGenerateOptions,
  GENERATE_FORMATS,
  parseGenerateFormat,
  parseIntRange,
  parseWholeNumber,
} from "./generate/options";
export type { StoryName, StoryProfile, Trend } from "./generate/profiles";
export {
  STORY_NAMES,
  STORY_PROFILES,
  randomProfile,
  profileFor,
  trendAt,
  kpiGapAt,
} from "./generate/profiles";
export type { Domain, KpiPlan, TaskPlan, Bottleneck, RiskType, MissionPlan } from "./generate/mission-plan";
export type { DomainTemplate, KpiTemplate, TaskTemplate } from "./generate/catalog";
export { DOMAIN_TEMPLATES, REGIONS } from "./generate/catalog";
export { logNormalWithMean, weightedIndex, pickUniform } from "./generate/random";
export { planRandomMission } from "./generate/random-mission";
export { demoMissionPlans } from "./generate/demo-preset";
export type { TaskExecutionRow, RunRecord } from "./generate/simulate-run";
export { simulateRun } from "./generate/simulate-run";
export type { RunSchedule } from "./generate/mission-runs";
export { missionRuns } from "./generate/mission-runs";
export type { Portfolio } from "./generate/portfolio";
export {
  planPortfolio,
  missionRows,
  kpiRows,
  taskRows,
  runRecords,
  runRows,
  taskExecutionRows,
  riskEventRows,
} from "./generate/portfolio";
export type { GeneratedTable, GeneratedRowTypes, CanonicalRecord } from "./generate/canonical-records";
export {
  GENERATED_TABLES,
  toCanonicalRecord,
  toNdjsonLine,
  csvColumns,
  toCsvCells,
} from "./generate/canonical-records";
export type { TableFileFormat, WrittenTable, WriteTablesResult, WriteTablesOptions } from "./io/write-tables";
export { OutputFolderNotEmptyError, writePortfolioTables } from "./io/write-tables";
export type {
  ParquetColumn,
  ParquetColumnType,
  WriteParquetOptions,
  WriteParquetResult,
} from "./io/write-parquet";
export { PARQUET_PART_ROWS, parquetColumns, writePortfolioParquet } from "./io/write-parquet";
export type {
  BundleFileStem,
  WrittenBundleFile,
  WriteBundleResult,
  WriteBundleOptions,
} from "./io/write-bundle";
export { writePortfolioBundle } from "./io/write-bundle";

// ── Output files ─────────────────────────────────────────────────────────────────────────
export { writeFileAtomic, createAtomicWriteStream, writeFilesAtomic } from "./io/atomic-file";
export type { AtomicWriteStream, FileContent } from "./io/atomic-file";
export { AtomicFileSet, folderEntries, removeIfPresent } from "./io/atomic-file-set";

// ── CLI ───────────────────────────────────────────────────────────────────────────────────
export { runCli, buildProgram, EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from "./cli/main";
export { CliExit } from "./cli/cli-exit";
export { escapeControls, terminalSafe, safeJson, escapeStrings } from "./cli/terminal-text";
export { streamWriter } from "./cli/stream-writer";
export { OutputPathError, checkOutputFolder, checkOutputFile, describeWriteError } from "./io/output-path";
export type { CommandIo, RegisterCommand } from "./cli/command-context";
