import { getConnection } from "@crm/core";
import { ZConnectionDetail } from "@/features/api-v1/schemas";
import { apiJson, apiV1Route, otherMethods, pathId } from "@/lib/api-v1";

export const GET = apiV1Route<{ id: string }>({ scope: "read" }, async (_req, { ctx, params }) =>
  apiJson(ZConnectionDetail, await getConnection(ctx, pathId(params.id, "This connection"))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
