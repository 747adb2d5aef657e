// Used by `npm run cli` and `npm run bench`: make sure dependencies and the Prisma client exist.
import { ensureInstall, ensurePrismaClient } from "./lib.mjs";
ensureInstall();
ensurePrismaClient();
