// An item's audit rows in words for its card ("Voted Remove: “spam account”"). The write side
// records metadata {before, after, choice, reason} (bulk rows also batchId and count); old or
// unknown shapes still read sensibly.

const CHOICE: Record<string, string> = { keep: "Keep", remove: "Remove", follow_up: "Follow up", snooze: "Snooze" };
const STATE: Record<string, string> = { open: "open", snoozed: "snoozed", approved: "approved for removal", done: "done", closed: "closed" };

type TMeta = { choice?: unknown; reason?: unknown; before?: unknown; after?: unknown; count?: unknown; snoozeUntil?: unknown; followUpOn?: unknown; batchId?: unknown; undid?: unknown; outcome?: unknown; budgetReturned?: unknown };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
/** A withdraw_invitation item's words for the same choices (docs/decisions/0013). */
const INVITATION_CHOICE: Record<string, string> = { ...CHOICE, keep: "Keep waiting", remove: "Withdraw" };
const choiceWord = (v: unknown, words = CHOICE) => {
  const s = str(v)?.toLowerCase();
  return s ? (words[s] ?? s) : null;
};
/** A state as the write side records it: "approved", or {state: "approved", …}. */
const stateOf = (v: unknown) => {
  const s = (str(v) ?? str((v as { state?: unknown } | null)?.state))?.toLowerCase();
  return s ? (STATE[s] ?? s) : null;
};
const why = (m: TMeta) => {
  const r = str(m.reason);
  return r ? `: “${r.length > 200 ? `${r.slice(0, 199)}…` : r}”` : "";
};
const dated = (m: TMeta) => {
  const until = str(m.snoozeUntil);
  const on = str(m.followUpOn);
  return until ? ` until ${until.slice(0, 10)}` : on ? ` on ${on.slice(0, 10)}` : "";
};
const bulk = (m: TMeta) => {
  if (!m.batchId) return "";
  return typeof m.count === "number" ? ` (bulk, ${m.count} item${m.count === 1 ? "" : "s"})` : " (bulk)";
};

/** `kind`: the item's kind (enum), so an invitation's history says Withdraw / Keep waiting. */
export function historyText(action: string, metadata: unknown, kind?: string): string {
  const m = (metadata && typeof metadata === "object" ? metadata : {}) as TMeta;
  const choice = choiceWord(m.choice, kind === "WITHDRAW_INVITATION" ? INVITATION_CHOICE : CHOICE);
  switch (action) {
    case "review.vote":
      return `Voted ${choice ?? "on it"}${dated(m)}${bulk(m)}${why(m)}`;
    case "review.vote_retracted":
      return "Took back their vote";
    case "review.decide":
      return `Decided ${choice ?? "it"}${dated(m)}${bulk(m)}${why(m)}`;
    case "review.undo": {
      // undo-review.ts records undid: "vote" | "decide" (a batch: the batch's action, and its count).
      const what = m.undid === "vote" ? (typeof m.count === "number" && m.count > 1 ? "Took back their votes" : "Took back their vote") : "Undid the decision";
      const [from, to] = [stateOf(m.before), stateOf(m.after)];
      return from && to && from !== to ? `${what} (${from} → ${to})${bulk(m)}` : `${what}${bulk(m)}`;
    }
    case "review.comment":
      return "Commented";
    case "review.items_added":
    case "review.proposed":
    case "review.propose":
      return `Proposed ${choice ?? "it"} by hand${why(m)}`;
    case "removal.outcome":
      return m.outcome === "REMOVED" || m.outcome === "removed"
        ? "Removed them on LinkedIn (removal session)"
        : m.outcome === "NOT_FOUND" || m.outcome === "not_found"
          ? "Couldn't find them on LinkedIn (removal session)"
          : "Kept them after all (removal session)";
    case "removal.undo":
      return m.budgetReturned === true ? "Undid the removal session's outcome (budget given back)" : "Undid the removal session's outcome";
    default:
      return action.replace(/^review\./, "").replace(/[._]/g, " ").replace(/^./, (c) => c.toUpperCase());
  }
}
