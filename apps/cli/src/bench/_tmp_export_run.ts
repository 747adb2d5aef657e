import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { benchExport } from "./export-bench";
await benchExport();
await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
