import type { IncomingMessage, ServerResponse } from "node:http";

export function isMalformedPath(pathname: string): boolean;
export function refuseMalformedPath(req: Pick<IncomingMessage, "url">, res: ServerResponse): boolean;
