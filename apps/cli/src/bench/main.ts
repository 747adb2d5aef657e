// `npm run bench`: figures for the issues' performance targets (a benchmark, not a test).
import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { benchFoundation } from "./foundation";
import { benchImport } from "./import-bench";

const only = process.argv[2];
if (!only || only === "foundation") await benchFoundation();
if (!only || only === "import") await benchImport();
await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
