import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sqlString, withEngine } from "../../lib/src/ingest/engine";
import { runMission } from "../helpers/run-cli";

const root = resolve(__dirname, "../..");
const demo = join(root, "data/demo");
const sample = (kind: string) => join(root, "data/samples", kind);

const made: string[] = [];
const fresh = (prefix = "sources-") => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Minimal CSV reader for the imported tables (no quoted newlines in them). */
function readCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === "," && !quoted) {
        out.push(cur);
        cur = "";
      } else cur += c;
    }
    out.push(cur);
    return out;
  };
  const cols = split(head ?? "");
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

/** evaluate --json without what names the input (fingerprint, warning places). */
async function evaluation(folder: string): Promise<Record<string, unknown>> {
  const r = await runMission(["evaluate", folder, "--json"]);
  expect(r.code, r.err).toBe(0);
  const json = JSON.parse(r.out) as Record<string, unknown> & { details: Record<string, unknown> };
  delete json.inputFingerprint;
  delete json.details.inputFingerprint;
  json.details.dataWarnings = (json.details.dataWarnings as { message: string }[]).map((w) => w.message);
  return json;
}

describe("the sample sources", () => {
  for (const kind of ["langfuse", "otel", "eventlog"]) {
    it(`${kind}: the committed sample is what the generator writes`, async () => {
      const out = fresh();
      const r = await runMission(["generate", "--preset", "demo", "--format", kind, "--out", out, "--force"]);
      expect(r.code, r.err).toBe(0);
      const names = readdirSync(sample(kind)).sort();
      expect(readdirSync(out).sort()).toEqual(names);
      for (const name of names)
        expect(readFileSync(join(out, name), "utf8"), name).toBe(
          readFileSync(join(sample(kind), name), "utf8"),
        );
    });

    it(`${kind}: check names the source and the mapping, evaluate and brief work`, async () => {
      const c = await runMission(["check", sample(kind)]);
      expect(c.code, c.err).toBe(0);
      expect(c.out).toContain(`source           ${kind} export (detected)\n`);
      expect(c.out).toContain("config           missions.yaml\n");
      expect(c.out).toMatch(/\nruns {13}160\n/);
      expect(c.out).toMatch(/\nmissions {9}6\n/);
      const e = await runMission(["evaluate", sample(kind)]);
      expect(e.code, e.err).toBe(0);
      expect(e.out).toMatch(/^Verdict: ATTENTION_REQUIRED/);
      expect(e.err).toContain(`read ${sample(kind)} as ${kind} (missions.yaml)`);
      const out = fresh();
      const b = await runMission(["brief", sample(kind), "--out", out, "--format", "html", "--name", "b"]);
      expect(b.code, b.err).toBe(0);
      expect(readdirSync(out)).toEqual(["b.html", "b.json"]);
      expect(readFileSync(join(out, "b.html"), "utf8")).toContain("Accounts-payable invoice processing");
    });
  }

  it("langfuse: the export of the demo history evaluates exactly as the demo's canonical tables", async () => {
    // The canonical demo is written by the same simulation and read by the canonical loader:
    // an independent path to the same answer.
    expect(await evaluation(sample("langfuse"))).toEqual(await evaluation(demo));
  });

  it("langfuse: the same export as Parquet with typed times and as CSV with the API's camelCase names evaluates as the demo", async () => {
    const parquet = fresh("lf-parquet-");
    const csv = fresh("lf-csv-");
    const camel: Record<string, string> = {
      trace_id: "traceId",
      start_time: "startTime",
      end_time: "endTime",
      parent_observation_id: "parentObservationId",
      status_message: "statusMessage",
      observation_id: "observationId",
      data_type: "dataType",
      session_id: "sessionId",
      user_id: "userId",
    };
    await withEngine(async (e) => {
      for (const t of ["traces", "observations", "scores"]) {
        const src = `read_json(${sqlString(join(sample("langfuse"), `${t}.jsonl`))}, format = 'newline_delimited')`;
        const cols = await e.describe(`select * from ${src}`);
        const typed = cols
          .map((c) =>
            /time|timestamp/.test(c.name) ? `cast("${c.name}" as TIMESTAMP) as "${c.name}"` : `"${c.name}"`,
          )
          .join(", ");
        await e.run(
          `copy (select ${typed} from ${src}) to ${sqlString(join(parquet, `${t}.parquet`))} (FORMAT parquet)`,
        );
        const renamed = cols
          .map((c) => {
            const v =
              c.type.startsWith("STRUCT") || c.type.endsWith("[]") || c.type === "JSON"
                ? `to_json("${c.name}")`
                : `"${c.name}"`;
            return `${v} as "${camel[c.name] ?? c.name}"`;
          })
          .join(", ");
        await e.run(`copy (select ${renamed} from ${src}) to ${sqlString(join(csv, `${t}.csv`))} (HEADER)`);
      }
    });
    for (const dir of [parquet, csv])
      writeFileSync(join(dir, "missions.yaml"), readFileSync(join(sample("langfuse"), "missions.yaml")));
    const want = await evaluation(demo);
    expect(await evaluation(parquet)).toEqual(want);
    expect(await evaluation(csv)).toEqual(want);
  });

  it("otel: the spans of the demo history evaluate as the demo, up to trace and event ids", async () => {
    const runIds = new Map(
      readCsv(join(demo, "runs.csv")).map((r) => [
        createHash("sha256").update(r.run_id!).digest("hex").slice(0, 32),
        r.run_id!,
      ]),
    );
    const normalise = (v: unknown): unknown =>
      typeof v === "string"
        ? v
            .replace(/\b[0-9a-f]{32}\b/g, (h) => runIds.get(h) ?? h)
            .replace(/\b[0-9a-f]{16}-\d+\b|\b[a-z-]+-R\d{4}-E\d+\b/g, "<event>")
        : Array.isArray(v)
          ? v.map(normalise)
          : v !== null && typeof v === "object"
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]))
            : v;
    expect(normalise(await evaluation(sample("otel")))).toEqual(normalise(await evaluation(demo)));
  });

  it("eventlog: cases keep the demo runs' times, durations and KPI values", async () => {
    const out = join(fresh(), "tables");
    const r = await runMission(["import", sample("eventlog"), "--out", out]);
    expect(r.code, r.err).toBe(0);
    const got = new Map(readCsv(join(out, "runs.csv")).map((x) => [x.run_id, x]));
    const want = readCsv(join(demo, "runs.csv"));
    expect(got.size).toBe(want.length);
    for (const w of want) {
      const g = got.get(w.run_id);
      expect(g, w.run_id).toBeDefined();
      // The log's first event is the first task's start; the demo run starts then too.
      expect(Date.parse(g!.start_time!)).toBe(Date.parse(w.start_time!));
      expect(Math.abs(Number(g!.duration_minutes) - Number(w.duration_minutes))).toBeLessThan(1e-6);
      expect(g!.status).toBe(w.status);
      expect(g!.human_interventions).toBe(w.human_interventions);
      expect(g!.escalations).toBe(w.escalations);
      for (const k of Object.keys(w).filter((c) => c.startsWith("kpi.")))
        expect(g![k] === "" ? "" : Number(g![k]), `${w.run_id} ${k}`).toBe(w[k] === "" ? "" : Number(w[k]));
    }
  });
});

describe("an event log without missions.yaml (first look), worked by hand", () => {
  const folder = fresh("eventlog-first-look-");
  writeFileSync(
    join(folder, "claims.csv"),
    [
      "case:concept:name,concept:name,time:timestamp,org:resource,lifecycle:transition",
      "c1,A,2026-03-02T10:00:00Z,bot-1,start",
      "c1,A,2026-03-02T10:30:00Z,bot-1,complete",
      "c1,B,2026-03-02T10:40:00Z,bot-2,start",
      "c1,B,2026-03-02T11:00:00Z,bot-2,complete",
      "c1,A,2026-03-02T11:10:00Z,bot-1,start",
      "c1,A,2026-03-02T11:20:00Z,bot-1,complete",
      "c2,A,2026-03-03T09:00:00+01:00,bot-1,complete",
      "c2,B,2026-03-03T09:45:00+01:00,bot-2,complete",
      "",
    ].join("\n"),
  );

  it("one mission per file, cases as runs, cycle time in hours as the lower-is-better primary KPI, rework as unsuccessful executions", async () => {
    const out = join(fresh(), "t");
    const r = await runMission(["import", folder, "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("source           eventlog (detected)\n");
    expect(r.out).toContain("config           none (first look)\n");
    expect(readCsv(join(out, "missions.csv")).map((m) => m.mission_id)).toEqual(["claims"]);
    expect(readCsv(join(out, "kpis.csv"))).toEqual([
      {
        mission_id: "claims",
        kpi: "case_cycle_time_hours",
        direction: "lower_is_better",
        unit: "hours",
        baseline: "",
        target: "",
        target_date: "",
        primary: "true",
      },
    ]);
    const runs = readCsv(join(out, "runs.csv"));
    // c1: 10:00 → 11:20 = 80 min = 1.333… h; c2: 08:00Z → 08:45Z, its first event a lone complete.
    expect(runs.map((x) => [x.run_id, x.start_time, x.end_time, Number(x.duration_minutes)])).toEqual([
      ["c1", "2026-03-02T10:00:00Z", "2026-03-02T11:20:00Z", 80],
      ["c2", "2026-03-03T08:00:00Z", "2026-03-03T08:45:00Z", 45],
    ]);
    expect(Number(runs[0]!["kpi.case_cycle_time_hours"])).toBeCloseTo(80 / 60, 9);
    expect(Number(runs[1]!["kpi.case_cycle_time_hours"])).toBeCloseTo(0.75, 9);
    const execs = readCsv(join(out, "task_executions.csv")).map((x) => [
      x.run_id,
      x.task_id,
      Number(x.actual_minutes),
      x.outcome,
    ]);
    // c1's first A is superseded by the second (rework): unsuccessful. c2's A has no start: it runs
    // from the case's previous event, and there is none, so 0 minutes; B runs from A's completion.
    expect(execs.sort()).toEqual(
      [
        ["c1", "A", 30, "failed"],
        ["c1", "A", 10, "completed"],
        ["c1", "B", 20, "completed"],
        ["c2", "A", 0, "completed"],
        ["c2", "B", 45, "completed"],
      ].sort(),
    );
    // Tasks: estimates are the median actual minutes (A: 30, 10, 0 → 10; B: 20, 45 → 32.5),
    // ordered by median start offset (A: 0, 70, 0 → 0; B: 40, 0 → 20).
    expect(
      readCsv(join(out, "tasks.csv")).map((t) => [t.task_id, t.order, Number(t.estimated_minutes)]),
    ).toEqual([
      ["A", "1", 10],
      ["B", "2", 32.5],
    ]);
    const e = await runMission(["evaluate", folder]);
    expect(e.code, e.err).toBe(0);
    expect(e.err).toContain("no missions.yaml: first look");
  });
});

describe("an OCEL 2.0 JSON log (first look), worked by hand", () => {
  it("cases are the objects of the type most events relate to; activities are event types", async () => {
    const folder = fresh("ocel-");
    const ev = (id: string, type: string, time: string, objects: string[], attributes: object[] = []) => ({
      id,
      type,
      time,
      attributes,
      relationships: objects.map((objectId) => ({ objectId, qualifier: "" })),
    });
    const log = {
      objectTypes: [
        { name: "order", attributes: [] },
        { name: "item", attributes: [] },
      ],
      eventTypes: [],
      objects: [
        { id: "o1", type: "order" },
        { id: "o2", type: "order" },
        { id: "i1", type: "item" },
      ],
      events: [
        ev(
          "e1",
          "place order",
          "2026-03-02T10:00:00Z",
          ["o1", "i1"],
          [{ name: "org:resource", value: "bot-a" }],
        ),
        ev("e2", "pick item", "2026-03-02T10:30:00Z", ["o1", "i1"]),
        ev("e3", "ship", "2026-03-02T12:00:00Z", ["o1"]),
        ev("e4", "place order", "2026-03-03T09:00:00Z", ["o2"]),
        ev("e5", "ship", "2026-03-03T09:45:00Z", ["o2"]),
      ],
    };
    writeFileSync(join(folder, "orders.json"), JSON.stringify(log));
    const out = join(fresh(), "t");
    const r = await runMission(["import", folder, "--out", out]);
    expect(r.code, r.err).toBe(0);
    // order: 5 event relations, item: 2 → orders are the cases. o1 10:00 → 12:00, o2 09:00 → 09:45.
    const runs = readCsv(join(out, "runs.csv"));
    expect(
      runs.map((x) => [
        x.run_id,
        x.mission_id,
        Number(x.duration_minutes),
        Number(x["kpi.case_cycle_time_hours"]),
      ]),
    ).toEqual([
      ["o1", "orders", 120, 2],
      ["o2", "orders", 45, 0.75],
    ]);
    // Events carry no lifecycle: each runs from the case's previous event (the first from itself).
    const execs = readCsv(join(out, "task_executions.csv")).map((x) => [
      x.run_id,
      x.task_id,
      x.agent_id,
      Number(x.actual_minutes),
    ]);
    expect(execs.sort()).toEqual(
      [
        ["o1", "place order", "bot-a", 0],
        ["o1", "pick item", "", 30],
        ["o1", "ship", "", 90],
        ["o2", "place order", "", 0],
        ["o2", "ship", "", 45],
      ].sort(),
    );
  });
});

describe("problems are located in the source files", () => {
  it("langfuse: a trace without id, observations of unknown traces, an unreadable time — grouped with counts and first lines", async () => {
    const folder = fresh("lf-bad-");
    writeFileSync(join(folder, "missions.yaml"), readFileSync(join(sample("langfuse"), "missions.yaml")));
    writeFileSync(
      join(folder, "traces.jsonl"),
      [
        '{"id":"t1","name":"support-triage","timestamp":"2026-01-05 09:00:00.000000"}',
        '{"name":"support-triage","timestamp":"2026-01-05 10:00:00.000000"}',
        '{"id":"t3","name":"support-triage","timestamp":"yesterday"}',
        "",
      ].join("\n"),
    );
    writeFileSync(
      join(folder, "observations.jsonl"),
      [
        '{"id":"o1","trace_id":"t1","type":"AGENT","name":"classify-ticket","start_time":"2026-01-05 09:00:00","end_time":"2026-01-05 09:05:00"}',
        '{"id":"o2","trace_id":"zz","type":"AGENT","name":"classify-ticket","start_time":"2026-01-05 09:00:00","end_time":"2026-01-05 09:05:00"}',
        '{"id":"o3","trace_id":"zz","type":"AGENT","name":"classify-ticket","start_time":"2026-01-05 09:00:00","end_time":"2026-01-05 09:05:00"}',
        '{"id":"o4","trace_id":"t1","type":"AGENT","name":"classify-ticket","start_time":"2026-01-05 09:00:00","end_time":"2026-01-05 08:05:00"}',
        "",
      ].join("\n"),
    );
    writeFileSync(join(folder, "scores.jsonl"), "");
    const r = await runMission(["check", folder]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "error traces.jsonl:2 id: 1 trace without id (line 2) (expected a trace id, found nothing)",
    );
    expect(r.err).toContain(
      "error traces.jsonl:3 timestamp: 1 trace timestamp missing or unreadable (line 3)",
    );
    expect(r.err).toContain('found "yesterday"');
    expect(r.err).toContain(
      'error observations.jsonl:2 trace_id: 2 observations name an unknown trace (lines 2, 3) (expected the id of a trace in traces, found "zz")',
    );
    expect(r.err).toContain(
      "error observations.jsonl:4 end_time: 1 observation ends before starting (line 4)",
    );
  });

  it("langfuse: no missions.yaml is one problem saying why it is needed", async () => {
    const folder = fresh("lf-noconf-");
    for (const f of ["traces.jsonl", "observations.jsonl"])
      writeFileSync(join(folder, f), readFileSync(join(sample("langfuse"), f)));
    const r = await runMission(["check", folder]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("error missions.yaml: this source needs a missions.yaml");
  });

  it("missions.yaml: a wrong direction, then a second primary KPI, name the line, the field, expected and found", async () => {
    const folder = fresh("lf-conf-");
    for (const f of ["traces.jsonl", "observations.jsonl", "scores.jsonl"])
      writeFileSync(join(folder, f), readFileSync(join(sample("langfuse"), f)));
    const config = (kpis: string) => `missions:\n  - id: support-triage\n    kpis:\n${kpis}`;
    writeFileSync(
      join(folder, "missions.yaml"),
      config("      - name: first_response_minutes\n        direction: lower\n        primary: true\n"),
    );
    const r = await runMission(["check", folder]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /error missions\.yaml:5 missions\.0\.kpis\.0\.direction: invalid direction \(expected .*"lower_is_better".*, found "lower"\)/,
    );
    // The relations are checked once the shape is right.
    writeFileSync(
      join(folder, "missions.yaml"),
      config(
        "      - { name: a, direction: lower_is_better, primary: true }\n      - { name: b, direction: lower_is_better, primary: true }\n",
      ),
    );
    const s = await runMission(["check", folder]);
    expect(s.code).toBe(1);
    expect(s.err).toContain(
      'error missions.yaml:4 missions.0.kpis: mission "support-triage" has 2 primary KPIs (expected exactly one KPI with primary: true, found',
    );
  });

  it("eventlog: a timestamp without a zone is an error naming the file, row and field", async () => {
    const folder = fresh("el-zone-");
    writeFileSync(
      join(folder, "log.csv"),
      "case:concept:name,concept:name,time:timestamp\nc1,A,2026-03-02T10:00:00Z\nc1,B,2026-03-02 11:00:00\n",
    );
    const r = await runMission(["check", folder]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "error log.csv row 2 time:timestamp: 1 timestamp without a zone: the instant would be ambiguous (row 2)",
    );
  });

  it("otel: a span without traceId names the file, line and the span's place in the document", async () => {
    const folder = fresh("otel-bad-");
    writeFileSync(join(folder, "missions.yaml"), readFileSync(join(sample("otel"), "missions.yaml")));
    const doc = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  spanId: "a1",
                  name: "x",
                  startTimeUnixNano: "1767600000000000000",
                  endTimeUnixNano: "1767600000000000000",
                },
              ],
            },
          ],
        },
      ],
    };
    writeFileSync(join(folder, "spans.jsonl"), `\n${JSON.stringify(doc)}\n`);
    const r = await runMission(["check", folder, "--source", "otel"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'error spans.jsonl:2 traceId: 1 span without traceId (line 2) (expected a trace id, found "resourceSpans[0].scopeSpans[0].spans[0]")',
    );
  });
});

describe("mission import", () => {
  it("writes the six tables as Parquet (atomically, no temporary folder left), refuses a non-empty --out, replaces it with --force", async () => {
    const base = fresh();
    const out = join(base, "parquet");
    const r = await runMission(["import", sample("langfuse"), "--out", out, "--format", "parquet"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("source           langfuse (detected)\n");
    expect(r.out).toContain("  runs.parquet             160 rows\n");
    expect(readdirSync(out).sort()).toEqual(
      ["kpis", "missions", "risk_events", "runs", "task_executions", "tasks"].map((t) => `${t}.parquet`),
    );
    expect(readdirSync(base)).toEqual(["parquet"]); // no temporary folder left
    const again = await runMission(["import", sample("langfuse"), "--out", out]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("is not empty");
    const forced = await runMission(["import", sample("langfuse"), "--out", out, "--force"]);
    expect(forced.code, forced.err).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".csv"))).toHaveLength(6);
    expect(existsSync(join(out, "runs.parquet"))).toBe(false);
  });

  it("refuses an unknown --source with exit 2", async () => {
    mkdirSync(join(fresh(), "x"), { recursive: true });
    const r = await runMission(["check", sample("langfuse"), "--source", "jaeger"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--source must be langfuse, otel, eventlog");
  });
});
