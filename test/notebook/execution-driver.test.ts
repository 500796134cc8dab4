import { describe, expect, it } from "vitest";
import { EXECUTION_DRIVER_SOURCE, parseDriverReport } from "../../lib/src/index";

describe("parseDriverReport", () => {
  it("reads the last JSON line (doc example)", () => {
    expect(parseDriverReport('noise\n{"status":"failed","cellIndex":2,"reason":"error"}\n')).toEqual({
      status: "failed",
      cellIndex: 2,
      reason: "error",
    });
  });

  it("reads ok, timeouts with messages and setup errors", () => {
    expect(parseDriverReport('{"status":"ok"}')).toEqual({ status: "ok" });
    expect(parseDriverReport('{"status":"failed","cellIndex":0,"reason":"timeout","message":"m"}')).toEqual({
      status: "failed",
      cellIndex: 0,
      reason: "timeout",
      message: "m",
    });
    expect(parseDriverReport('{"status":"setup-error","message":"no kernel"}\n')).toEqual({
      status: "setup-error",
      message: "no kernel",
    });
  });

  it("throws when there is no report", () => {
    expect(() => parseDriverReport("Traceback …\n{broken")).toThrow(/no report/);
  });

  it("ships a driver that uses nbclient's hooks", () => {
    expect(EXECUTION_DRIVER_SOURCE).toContain("on_cell_error=on_cell_error");
    expect(EXECUTION_DRIVER_SOURCE).toContain("from nbclient import NotebookClient");
  });
});
