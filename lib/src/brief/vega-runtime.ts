/**
 * Loads vega and vega-lite. Both are ESM-only (vega has a top-level await), so this CommonJS
 * library reaches them through a real dynamic `import()` (kept as such by `module: Node16`), once
 * per process; the modules are cached. The few parts used are typed locally (see
 * VEGA_LITE_TYPES_NOTE in charts/theme.ts for why vega's own types are not used here).
 */
import { installDejaVuTextMetrics, type VegaTextMetrics } from "./text-metrics";

/** Vega's logger interface (vega-util `LoggerInterface`). */
export interface VegaLogger {
  level(level?: number): number | VegaLogger;
  error(...args: unknown[]): VegaLogger;
  warn(...args: unknown[]): VegaLogger;
  info(...args: unknown[]): VegaLogger;
  debug(...args: unknown[]): VegaLogger;
}

/** Vega's resource loader interface (vega-loader `Loader`). */
export interface VegaLoader {
  load(uri: string, options?: unknown): Promise<string>;
  sanitize(uri: string, options?: unknown): Promise<{ href: string }>;
  http(uri: string, options?: unknown): Promise<string>;
  file(filename: string): Promise<string>;
}

/** The part of a vega `View` used here. */
export interface VegaView {
  runAsync(): Promise<VegaView>;
  toSVG(scaleFactor?: number): Promise<string>;
  finalize(): VegaView;
}

/** The part of the vega module used here. */
export interface VegaApi {
  parse(spec: object, config?: object): unknown;
  View: new (
    runtime: unknown,
    options: { renderer: "none"; loader: VegaLoader; logger: VegaLogger; logLevel?: number },
  ) => VegaView;
  textMetrics: VegaTextMetrics;
  Warn: number;
}

/** The part of the vega-lite module used here. */
export interface VegaLiteApi {
  compile(spec: object, options?: { logger?: VegaLogger }): { spec: Record<string, unknown> };
}

let loading: Promise<{ vega: VegaApi; vegaLite: VegaLiteApi }> | undefined;

/**
 * The vega and vega-lite modules, imported on first use and cached; DejaVu Sans text metrics are
 * installed into vega once (see text-metrics.ts).
 */
export function loadVega(): Promise<{ vega: VegaApi; vegaLite: VegaLiteApi }> {
  loading ??= Promise.all([import("vega"), import("vega-lite")]).then(
    ([vegaModule, vegaLiteModule]) => {
      const vega = vegaModule as unknown as VegaApi;
      installDejaVuTextMetrics(vega.textMetrics);
      return { vega, vegaLite: vegaLiteModule as unknown as VegaLiteApi };
    },
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}
