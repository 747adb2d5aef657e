import { disconnectDb, closeBulkPool } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { benchInsights } from "./_tmp_insights";
await benchInsights();
await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis(), closeBulkPool()]);
