export { db, createPrismaClient, disconnectDb, type TPrismaClient } from "./client";
export { withTeam, withUser, withTeamSql, findTeamBySlug, MissingTenantError, type TTx, type TTeamOptions } from "./tenant";
export { QueryTimeoutError, QueryAbortedError, isQueryTimeout } from "./interactive";
export { CONNECTION_LOST_MESSAGE, isConnectionLost } from "./connection-lost";
export { closeBulkPool } from "./bulk";
export { withTeamRaw, withSettingRaw, withUserRaw, queryRawOutsideTenant, simpleBatchRaw, lastQueryRaw, type TPrelude, type TRawTx, type TRawTune } from "./raw-tx";
export { Prisma } from "./generated/prisma/client";
export type {
  User,
  Team,
  Membership,
  Invitation,
  Session,
  AuditLog,
  EmailOutbox,
  LinkedInAccount,
  Import,
  Connection,
  ConnectionEvent,
  ColumnMapping,
  Tag,
  Note,
  SavedView,
  ApiKey,
  ReviewItem,
  TeamExport,
} from "./generated/prisma/client";
export { Role, EmailStatus, ImportStatus, ConnectionStatus, ConnectionEventKind, ApiKeyScope, ReviewKind } from "./generated/prisma/enums";
export { copyRows, type TCopyValue } from "./copy";
export type { PoolClient as TSqlClient } from "pg";
