// How many times Office showed the pane again since it booted. The shared runtime keeps the page
// alive while the pane is closed, so it is not reloaded: each time it is shown, the outbox is read
// again from storage (another workbook may have queued or sent reports meanwhile) and retried, and
// the hooks that take `shownCount` as a dependency read the connection and the sheets again.
import { useEffect, useState } from "react";
import type { Outbox } from "../api/outbox";
import type { PaneEvents } from "../office/paneEvents";

export function usePaneShown(paneEvents: PaneEvents | null | undefined, outbox: Outbox): number {
  const [shownCount, setShownCount] = useState(0);
  useEffect(() => {
    if (!paneEvents) return;
    return paneEvents.onShown(() => {
      setShownCount((n) => n + 1);
      void outbox
        .start()
        .then(() => outbox.retryAll())
        .catch(() => undefined);
    });
  }, [paneEvents, outbox]);
  return shownCount;
}
