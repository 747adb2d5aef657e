// `npm run bench`: figures for the issues' performance targets (a benchmark, not a test).
import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { benchExport } from "./export-bench";
import { benchFoundation } from "./foundation";
import { benchImport } from "./import-bench";
import { benchReview } from "./review-bench";
import { benchRemovals } from "./removals-bench";
import { benchInsights } from "./insights-bench";
import { benchScoring } from "./scoring-bench";
import { benchWorkspace } from "./workspace-bench";
import { benchBundle } from "./bundle-bench";
import { benchDigest } from "./digest-bench";

const only = process.argv[2];
if (!only || only === "foundation") await benchFoundation();
if (!only || only === "import") await benchImport();
if (!only || only === "scoring") await benchScoring();
if (!only || only === "workspace") await benchWorkspace();
if (!only || only === "bundle") await benchBundle();
if (!only || only === "insights") await benchInsights();
if (!only || only === "export") await benchExport();
if (!only || only === "review") await benchReview();
if (!only || only === "removals") await benchRemovals();
if (only === "scaleout") await (await import("./scaleout-bench")).benchScaleout(); // on request only: its own topology, minutes long
// Last: it switches to its own database (the worker it measures sweeps every team it can see).
if (!only || only === "digest") await benchDigest();
await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
