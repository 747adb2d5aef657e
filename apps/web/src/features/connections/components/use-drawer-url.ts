"use client";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import { useSearchParams } from "next/navigation";
import { withQuery } from "../labels";

/**
 * The open drawer lives in the URL (?open=<id>), so a link to it can be shared and the back button
 * closes it. Opening pushes a history entry without a server round trip (the drawer loads its own
 * data); closing goes back over that entry when we pushed it. However the drawer closes (Escape,
 * Close, Back), focus returns to its row.
 */
export function useDrawerUrl(basePath: string, query: string, body: RefObject<HTMLElement | null>) {
  const openId = useSearchParams().get("open");
  const pushed = useRef(false);
  const lastOpen = useRef(openId);

  const openConnection = useCallback(
    (id: string) => {
      const p = new URLSearchParams(query);
      p.set("open", id);
      window.history.pushState(null, "", withQuery(basePath, p.toString()));
      pushed.current = true;
    },
    [query, basePath],
  );

  const closeDrawer = useCallback(() => {
    if (pushed.current) {
      pushed.current = false;
      window.history.back();
    } else {
      window.history.replaceState(null, "", withQuery(basePath, query));
    }
  }, [query, basePath]);

  useEffect(() => {
    const was = lastOpen.current;
    lastOpen.current = openId;
    if (!openId) pushed.current = false;
    if (was && !openId) body.current?.querySelector<HTMLElement>(`tr[data-id="${was}"]`)?.focus();
  }, [openId, body]);

  return { openId, openConnection, closeDrawer };
}
