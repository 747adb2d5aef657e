import type { TDateFormat } from "@/features/invitations/labels";
import { RECEIVED_INVITATIONS_URL, type TInvitationList, type TInvitationSort } from "@crm/core";
import { Badge } from "@crm/ui";
import { FIT_LABELS, FIT_TONES, ageText, responseText } from "../labels";
import { PersonLink, SentCell } from "./person-link";
import { ResponseButtons } from "./response-buttons";
import { SortHeader } from "./sort-header";

// Received invitations, best ICP fit first, with why, the inviter's words and the owner's answer.

type TProps = {
  list: TInvitationList;
  slug: string;
  accountId: string;
  isOwner: boolean;
  ownerName: string;
  fmt: TDateFormat;
  timeZone: string;
  sortHref: (s: TInvitationSort, d: "asc" | "desc") => string;
};

export function IncomingTable({ list, slug, accountId, isOwner, ownerName, fmt, timeZone, sortHref }: TProps) {
  if (list.rows.length === 0) return <p className="text-sm text-gray-700">No received invitations match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Received invitations (dates in {timeZone})</caption>
        <thead className="border-b border-gray-300 text-gray-600">
          <tr>
            <SortHeader label="Person" sort="name" current={list.sort} dir={list.dir} href={sortHref} />
            <SortHeader label="Fit" sort="fit" current={list.sort} dir={list.dir} href={sortHref} />
            <SortHeader label="Received" sort="age" current={list.sort} dir={list.dir} href={sortHref} dates />
            <th scope="col" className="pr-4">Message</th>
            <th scope="col">Your answer</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r) => (
            <tr key={r.id} className="border-b border-gray-200 align-top last:border-0" data-testid="invitation-row">
              <td className="py-2 pr-4">
                <PersonLink row={r} />
                {r.fit?.knownAs && (
                  <p className="text-xs text-gray-600">
                    {[r.fit.knownAs.position, r.fit.knownAs.company].filter(Boolean).join(" at ")} (connected to {r.fit.knownAs.accountLabel})
                  </p>
                )}
              </td>
              <td className="py-2 pr-4">
                {r.fit ? (
                  <>
                    <Badge tone={FIT_TONES[r.fit.band]}>{r.fit.band === "none" ? FIT_LABELS.none : `${FIT_LABELS[r.fit.band]} · ${r.fit.score}`}</Badge>
                    {r.fit.icpName && <p className="mt-1 text-xs text-gray-600">{r.fit.icpName}</p>}
                    {r.fit.reasons.length > 0 && (
                      <ul className="mt-1 list-disc pl-4 text-xs text-gray-700" aria-label={`Why ${r.name} fits`}>
                        {r.fit.reasons.slice(0, 4).map((x) => <li key={x}>{x}</li>)}
                      </ul>
                    )}
                  </>
                ) : (
                  FIT_LABELS.none
                )}
              </td>
              <td className="whitespace-nowrap py-2 pr-4"><SentCell row={r} fmt={fmt} /><p className="text-xs text-gray-600">{ageText(r.ageDays)}</p></td>
              <td className="max-w-xs py-2 pr-4 text-gray-800">{r.messageExcerpt ? <q>{r.messageExcerpt}</q> : <span className="text-gray-600">No message</span>}</td>
              <td className="py-2">
                {r.response && <p className="mb-1 text-xs text-gray-800" data-testid="invitation-response-state">{responseText(r.response, fmt)}</p>}
                {isOwner && r.status === "pending" && (
                  <p className="mb-1 text-xs">
                    <a className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={RECEIVED_INVITATIONS_URL} target="_blank" rel="noopener noreferrer">
                      Open received invitations<span className="sr-only"> to answer {r.name} (LinkedIn, opens in a new tab)</span>
                    </a>
                  </p>
                )}
                {isOwner && r.status === "pending" ? (
                  <ResponseButtons teamSlug={slug} accountId={accountId} invitationId={r.id} name={r.name} current={r.response?.value ?? null} />
                ) : (
                  !r.response && <span className="text-xs text-gray-600">{isOwner ? "–" : `Waiting for ${ownerName}`}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
