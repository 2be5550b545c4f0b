// Measure sheets: reading hand-built or generated sheets, validating a workbook, building a submission.
// Re-exports only, and only the public names (internal helpers stay in their files).
export { a1Address, columnLetters, parseA1, MAX_SHEET_COLUMN, MAX_SHEET_ROW } from "./address";
export { parsePeriod, excelSerialToDate, isDateNumberFormat, type DateSystem, type ParsePeriodOptions, type ParsedPeriod } from "./period";
export { matchHeaders, type HeaderColumns, type HeaderMatch, type HelperKind } from "./headers";
export { SheetIssueCode, type SheetIssue } from "./issues";
export {
  readMeasureSheet,
  type CellGrid,
  type ReadMeasureSheetInput,
  type MeasureSheetReading,
  type MeasureSheetRow,
  type SheetColumns,
} from "./readMeasureSheet";
export { validateWorkbook, SUSPICIOUS_VALUE_RULE, type ValidateWorkbookInput } from "./validateWorkbook";
export { toSubmission, type ToSubmissionInput, type SheetSubmission, type CellLocation } from "./toSubmission";
export {
  measureSheetLayout,
  measureSheetName,
  findMeasureSheet,
  type MeasureSheetLayout,
  type LayoutValidation,
  type LayoutRule,
} from "./layout";
