export const MAX_WEB_PROCESSES: number;
export function usableCores(): number;
export function poolShare(raw: string | undefined, count: number): number | null;
export function parseWebProcesses(raw: string | undefined, opts?: { cores?: number; testClock?: boolean }): number;
export function onProcessExit(s: { booted: boolean; closing: boolean; crashTimes: number[]; now: number; maxCrashes?: number }): "gone" | "stop" | "restart";
export function runPrimary(count: number, port: number): void;
