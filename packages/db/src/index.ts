export { db, createPrismaClient, disconnectDb, type TPrismaClient } from "./client";
export { withTeam, withUser, MissingTenantError, type TTx } from "./tenant";
export { Prisma } from "./generated/prisma/client";
export type { User, Team, Membership, Invitation, Session, AuditLog, EmailOutbox } from "./generated/prisma/client";
export { Role, EmailStatus } from "./generated/prisma/enums";
