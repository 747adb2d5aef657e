import { openApiDocument } from "@/features/api-v1/openapi";
import { otherMethods } from "@/lib/api-v1";

// Public, like any API reference: it describes the API, holds no team data, and needs no key.
export const GET = async () => Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
