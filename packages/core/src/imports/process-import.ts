import { withTeam, withTeamSql, copyRows, type TSqlClient } from "@crm/db";
import { ImportFileError, nameKey, type TColumnMapping, type TRejectedRow, type TRowWarning } from "@crm/importer";
import { analyzeAfterBulk } from "../db-stats/analyze-after-bulk";
import { enqueueScoresRefresh } from "../icps/refresh";
import { enqueuePlanAfterImport } from "../removals/enqueue-plan";
import { lockAccountForImport } from "./account-lock";
import { applyExtras } from "./apply-extras";
import { diffAndApply, stageRows, type TDiffField } from "./apply-connections";
import { matchIdentities } from "./match-identity";
import { countWouldGo, decideGone, olderExport, olderExportMessage, type TGoneConfirmation, type TImportScope, type TOlderExport } from "./scope";
import { restoreStoredValues, stageBlankedFields } from "./keep-stored";
import { rejectedIdentityKeys } from "./rejected-keys";
import { CRASHED_MESSAGE, startRun } from "./run-guard";
import { materializeUpload, readUpload, type TReadUpload } from "./read-upload";
import { toSummary, type TImportDetails, type TImportSummary } from "./summary";

// The import job. At-least-once safe: everything it changes is written in ONE transaction that
// also marks the import COMPLETED, under a lock on the account; a retry after a crash either
// finds the import completed (and returns its summary) or starts again from the stored upload.

type TIds = { teamId: string; importId: string };

async function load(ids: TIds) {
  const row = await withTeam(ids.teamId, (tx) => tx.import.findFirst({ where: { id: ids.importId, teamId: ids.teamId } }));
  if (!row) throw new ImportGoneError(ids.importId);
  return row;
}

export class ImportGoneError extends Error {
  constructor(importId: string) {
    super(`import ${importId} does not exist in this team (deleted, or a forged job)`);
    this.name = "ImportGoneError";
  }
}

async function setPhase(ids: TIds, phase: string, progress: number) {
  await withTeam(ids.teamId, (tx) =>
    tx.import.updateMany({ where: { id: ids.importId, status: { in: ["QUEUED", "PROCESSING"] } }, data: { status: "PROCESSING", phase, progress } }),
  );
}

/** A failed import keeps its message and rejected rows, not the uploaded bytes (nothing re-reads them). */
export async function markFailed(ids: TIds, code: string, message: string) {
  await withTeam(ids.teamId, async (tx) => {
    await tx.import.updateMany({
      where: { id: ids.importId, status: { notIn: ["COMPLETED", "DISCARDED"] } }, // terminal states stay
      data: { status: "FAILED", errorCode: code, error: message, phase: null, finishedAt: new Date() },
    });
    await tx.importChunk.deleteMany({ where: { teamId: ids.teamId, importId: ids.importId } });
  });
}

async function rememberedMapping(teamId: string, signature: string): Promise<{ id: string; mapping: TColumnMapping } | undefined> {
  const m = await withTeam(teamId, (tx) => tx.columnMapping.findUnique({ where: { teamId_signature: { teamId, signature } }, select: { id: true, mapping: true } }));
  return m ? { id: m.id, mapping: m.mapping as TColumnMapping } : undefined;
}

/** Which saved mapping an import used, so its summary can say so and link to change it. */
type TMappingUse = Pick<TImportDetails, "mappingId" | "mappingSource">;

const PRESENT_FIELDS: TDiffField[] = ["profileUrl", "email", "company", "position", "connectedOn"];

/** Rejected rows, then warnings (accepted rows with a field left blank) as kind "warning". */
async function writeRejections(client: TSqlClient, ids: TIds, rows: TRejectedRow[], warnings: TRowWarning[] = []) {
  // COPY cannot target a table with row-level security: stage in a temp table, then INSERT.
  await client.query(`CREATE TEMP TABLE rej (LIKE "ImportRejection") ON COMMIT DROP`);
  await copyRows(
    client,
    "rej",
    ["teamId", "importId", "seq", "file", "line", "field", "code", "message", "raw", "kind"],
    [
      ...rows.map((r, seq) => [ids.teamId, ids.importId, seq, r.file, r.line, r.field, r.code, r.message, r.raw, "rejected"]),
      ...warnings.map((w, i) => [ids.teamId, ids.importId, rows.length + i, w.file, w.line, w.field, w.code, w.message, [], "warning"]),
    ],
  );
  await client.query(`INSERT INTO "ImportRejection" SELECT * FROM rej`);
}

/** Rows left out of every file: the connections file's and the archive's side files' (all of them, stored or not). */
const rejectedTotal = (read: TReadUpload) => read.parsed.rejected.length + read.extraRejectedCount;

/** What the user said about a file that would mark people gone (or the CLI's --partial/--whole-network). */
type THeld = { scope?: TImportScope; confirmation?: TGoneConfirmation; confirmedWouldGo?: number };

/**
 * Stops before changing any connection: waits for the user, keeping the bytes to run it then. An
 * earlier answer is forgotten: asked again (more would go than the user confirmed), they answer anew.
 */
async function holdForConfirmation(client: TSqlClient, ids: TIds, read: TReadUpload, confirmation: TGoneConfirmation) {
  await client.query(
    `UPDATE "Import" SET status = 'NEEDS_CONFIRMATION', phase = NULL, progress = 0, format = $2, "rowsTotal" = $3,
            details = (details - 'scope' - 'confirmedWouldGo' - 'queueAttempt') || $4::jsonb WHERE id = $1`,
    [ids.importId, read.parsed.format, read.parsed.rows, JSON.stringify({ confirmation })],
  );
}

async function refuseOlderExport(client: TSqlClient, ids: TIds, read: TReadUpload, older: TOlderExport) {
  await client.query(
    `UPDATE "Import" SET status = 'FAILED', phase = NULL, format = $2, "rowsTotal" = $3, "errorCode" = 'older_export', error = $4,
            "finishedAt" = now() WHERE id = $1`,
    [ids.importId, read.parsed.format, read.parsed.rows, olderExportMessage(older)],
  );
  await client.query(`DELETE FROM "ImportChunk" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
}

async function commit(ids: TIds, accountId: string, read: TReadUpload, mapping: TColumnMapping | undefined, mappingUse: TMappingUse = {}, held: THeld = {}): Promise<boolean> {
  const { parsed } = read;
  const present = new Set(PRESENT_FIELDS.filter((f) => parsed.mapping[f] !== undefined));
  return withTeamSql(ids.teamId, async (client) => {
    // One import per account at a time, in upload order; and never twice. The removal budget's
    // lock too, in the order every removal and withdrawal write takes it (account-lock.ts).
    await lockAccountForImport(client, ids.teamId, accountId);
    const { rows: st } = await client.query<{ status: string }>(`SELECT status FROM "Import" WHERE id = $1 FOR UPDATE`, [ids.importId]);
    if (st[0]?.status !== "PROCESSING") return false;
    await stageRows(client, parsed.accepted, (r) => nameKey(r.firstName, r.lastName), rejectedIdentityKeys(parsed));
    await stageBlankedFields(client, parsed);
    // Matching identities may re-key connections: undone if the import stops to ask or is refused.
    await client.query("SAVEPOINT matched");
    await matchIdentities(client, ids.teamId, accountId);
    await restoreStoredValues(client, ids.teamId, accountId);
    const n = await countWouldGo(client, ids.teamId, accountId);
    const gone = decideGone(held.scope, parsed.format, n, held.confirmedWouldGo);
    if ("ask" in gone) {
      await client.query("ROLLBACK TO SAVEPOINT matched");
      await holdForConfirmation(client, ids, read, gone.ask);
      return false;
    }
    // Only a file applied as the whole network marks people gone, so only then can being old hurt.
    const older = gone.markGone && n.wouldGo > 0 && present.has("connectedOn") ? await olderExport(client, ids.teamId, accountId) : null;
    if (older) {
      await client.query("ROLLBACK TO SAVEPOINT matched");
      await refuseOlderExport(client, ids, read, older);
      return false;
    }
    const counts = await diffAndApply(client, { ...ids, accountId }, present, { markGone: gone.markGone });
    const extras = await applyExtras(client, { ...ids, accountId }, read.extras);
    await writeRejections(client, ids, [...parsed.rejected, ...read.extraRejected], parsed.warnings);
    const details: TImportDetails = {
      kind: read.kind,
      encoding: parsed.encoding,
      delimiter: parsed.delimiter,
      headers: parsed.headers,
      signature: parsed.signature,
      mapping: mapping as Record<string, string> | undefined,
      ...(mapping ? mappingUse : {}),
      sideRejected: read.extraRejected.length,
      fileHeaders: read.fileHeaders,
      ...extras,
      ...(held.scope ? { scope: held.scope } : {}),
      ...(held.confirmation ? { confirmation: held.confirmation } : {}),
      ...(held.confirmedWouldGo !== undefined ? { confirmedWouldGo: held.confirmedWouldGo } : {}),
    };
    await client.query(
      `UPDATE "Import" SET status = 'COMPLETED', phase = NULL, progress = 100, format = $2, "rowsTotal" = $3,
              "newCount" = $4, "updatedCount" = $5, "unchangedCount" = $6, "jobChangeCount" = $7, "goneCount" = $8,
              "rejectedCount" = $9, "verifiedRemovalCount" = $10, "stillConnectedCount" = $11, details = $12, "finishedAt" = now(),
              "hiddenCount" = $13, "warningCount" = $14
        WHERE id = $1`,
      [ids.importId, parsed.format, parsed.rows, counts.new, counts.updated, counts.unchanged, counts.jobChanges, counts.gone,
        rejectedTotal(read), counts.verifiedRemovals, counts.stillConnected, JSON.stringify(details), parsed.hidden, parsed.warnings.length],
    );
    // The bytes were only kept to run this import; the rejected rows keep what the user must fix.
    await client.query(`DELETE FROM "ImportChunk" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
    return true;
  });
}

/** Nothing importable: keep the connections as they are, but keep every rejected row to show. */
async function failWithRejections(ids: TIds, read: TReadUpload) {
  const { parsed } = read;
  await withTeamSql(ids.teamId, async (client) => {
    const { rows: st } = await client.query<{ status: string }>(`SELECT status FROM "Import" WHERE id = $1 FOR UPDATE`, [ids.importId]);
    if (st[0]?.status !== "PROCESSING") return;
    await client.query(`DELETE FROM "ImportRejection" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
    await writeRejections(client, ids, [...parsed.rejected, ...read.extraRejected]);
    await client.query(
      `UPDATE "Import" SET status = 'FAILED', phase = NULL, format = $2, "rowsTotal" = $3, "rejectedCount" = $4,
              "errorCode" = 'no_valid_rows', error = $5, "finishedAt" = now(), "hiddenCount" = $6,
              details = details || $7::jsonb WHERE id = $1`,
      [ids.importId, parsed.format, parsed.rows, rejectedTotal(read), noValidRowsMessage(parsed), parsed.hidden,
        JSON.stringify({ headers: parsed.headers, fileHeaders: read.fileHeaders })],
    );
    await client.query(`DELETE FROM "ImportChunk" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
  });
}

function noValidRowsMessage(parsed: TReadUpload["parsed"]): string {
  if (parsed.rows === 0) return `${parsed.fileName} has a header but no data rows. Nothing was changed.`;
  if (parsed.hidden === parsed.rows) {
    return `${parsed.fileName} lists only members LinkedIn hides (${parsed.rows} ${parsed.rows === 1 ? "row" : "rows"} with a date and nothing else), so there was nobody to import. Your connections were left as they were.`;
  }
  return `None of the ${parsed.rows} rows of ${parsed.fileName} could be imported, so your connections were left as they were. The rejected rows below say why.`;
}

/** `refreshScores: false` skips queueing the rescore (the CLI and tests without a worker). */
/** `scope` says up front whether the file is the whole network (the CLI's --partial / --whole-network). */
export async function processImport(teamId: string, importId: string, opts: { refreshScores?: boolean; scope?: TImportScope } = {}): Promise<TImportSummary> {
  const ids = { teamId, importId };
  const row = await load(ids);
  if (row.status !== "QUEUED" && row.status !== "PROCESSING") return toSummary(row);
  const run = await startRun(ids);
  try {
    if (run.crashedTooOften) {
      await markFailed(ids, "worker_crashed", CRASHED_MESSAGE);
      return toSummary(await load(ids));
    }
    return await runImport(ids, row, opts);
  } finally {
    await run.end();
  }
}

async function runImport(ids: TIds, row: Awaited<ReturnType<typeof load>>, opts: { refreshScores?: boolean; scope?: TImportScope }): Promise<TImportSummary> {
  const { teamId, importId } = ids;
  await setPhase(ids, "reading", 5);
  const { file, cleanup } = await materializeUpload(teamId, importId);
  try {
    await setPhase(ids, "parsing", 20);
    let read = await readUpload(file, row.fileName, ((row.details ?? {}) as TImportDetails).mapping);
    let mapping = read.parsed.format === "mapped" ? read.parsed.mapping : undefined;
    const chosen = (row.details ?? {}) as TImportDetails;
    let mappingUse: TMappingUse = { mappingId: chosen.mappingId, mappingSource: chosen.mappingSource };
    if (read.parsed.format === "unknown") {
      const remembered = await rememberedMapping(teamId, read.parsed.signature);
      mapping = remembered?.mapping;
      if (remembered) {
        mappingUse = { mappingId: remembered.id, mappingSource: "remembered" };
        read = await readUpload(file, row.fileName, remembered.mapping);
      }
    }
    if (read.parsed.format === "unknown") {
      const { headers, signature, sample, rows } = read.parsed;
      await withTeam(teamId, (tx) =>
        tx.import.update({
          where: { id: importId },
          data: { status: "NEEDS_MAPPING", phase: null, progress: 0, format: "unknown", rowsTotal: rows, details: { headers, signature, sample } },
        }),
      );
      return toSummary(await load(ids));
    }
    if (read.parsed.accepted.length === 0) {
      await failWithRejections(ids, read);
      return toSummary(await load(ids));
    }
    await setPhase(ids, "saving", 60);
    const saved = (row.details ?? {}) as TImportDetails;
    const applied = await commit(ids, row.accountId, read, mapping, mappingUse, {
      scope: opts.scope ?? saved.scope,
      confirmation: saved.confirmation,
      // The CLI's --whole-network up front has no number; the user's answer in the app does.
      confirmedWouldGo: opts.scope ? undefined : saved.confirmedWouldGo,
    });
    // Only an applied import changed the network (a held or refused one rescored now would also
    // take the import's dedupe id from the rescore its confirmation needs).
    // A big import is news to the planner (docs/decisions/0011): before anyone reads the team.
    if (applied) await analyzeAfterBulk("Connection", read.parsed.rows);
    if (applied && opts.refreshScores !== false) {
      await enqueueScoresRefresh(teamId, importId);
      // The export verified or contradicted recorded removals: the removal plan follows it.
      await enqueuePlanAfterImport(teamId, row.accountId, importId);
    }
  } catch (err) {
    if (err instanceof ImportFileError) await markFailed(ids, err.code, err.message);
    else throw err;
  } finally {
    await cleanup();
  }
  return toSummary(await load(ids));
}
