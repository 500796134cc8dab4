/**
 * Reading rulesets: the two built-in ones (`default`, `seed-v3`, shipped in lib/rulesets/) or a
 * user's JSON or YAML file.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Ruleset } from "./schema";
import { parseRuleset } from "./parse-ruleset";
import { RulesetError } from "./ruleset-error";

/** Names of the rulesets that ship with the library. */
export const BUILTIN_RULESETS = ["default", "seed-v3"] as const;
/** A built-in ruleset name. */
export type BuiltinRulesetName = (typeof BUILTIN_RULESETS)[number];

/** Folder holding the built-in ruleset files (lib/rulesets, beside src/ and dist/). */
export const RULESET_FOLDER = join(__dirname, "..", "..", "rulesets");

/**
 * The built-in ruleset `name`, validated.
 *
 * @throws RulesetError if the shipped file is invalid (a packaging bug).
 * @example builtinRuleset("seed-v3").version // → "3.0.0"
 */
export function builtinRuleset(name: BuiltinRulesetName): Ruleset {
  const path = join(RULESET_FOLDER, `${name}.json`);
  return parseRuleset(JSON.parse(readFileSync(path, "utf8")), path);
}

/**
 * A ruleset by built-in name or by file path (`.json`, `.yaml` or `.yml`).
 *
 * @throws RulesetError when the file cannot be read, is not valid JSON/YAML, or breaks the schema.
 * @example (await loadRuleset("default")).id // → "default"
 */
export async function loadRuleset(nameOrPath: string): Promise<Ruleset> {
  if ((BUILTIN_RULESETS as readonly string[]).includes(nameOrPath)) {
    return builtinRuleset(nameOrPath as BuiltinRulesetName);
  }
  let text: string;
  try {
    text = await readFile(nameOrPath, "utf8");
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new RulesetError(nameOrPath, [
      {
        path: "",
        message: `cannot read the file (${reason}); built-in rulesets: ${BUILTIN_RULESETS.join(", ")}`,
      },
    ]);
  }
  let doc: unknown;
  try {
    doc = [".yaml", ".yml"].includes(extname(nameOrPath).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new RulesetError(nameOrPath, [
      { path: "", message: `not valid ${extname(nameOrPath) || "JSON"}: ${(err as Error).message}` },
    ]);
  }
  return parseRuleset(doc, nameOrPath);
}
