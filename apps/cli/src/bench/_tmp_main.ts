import { disconnectDb, closeBulkPool } from "@crm/db";
import { ensureDatabase, runMigrations } from "../../../../packages/db/src/migrate/index";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
await ensureDatabase(process.env.DATABASE_URL!);
await runMigrations({ ownerUrl: process.env.DATABASE_URL!, appUrl: process.env.DATABASE_URL!.replace("postgres@", "crm_app:crm_app@"), log: () => undefined });
const { benchInsights } = await import("./_tmp_insights");
await benchInsights();
await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
