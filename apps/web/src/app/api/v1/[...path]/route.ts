import { apiErrorResponse } from "@/lib/api-v1";

// Unknown API paths answer in the API's JSON error shape, not with the app's HTML 404 page.
const unknown = async (req: Request) =>
  apiErrorResponse(404, "NOT_FOUND", `There is no API endpoint ${req.method} ${new URL(req.url).pathname}. The endpoints are listed in /api/v1/openapi.json.`);

export const GET = unknown;
export const POST = unknown;
export const PUT = unknown;
export const PATCH = unknown;
export const DELETE = unknown;
