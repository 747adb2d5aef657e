import { defineConfig } from "vitest/config";

// One config for the whole repo. Test files run in parallel processes, so tests that touch the
// database use unique names (or throw-away databases) rather than relying on running alone.
export default defineConfig({
  resolve: { conditions: ["source"] },
  test: {
    include: [
      "packages/**/src/**/*.test.ts",
      "apps/worker/src/**/*.test.ts",
      "apps/cli/src/**/*.test.ts",
      "apps/web/src/**/*.test.ts",
      "scripts/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/generated/**"],
    pool: "forks",
    testTimeout: 30_000,
  },
});
