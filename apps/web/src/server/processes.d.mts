export const MAX_WEB_PROCESSES: number;
export function parseWebProcesses(raw: string | undefined, opts?: { cores?: number; testClock?: boolean }): number;
export function onProcessExit(s: { listened: boolean; closing: boolean; crashTimes: number[]; now: number; maxCrashes?: number }): "gone" | "stop" | "restart";
export function runPrimary(count: number, port: number): void;
