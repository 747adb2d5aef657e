import Link from "next/link";
import { canDiscardImport, canImportInto, getImport, getLinkedInAccount, listRejections } from "@crm/core";
import { Alert, buttonClass, Card } from "@crm/ui";
import { ColumnMappingForm } from "@/features/imports/components/column-mapping-form";
import { DiscardImportButton } from "@/features/imports/components/discard-import-button";
import { ImportConfirmation } from "@/features/imports/components/import-confirmation";
import { MappingUsedNote } from "@/features/imports/components/mapping-used-note";
import { ImportProgress } from "@/features/imports/components/import-progress";
import { ImportSummary } from "@/features/imports/components/import-summary";
import { RejectionsTable } from "@/features/imports/components/rejections-table";
import { WarningsTable } from "@/features/imports/components/warnings-table";
import { isActive, statusLabel } from "@/features/imports/labels";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Import" };

const REJECTIONS_SHOWN = 200;

export default async function ImportPage({ params }: { params: Promise<{ slug: string; importId: string }> }) {
  const { slug, importId } = await pageParams(params);
  const team = await requireTeam(slug);
  const summary = await orNotFound(getImport(team, importId));
  const account = await orNotFound(getLinkedInAccount(team, summary.accountId));
  const finished = summary.status === "COMPLETED" || summary.status === "FAILED";
  const rejections = finished ? await listRejections(team, importId, { take: REJECTIONS_SHOWN }) : [];
  // rejected counts the archive's side files too (the tile and this card agree).
  const rejectedTotal = Math.max(rejections.length, summary.rejected);
  const warnings = summary.status === "COMPLETED" && summary.warnings > 0 ? await listRejections(team, importId, { take: REJECTIONS_SHOWN, kind: "warning" }) : [];
  const accountUrl = `/t/${team.slug}/accounts/${account.id}`;
  const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: account.timeZone }).format(summary.createdAt);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-sm"><Link className="text-blue-800 underline" href={accountUrl}>← {account.label}</Link></p>
        <h1 className="text-2xl font-semibold">Import of {summary.fileName}</h1>
        <p className="text-sm text-gray-700">Uploaded {when} · {statusLabel(summary.status)}</p>
      </div>

      {isActive(summary.status) && (
        <Card title="Importing">
          <ImportProgress statusUrl={`/api/t/${team.slug}/imports/${summary.importId}`} initial={{ status: summary.status, phase: summary.phase, progress: summary.progress }} />
        </Card>
      )}

      {summary.status === "NEEDS_MAPPING" && (
        <Card title="Match the columns">
          <p className="mb-4 text-sm text-gray-700">
            We do not recognise the columns of {summary.fileName}. Tell us which column holds what; we remember it for the next file with the same columns.
          </p>
          {canImportInto(team, account) ? (
            <ColumnMappingForm teamSlug={team.slug} importId={summary.importId} headers={summary.details.headers ?? []} sample={summary.details.sample ?? []} saved={summary.details.mapping} />
          ) : (
            <p className="text-sm text-gray-700">Only {account.owner.name}, or a team owner or admin, can map this file’s columns.</p>
          )}
        </Card>
      )}

      {summary.status === "NEEDS_CONFIRMATION" && summary.details.confirmation && (
        <Card title="Is this your whole network?">
          {canImportInto(team, account) ? (
            <ImportConfirmation teamSlug={team.slug} importId={summary.importId} confirmation={summary.details.confirmation} />
          ) : (
            <p className="text-sm text-gray-700">Only {account.owner.name}, or a team owner or admin, can decide how this file is applied.</p>
          )}
        </Card>
      )}

      {canDiscardImport(team, summary) && (
        <div className="flex flex-col gap-2" data-testid="discard-import">
          <p className="text-sm text-gray-700">Not the file you meant? Discard this import: the uploaded file is deleted and nothing is imported.</p>
          <div><DiscardImportButton teamSlug={team.slug} importId={summary.importId} fileName={summary.fileName} /></div>
        </div>
      )}

      {summary.status === "DISCARDED" && (
        <div className="flex flex-col gap-3">
          <Alert>This import was discarded{summary.finishedAt ? ` on ${new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: account.timeZone }).format(summary.finishedAt)}` : ""}. The uploaded file was deleted and nothing was imported.</Alert>
          <div><Link className={buttonClass("secondary")} href={accountUrl}>Upload another file</Link></div>
        </div>
      )}

      {summary.status === "COMPLETED" && (
        <Card title="Summary">
          <ImportSummary summary={summary} />
          {summary.details.scope === "partial" && (
            <p className="mt-4 text-sm text-gray-700" data-testid="partial-note">
              Applied as a partial list: nobody was marked gone{summary.details.confirmation ? ` (${summary.details.confirmation.wouldGo.toLocaleString("en")} people not in this file were left as they are)` : ""}.
            </p>
          )}
          <MappingUsedNote teamSlug={team.slug} details={summary.details} />
          <p className="mt-4 text-sm text-gray-700">
            {account.label} now has {account.connectionCount.toLocaleString("en")} connections.{" "}
            <Link className="text-blue-800 underline" href={accountUrl}>View connections count on the account</Link>
          </p>
        </Card>
      )}

      {summary.status === "FAILED" && (
        <div className="flex flex-col gap-3">
          <Alert tone="error">{summary.error ?? "The import failed. Nothing was changed."}</Alert>
          <div><Link className={buttonClass("secondary")} href={accountUrl}>Upload again</Link></div>
        </div>
      )}

      {rejections.length > 0 && (
        <Card title={`Rejected rows (${rejectedTotal.toLocaleString("en")})`}>
          <RejectionsTable rows={rejections} total={rejectedTotal} downloadUrl={`/api/t/${team.slug}/imports/${summary.importId}/rejected`} />
        </Card>
      )}

      {warnings.length > 0 && (
        <Card title={`Warnings (${summary.warnings.toLocaleString("en")})`}>
          <WarningsTable rows={warnings} total={summary.warnings} />
        </Card>
      )}
    </div>
  );
}
