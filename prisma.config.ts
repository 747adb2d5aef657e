import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here (CLI only); the app connects through the pg driver
// adapter in packages/db. Migrations are applied by our own runner (`npm run cli -- migrate`).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm" },
});
