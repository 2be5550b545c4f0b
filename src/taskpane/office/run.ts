// How the adapter reaches Excel: Excel.run in the add-in; a function over a mock context in tests.

/** Runs a batch against the workbook (Excel.run's shape). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Whether the host supports an Excel API requirement set, e.g. ("ExcelApi", "1.18") for notes. */
export type SupportsApi = (set: "ExcelApi", version: string) => boolean;

/**
 * The options every batch runs with. `delayForCellEdit: true` makes Excel hold a batch until the user
 * leaves cell edit mode instead of failing it: without it (the default is `false`), any click in the
 * pane while a cell is being typed into fails. Source: Excel.RunOptions.delayForCellEdit,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions (and the same doc comment
 * on `Excel.RunOptions` in @types/office-js). Neither names a requirement set for this property
 * (its sibling `mergeUndoGroup` says ExcelApi 1.20), so it is passed unconditionally.
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

export const excelRun: ExcelRun = (batch) => Excel.run(RUN_OPTIONS, (context) => batch(context));

export const officeSupports: SupportsApi = (set, version) => {
  try {
    return Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
};
