import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@crm/config";

// NIST 800-63B style: length limits counted in Unicode code points, no composition rules, a
// blocklist of common passwords, and a strength estimate (zxcvbn) that refuses guessable patterns
// (aaaaaaaa, abcdefgh, keyboard walks) and passwords built from the user's own name or email.
// The password is used exactly as typed (no trimming or folding).

/** zxcvbn scores 0–4; below 2 is "too guessable" (fewer than ~10^6 guesses, OWASP's minimum). */
export const MIN_PASSWORD_SCORE = 2;

let blocklist: Set<string> | undefined;
function commonPasswords(): Set<string> {
  blocklist ??= new Set((dictionary["passwords-common"] as string[]).filter((p) => p.length >= PASSWORD_MIN_LENGTH));
  return blocklist;
}

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator;
}

export function passwordLength(password: string): number {
  return [...password].length;
}

/** The pieces of a name and email a password must not be built from (3+ letters each). */
function personalWords(context: { email?: string; name?: string }): string[] {
  const email = context.email?.toLowerCase() ?? "";
  const parts = [context.name ?? "", email.split("@")[0] ?? "", email.split("@")[1]?.split(".")[0] ?? ""];
  const words = parts.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => [...w].length >= 3);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** True when little is left once the name/email words, digits and punctuation are taken out. */
function builtFromPersonalWords(password: string, words: string[]): boolean {
  let rest = password.toLowerCase();
  let removed = false;
  for (const w of words) {
    if (rest.includes(w)) {
      rest = rest.split(w).join("");
      removed = true;
    }
  }
  return removed && rest.replace(/[^\p{L}]/gu, "").length < 4;
}

/** Returns the problem with a password in words a user can act on, or null when it is fine. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const len = passwordLength(password);
  if (len < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters (you typed ${len}).`;
  if (len > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters (you typed ${len}).`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "This password is on a list of commonly used passwords. Choose another.";
  if (context.email && lower === context.email.toLowerCase()) return "Do not use your email address as your password.";
  const words = personalWords(context);
  if (builtFromPersonalWords(password, words)) return "Do not build your password from your name or email address. Add words of your own.";
  const result = zxcvbn().check(password, words);
  if (result.score < MIN_PASSWORD_SCORE) {
    const hint = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
    return `This password is too easy to guess${hint ? ` (${hint})` : ""}. Try a few unrelated words, like a short phrase only you would think of.`;
  }
  return null;
}

// zxcvbn's warning keys, in our words (its translated messages need a language package).
const WARNINGS: Record<string, string> = {
  straightRow: "a row of keys on the keyboard",
  keyPattern: "a keyboard pattern",
  simpleRepeat: "repeated characters",
  extendedRepeat: "a repeated pattern",
  sequences: "a sequence like abc or 1234",
  recentYears: "a recent year",
  dates: "a date",
  topTen: "one of the most used passwords",
  topHundred: "a very commonly used password",
  common: "a commonly used password",
  similarToCommon: "close to a commonly used password",
  wordByItself: "a single word",
  namesByThemselves: "a name by itself",
  commonNames: "a common name",
  userInputs: "it contains your name or email",
  pwned: "it appeared in a data breach",
};
