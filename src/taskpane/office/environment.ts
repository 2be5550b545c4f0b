// What the pane needs to know about its Office host at start-up: are we in Excel, and is its theme dark.
import type { PaneEvents } from "./paneEvents";

/** True when Office.onReady said the pane runs in Excel (not in a plain browser, where host is null). */
export function isExcel(info: { host: Office.HostType | null } | null | undefined): boolean {
  return typeof Office !== "undefined" && info?.host === Office.HostType.Excel;
}

/** "dark" or "light" from Office's theme; null outside Office or when the host does not say. */
export function officeThemeKind(): "dark" | "light" | null {
  try {
    const theme = Office.context?.officeTheme;
    if (!theme) return null;
    if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme ? "dark" : "light";
    const hex = /^#?([0-9a-f]{6})$/i.exec(theme.bodyBackgroundColor ?? "")?.[1];
    if (!hex) return null;
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? "dark" : "light";
  } catch {
    return null;
  }
}

/**
 * Calls `onTheme` with Office's theme each time the pane is shown again: the shared runtime keeps the
 * page (and the theme it read at boot) alive while the pane is closed, and the user may have switched
 * Office's theme meanwhile. Returns a function that stops it.
 */
export function watchOfficeTheme(paneEvents: PaneEvents | null, onTheme: (kind: "dark" | "light" | null) => void): () => void {
  if (!paneEvents) return () => undefined;
  return paneEvents.onShown(() => onTheme(officeThemeKind()));
}
