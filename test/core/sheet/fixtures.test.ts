/**
 * The committed JSON grids of test/fixtures/real-workbooks are exactly what scripts/xlsx-to-grid.ts
 * makes of the committed .xlsx files, so the reader's tests run on faithful copies of the workbooks.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gridToJson, workbookToGrid } from "../../../scripts/xlsx-to-grid";

const folder = join(__dirname, "../../fixtures/real-workbooks");

describe("scripts/xlsx-to-grid.ts on the real workbooks", () => {
  it.each(["L1-1", "L2-2", "L2-5"])("workbookToGrid('%s.xlsx') gives the committed JSON grid", async (name) => {
    const grid = await workbookToGrid(join(folder, `${name}.xlsx`));
    expect(gridToJson(grid)).toBe(readFileSync(join(folder, `${name}.json`), "utf8"));
  });

  it("writes shared formulas out per cell, as Excel's range.formulas does", async () => {
    const grid = await workbookToGrid(join(folder, "L1-1.xlsx"));
    const { formulas, values } = grid.sheets[0];
    expect(formulas[1][2]).toBe("=MEDIAN(B:B)");
    expect(formulas[40][2]).toBe("=MEDIAN(B:B)");
    expect(formulas[40][3]).toBe("=H$3+(H$2* 3 )");
    expect(values[40][2]).toBe(5.330389227253633);
    expect(formulas[1][7]).toBe("=STDEV(B2:B53)");
    expect(formulas[1][1]).toBe(values[1][1]);
  });
});
