// Moved to src/web/chart/Chart.tsx (shared by the faculty app and the task pane); this re-export keeps
// the faculty views' imports as they were.
export * from "../../web/chart/Chart";
