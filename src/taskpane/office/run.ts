// How the adapter reaches Excel: Excel.run in the add-in; a function over a mock context in tests.

/** Runs a batch against the workbook (Excel.run's shape). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Whether the host supports an Excel API requirement set, e.g. ("ExcelApi", "1.18") for notes. */
export type SupportsApi = (set: "ExcelApi", version: string) => boolean;

export const excelRun: ExcelRun = (batch) => Excel.run((context) => batch(context));

export const officeSupports: SupportsApi = (set, version) => {
  try {
    return Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
};
