import type { IncomingMessage } from "node:http";

export const CLIENT_IP_HEADER: "x-crm-client-ip";
export const CLIENT_IP_MARK: unique symbol;
export function normalizeIp(ip: string | undefined): string;
export function parseHops(raw: string | undefined): number;
export function clientIpFrom(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string;
export function applyClientIp(req: Pick<IncomingMessage, "headers" | "socket">, hops: number): void;
