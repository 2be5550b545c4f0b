// Moved to src/web/chart/styles.ts (shared by the faculty app and the task pane); this re-export keeps
// the faculty views' imports as they were.
export * from "../../web/chart/styles";
