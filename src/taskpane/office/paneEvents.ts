// When Office shows the pane again. The manifest gives the add-in a shared runtime with
// lifetime="long": the page boots hidden when the workbook opens (for the custom functions) and keeps
// running while the pane is closed, so reopening the pane does NOT reload it. What the pane read at
// boot (the sheets, the connection, the outbox, the Office theme) may be stale by then: another
// workbook may have sent or queued reports, the user may have added sheets or changed theme.
//
// Office.addin.onVisibilityModeChanged (SharedRuntime 1.1) calls a handler with
// { visibilityMode: "Taskpane" } when the pane is shown and "Hidden" when it is hidden
// (https://learn.microsoft.com/javascript/api/office/office.addin and
// https://learn.microsoft.com/javascript/api/office/office.visibilitymode; @types/office-js:
// Office.Addin.onVisibilityModeChanged, Office.VisibilityMode, Office.VisibilityModeChangedMessage).
// This is the only place that registers it; the pane receives the events as a plain PaneEvents service.

/** Events of the pane's own lifetime, without Office: components and tests use a fake. */
export interface PaneEvents {
  /** Calls `listener` each time Office shows the pane again; returns a function that stops it. */
  onShown(listener: () => void): () => void;
}

/** The part of Office.addin this file uses. */
export type VisibilitySource = {
  onVisibilityModeChanged(handler: (message: { visibilityMode: string }) => void): Promise<unknown>;
};

/** Office.VisibilityMode.taskpane's value: the pane is shown. */
export const SHOWN = "Taskpane";

/**
 * PaneEvents over a visibility source (Office.addin in Excel). Registers one handler at once, which
 * calls every listener when the mode becomes "Taskpane". A source that fails to register gives events
 * that never fire (the pane then works as before: as read at boot, refreshed by hand).
 */
export function paneEventsFrom(source: VisibilitySource): PaneEvents {
  const listeners = new Set<() => void>();
  source
    .onVisibilityModeChanged((message) => {
      if (message?.visibilityMode !== SHOWN) return;
      for (const listener of [...listeners]) listener();
    })
    .catch(() => undefined);
  return {
    onShown(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * The pane's events inside Office, or null where Office.addin is missing or the host lacks
 * SharedRuntime 1.1 (then the pane is reloaded each time it opens and boots fresh anyway).
 */
export function officePaneEvents(): PaneEvents | null {
  try {
    if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported("SharedRuntime", "1.1")) return null;
    const addin = Office.addin as unknown as VisibilitySource | undefined;
    return addin && typeof addin.onVisibilityModeChanged === "function" ? paneEventsFrom(addin) : null;
  } catch {
    return null;
  }
}
