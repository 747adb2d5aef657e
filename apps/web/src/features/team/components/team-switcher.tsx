"use client";
import { useRouter } from "next/navigation";

/** A plain select: keyboard users switch teams with arrow keys, no custom menu to learn. */
export function TeamSwitcher({ current, teams }: { current: string; teams: Array<{ slug: string; name: string }> }) {
  const router = useRouter();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="team-switcher" className="sr-only">Switch team</label>
      <select
        id="team-switcher"
        value={current}
        onChange={(e) => (e.target.value === "__new" ? router.push("/teams/new") : router.push(`/t/${e.target.value}`))}
        className="rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm font-medium"
      >
        {teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
        <option value="__new">+ Create a team…</option>
      </select>
    </div>
  );
}
