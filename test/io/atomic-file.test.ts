import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAtomicWriteStream, writeFileAtomic } from "../../lib/src/index";

const fresh = () => mkdtempSync(join(tmpdir(), "atomic-"));

describe("writeFileAtomic", () => {
  it("writes the whole content and leaves no temporary file", async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, "sub", "a.txt"), "hello");
    expect(readFileSync(join(dir, "sub", "a.txt"), "utf8")).toBe("hello");
    expect(readdirSync(join(dir, "sub"))).toEqual(["a.txt"]);
  });

  it("keeps the old file and removes the temporary one when the rename fails", async () => {
    const dir = fresh();
    // A folder in the way of the target makes the rename fail.
    const target = join(dir, "taken");
    await writeFileAtomic(join(target, "inner.txt"), "x");
    await expect(writeFileAtomic(target, "new")).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});

describe("createAtomicWriteStream", () => {
  it("shows the file only after commit", async () => {
    const dir = fresh();
    const out = await createAtomicWriteStream(join(dir, "runs.ndjson"));
    out.stream.write("{}\n");
    expect(readdirSync(dir).filter((f) => f === "runs.ndjson")).toEqual([]);
    await out.commit();
    expect(readFileSync(join(dir, "runs.ndjson"), "utf8")).toBe("{}\n");
    expect(readdirSync(dir)).toEqual(["runs.ndjson"]);
  });

  it("abort leaves an existing target untouched and no temporary file", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "runs.ndjson"), "old");
    const out = await createAtomicWriteStream(join(dir, "runs.ndjson"));
    out.stream.write("partial");
    await out.abort();
    expect(readFileSync(join(dir, "runs.ndjson"), "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["runs.ndjson"]);
  });
});
