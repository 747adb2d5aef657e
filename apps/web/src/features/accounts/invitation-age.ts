// How long an invitation has been pending, in the unit people use for it: an invitation left
// for weeks or months is the point of the list (LinkedIn withdraws old ones eventually).

const DAY = 24 * 60 * 60 * 1000;

export function invitationAge(sentAt: Date, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - sentAt.getTime()) / DAY));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (days === 0) return "today";
  if (days < 14) return unit(days, "day");
  if (days < 60) return unit(Math.floor(days / 7), "week");
  if (days < 730) return unit(Math.floor(days / 30.44), "month");
  return unit(Math.floor(days / 365.25), "year");
}
