// `prisma generate` needs no schema engine, but the CLI looks for one unless told where it is;
// a placeholder path keeps it from trying to download one (these machines cannot reach Prisma's
// servers). See docs/decisions/0002-migrations-without-schema-engine.md.
import { spawnSync } from "node:child_process";
import { writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
const placeholder = join(import.meta.dirname, "..", "node_modules", ".cache", "schema-engine-placeholder");
if (!existsSync(placeholder)) {
  mkdirSync(join(placeholder, ".."), { recursive: true });
  writeFileSync(placeholder, "#!/bin/sh\necho 'schema engine not available offline' >&2\nexit 1\n", { mode: 0o755 });
}
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
const r = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
