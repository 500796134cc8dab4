import { defineConfig } from "vitest/config";

// Tests run in UTC whatever the machine's zone, so date handling is reproducible.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: ".cache/vitest-results.json" }]],
  },
});
