"use client";

// The app's clock in the browser: the server's (which the e2e test clock may move days ahead),
// learnt from a server render, else the browser's own. "Due today" and the suggested dates then
// agree with what the server calls due.

let skewMs = 0;

/** A server render's clock reading, taken as the app's time now (a render is a moment old at most). */
export function noteServerNow(serverNow: number): void {
  if (Number.isFinite(serverNow)) skewMs = serverNow - Date.now();
}

export function appNow(): number {
  return Date.now() + skewMs;
}
