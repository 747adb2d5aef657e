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

/** The most "@"s a comment is searched at: a comment cannot usefully mention more people. */
export const MENTION_SCAN_LIMIT = 50;

/** The ids of the members mentioned in `body`, in order of first mention. */
export function parseMentions(body: string, members: TMentionable[]): string[] {
  if (!body.includes("@")) return [];
  // token → its member, or null when several members share it (ambiguous, so dropped).
  const tokens = new Map<string, string | null>();
  for (const m of members) {
    for (const t of tokensOf(m)) {
      const had = tokens.get(t);
      tokens.set(t, had === undefined || had === m.id ? m.id : null);
    }
  }
  // Each "@" looks up one slice per distinct token length, longest first (so "Ana Lima" beats
  // "Ana"): a hostile comment (thousands of "@", a thousand members) costs a few hash lookups per
  // "@", not a copy of the rest of the comment and a scan of every name.
  const lengths = [...new Set(Array.from(tokens.keys(), (t) => t.length))].sort((a, b) => b - a);
  const lower = body.toLowerCase();
  const found: string[] = [];
  let examined = 0;
  for (let i = lower.indexOf("@"); i !== -1 && examined < MENTION_SCAN_LIMIT; i = lower.indexOf("@", i + 1)) {
    if (i > 0 && isWord(lower, i - 1)) continue; // an email address, not a mention
    if (!isWord(lower, i + 1)) continue; // "@" alone, "@@", "@ "
    examined++;
    for (const n of lengths) {
      const end = i + 1 + n;
      if (end > lower.length) continue;
      const id = tokens.get(lower.slice(i + 1, end));
      if (!id || isWord(lower, end)) continue;
      if (!found.includes(id)) found.push(id);
      break;
    }
  }
  return found;
}

/** Whether the character at `at` (a whole code point, so an emoji or astral letter counts once) is a word character. */
function isWord(s: string, at: number): boolean {
  let cp = s.codePointAt(at);
  if (cp === undefined) return false;
  // The low half of a pair belongs to the character before it.
  if (cp >= 0xdc00 && cp <= 0xdfff && at > 0) cp = s.codePointAt(at - 1) ?? cp;
  return WORD.test(String.fromCodePoint(cp));
}
