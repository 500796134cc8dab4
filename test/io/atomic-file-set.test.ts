import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtomicFileSet, folderEntries, removeIfPresent, writeFilesAtomic } from "../../lib/src/index";

const fresh = () => mkdtempSync(join(tmpdir(), "atomic-set-"));

describe("folderEntries and removeIfPresent", () => {
  it("lists a folder sorted, and nothing for a missing one", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "b.csv"), "");
    writeFileSync(join(dir, "a.csv"), "");
    expect(await folderEntries(dir)).toEqual(["a.csv", "b.csv"]);
    expect(await folderEntries(join(dir, "missing"))).toEqual([]);
    await expect(folderEntries(join(dir, "a.csv"))).rejects.toThrow(/not a folder/);
  });

  it("removes only the named files that were there before", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "runs.csv"), "");
    writeFileSync(join(dir, "keep.txt"), "");
    expect(await removeIfPresent(dir, ["runs.csv", "runs.json"], ["runs.csv", "keep.txt"])).toEqual([
      join(dir, "runs.csv"),
    ]);
    expect(readdirSync(dir)).toEqual(["keep.txt"]);
  });
});

describe("AtomicFileSet", () => {
  it("commits every file together", async () => {
    const dir = fresh();
    const set = new AtomicFileSet(await folderEntries(dir));
    const a = await set.open(join(dir, "a.ndjson"));
    const b = await set.open(join(dir, "b.ndjson"));
    await a.write("{}\n");
    await b.write("[]\n");
    expect(readdirSync(dir).filter((f) => !f.startsWith("."))).toEqual([]);
    await set.commitAll();
    expect(readdirSync(dir)).toEqual(["a.ndjson", "b.ndjson"]);
  });

  it("rolls back: nothing changes before commit; after it, only files that are new are removed", async () => {
    const dir = fresh();
    writeFileSync(join(dir, "old.ndjson"), "old");
    const set = new AtomicFileSet(await folderEntries(dir));
    const a = await set.open(join(dir, "old.ndjson"));
    const b = await set.open(join(dir, "new.ndjson"));
    await a.write("replacement");
    await b.write("x");
    await set.rollback(); // writing failed before the commit: nothing changes
    expect(readdirSync(dir)).toEqual(["old.ndjson"]);
    expect(readFileSync(join(dir, "old.ndjson"), "utf8")).toBe("old");

    const again = new AtomicFileSet(await folderEntries(dir));
    await (await again.open(join(dir, "old.ndjson"))).write("replacement");
    await (await again.open(join(dir, "new.ndjson"))).write("x");
    await again.commitAll();
    await again.rollback(); // a later step failed: the new file goes, the replaced one stays replaced
    expect(readdirSync(dir)).toEqual(["old.ndjson"]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("writeFilesAtomic", () => {
  it("writes a set of files, and on failure changes none", async () => {
    const dir = fresh();
    await writeFilesAtomic([
      { path: join(dir, "r", "a.html"), data: "<p>a</p>" },
      { path: join(dir, "r", "a.pdf"), data: new Uint8Array([37, 80]) },
    ]);
    expect(readdirSync(join(dir, "r"))).toEqual(["a.html", "a.pdf"]);
    writeFileSync(join(dir, "r", "b.html"), "old");
    // The second target's folder is a file: writing it fails, so b.html stays as it was.
    writeFileSync(join(dir, "blocker"), "");
    await expect(
      writeFilesAtomic([
        { path: join(dir, "r", "b.html"), data: "new" },
        { path: join(dir, "blocker", "b.pdf"), data: "x" },
      ]),
    ).rejects.toThrow();
    expect(readFileSync(join(dir, "r", "b.html"), "utf8")).toBe("old");
    expect(readdirSync(join(dir, "r")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
