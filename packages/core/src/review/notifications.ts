import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function listNotifications(_ctx: TTeamContext, _input: { cursor?: string; limit?: number; unreadOnly?: boolean }): Promise<{ items: T.TNotificationView[]; nextCursor: string | null }> {
  throw new Error("not implemented");
}
export async function unreadNotificationCount(_ctx: TTeamContext): Promise<number> {
  throw new Error("not implemented");
}
export async function markNotificationsRead(_ctx: TTeamContext, _input: { ids: string[] } | { all: true }): Promise<{ count: number }> {
  throw new Error("not implemented");
}
