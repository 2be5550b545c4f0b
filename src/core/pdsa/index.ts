// PDSA cycles as data: reading a team's PDSA log, the layout "Create PDSA log" writes, and where run
// charts mark the cycles. Re-exports only.
export { matchPdsaHeaders, PDSA_FIELDS, PDSA_HEADERS, type PdsaColumns, type PdsaField, type PdsaHeaderMatch } from "./pdsaHeaders";
export { parseDay, type ParsedDay } from "./parseDay";
export { readPdsaLog, readDecision, type ReadPdsaLogInput, type PdsaLogReading } from "./readPdsaLog";
export { pdsaLogLayout, findPdsaLogSheet, PDSA_LOG_SHEET, PDSA_LOG_TABLE, type PdsaLogLayout } from "./pdsaLogLayout";
export { cycleMarks, type CycleMark } from "./cycleMarks";
export { cycleChartLabels, type ChartLabel } from "./chartLabels";
