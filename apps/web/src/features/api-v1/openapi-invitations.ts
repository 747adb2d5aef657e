import type { z } from "zod";
import type { TOpenApiHelpers } from "./openapi-review";

// A LinkedIn account's invitations (issue 17) in the OpenAPI document (openapi.ts assembles it).

type TJson = Record<string, unknown>;

export const INVITATION_RESPONSES: Record<string, z.ZodType> = {};

export const INVITATION_REQUESTS: Record<string, z.ZodType> = {};

export function invitationPaths(_h: TOpenApiHelpers): TJson {
  return {};
}
