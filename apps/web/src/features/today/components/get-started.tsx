import Link from "next/link";
import { listLinkedInAccounts, roleAtLeast, type TTeamContext } from "@crm/core";
import { buttonClass, Card } from "@crm/ui";

/** The team home before the team has data: what to do first. */
export async function GetStarted({ team }: { team: TTeamContext }) {
  const accounts = await listLinkedInAccounts(team);
  const accountsUrl = `/t/${team.slug}/accounts`;
  return (
    <Card title="Get started">
      <p className="text-gray-700">
        {accounts.length === 0 ? "Your team has no LinkedIn networks yet. Here is what to do next:" : "Here is what to do next:"}
      </p>
      <ol className="mt-4 list-decimal space-y-3 pl-6 text-gray-800">
        <li>
          <strong>Add your LinkedIn network.</strong>{" "}
          {accounts.length === 0 ? (
            <>
              Add an account for your LinkedIn network, then upload its data export from LinkedIn (Settings → Data privacy →
              Get a copy of your data → Connections).
              <div className="mt-2"><Link className={buttonClass("primary")} href={accountsUrl}>Add your LinkedIn network</Link></div>
            </>
          ) : (
            <>
              Your team’s networks:
              <ul className="mt-2 space-y-1">
                {accounts.map((a) => (
                  <li key={a.id}>
                    <Link className="text-blue-800 underline" href={`${accountsUrl}/${a.id}`}>{a.label}</Link>{" "}
                    <span className="text-gray-700">· {a.connectionCount.toLocaleString("en")} connections · {a.owner.name}</span>
                  </li>
                ))}
              </ul>
              <div className="mt-2 flex flex-wrap items-center gap-4">
                <Link className={buttonClass("primary")} href={`/t/${team.slug}/connections`}>Browse your connections</Link>
                <Link className="text-sm text-blue-800 underline" href={accountsUrl}>Manage LinkedIn accounts</Link>
              </div>
            </>
          )}
        </li>
        <li>
          <strong>Invite your teammates</strong> so each of them can add their own network and review candidates with you.
          {roleAtLeast(team.role, "ADMIN") && (
            <div className="mt-2"><Link className={buttonClass("primary")} href={`/t/${team.slug}/settings/members`}>Invite teammates</Link></div>
          )}
        </li>
        <li>
          <strong>Describe your Ideal Customer Profile</strong> to score every connection against it, with the reasons spelled out.
          <div className="mt-2"><Link className={buttonClass("secondary")} href={`/t/${team.slug}/icps`}>Describe your Ideal Customer Profile</Link></div>
        </li>
      </ol>
    </Card>
  );
}
