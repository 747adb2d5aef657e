import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { THeaderGetter } from "./api-key-header.mjs";

export const RETURN_PATH_HEADER: "x-crm-return-path";
export const EDGE_MARK: unique symbol;
export function nodeHeaders(h: IncomingHttpHeaders): THeaderGetter;
export function applyEdge(req: Pick<IncomingMessage, "url" | "method" | "headers">, res: ServerResponse, hops: number): boolean;
