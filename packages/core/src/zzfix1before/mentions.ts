// @mentions in review comments: `@` followed by a teammate's full name, first name or email local
// part, case-insensitive, the longest match first. A token two teammates share (a first name, say)
// mentions nobody: guessing would notify the wrong person.

export type TMentionable = { id: string; name: string; email: string };

const WORD = /[\p{L}\p{N}_]/u;

function tokensOf(m: TMentionable): string[] {
  const full = m.name.trim().replace(/\s+/g, " ").toLowerCase();
  const first = full.split(" ")[0] ?? "";
  const local = m.email.split("@")[0]?.toLowerCase() ?? "";
  return [...new Set([full, first, local].filter((t) => t.length > 0))];
}

/** The ids of the members mentioned in `body`, in order of first mention. */
export function parseMentions(body: string, members: TMentionable[]): string[] {
  const owners = new Map<string, Set<string>>();
  for (const m of members) {
    for (const t of tokensOf(m)) {
      const set = owners.get(t) ?? new Set<string>();
      set.add(m.id);
      owners.set(t, set);
    }
  }
  // A token of several members is ambiguous and dropped; longest first so "Ana Lima" beats "Ana".
  const tokens = [...owners.entries()]
    .filter(([, ids]) => ids.size === 1)
    .map(([t, ids]) => ({ t, id: [...ids][0]! }))
    .sort((a, b) => b.t.length - a.t.length);
  const lower = body.toLowerCase();
  const found: string[] = [];
  for (let i = lower.indexOf("@"); i !== -1; i = lower.indexOf("@", i + 1)) {
    if (i > 0 && WORD.test(lower[i - 1]!)) continue; // an email address, not a mention
    const rest = lower.slice(i + 1);
    const hit = tokens.find(({ t }) => rest.startsWith(t) && !WORD.test(rest[t.length] ?? ""));
    if (hit && !found.includes(hit.id)) found.push(hit.id);
  }
  return found;
}
