// The adapter's Excel.run: every batch asks Excel to wait while the user is editing a cell.
// Source: Excel.RunOptions.delayForCellEdit, "When false, if the user is in cell edit when the batch
// request is processed by the host, the batch automatically fails. When true, … the batch request is
// delayed until the user exits cell edit mode" (https://learn.microsoft.com/en-us/javascript/api/excel/excel.runoptions;
// the same text on `Excel.RunOptions.delayForCellEdit` in @types/office-js), and the overload
// `Excel.run(options: Excel.RunOptions, batch)` in @types/office-js.
import { excelRun, RUN_OPTIONS } from "../../../src/taskpane/office/run";

describe("excelRun", () => {
  const global = globalThis as unknown as { Excel?: unknown };
  afterEach(() => {
    delete global.Excel;
  });

  it("passes { delayForCellEdit: true } to Excel.run with the batch", async () => {
    const calls: unknown[][] = [];
    const context = { workbook: {} };
    global.Excel = {
      run: (...args: unknown[]) => {
        calls.push(args);
        const batch = args[args.length - 1] as (c: unknown) => Promise<unknown>;
        return batch(context);
      },
    };
    const seen: unknown[] = [];
    await expect(excelRun(async (c) => (seen.push(c), 42))).resolves.toBe(42);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toEqual({ delayForCellEdit: true });
    expect(calls[0]![0]).toBe(RUN_OPTIONS);
    expect(seen).toEqual([context]);
  });
});
