import Link from "next/link";

export type TIcpRef = { id: string; name: string };
/** tag id → the profiles with a rule on it (core's listTagIcpUsage). */
export type TUsage = Record<string, TIcpRef[]>;

/** “Sales leaders” and “Partners”, each a link to the profile. */
export function IcpNames({ icps, icpsUrl }: { icps: TIcpRef[]; icpsUrl: string }) {
  return (
    <>
      {icps.map((i, n) => (
        <span key={i.id}>
          {n > 0 && (n === icps.length - 1 ? " and " : ", ")}
          <Link className="underline" href={`${icpsUrl}/${i.id}`}>“{i.name}”</Link>
        </span>
      ))}
    </>
  );
}

const profiles = (n: number) => (n === 1 ? "profile" : "profiles");

/** What a rename, merge or delete does to the ICP rules on the tag, said before the user confirms. */
export function IcpRuleNote({ mode, tagName, icps, icpsUrl, into, intoUsed }: {
  mode: "rename" | "merge" | "delete"; tagName: string; icps: TIcpRef[]; icpsUrl: string; into?: string; intoUsed?: TIcpRef[];
}) {
  if (icps.length === 0) return null;
  const both = mode === "merge" ? icps.filter((i) => intoUsed?.some((o) => o.id === i.id)) : [];
  return (
    <p className="text-sm text-amber-900" data-testid="icp-rule-note">
      Used by the ideal customer {profiles(icps.length)} <IcpNames icps={icps} icpsUrl={icpsUrl} />.{" "}
      {mode === "rename" && <>Their rule on this tag keeps working under the new name; they are rescored.</>}
      {mode === "merge" && (
        <>
          Their rule on “{tagName}” moves to {into ? `“${into}”` : "the tag you choose"}
          {both.length > 0 && <> (<IcpNames icps={both} icpsUrl={icpsUrl} /> already {both.length === 1 ? "has a rule" : "have rules"} on it, which {both.length === 1 ? "stays" : "stay"})</>}; they are rescored.
        </>
      )}
      {mode === "delete" && <>Deleting the tag removes its rule from {icps.length === 1 ? "that profile" : "those profiles"}, which are then rescored.</>}
    </p>
  );
}
