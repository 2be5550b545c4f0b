// QI.* functions given cells that hold Excel data types. They arrive as Excel.CellValue objects because
// the metadata allows custom data in `any` parameters ("allowCustomDataForDataTypeAny": true,
// https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts, "Enable data
// types for custom functions"; https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json,
// allowCustomDataForDataTypeAny) and every series parameter is `any` (test/functions/metadata.test.ts).
// Shapes: @types/office-js Excel.FormattedNumberCellValue, Excel.EntityCellValue, Excel.LinkedEntityCellValue.
import { excelErrorOf } from "./customFunctionsShim";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { join } from "node:path";
import * as QI from "../../src/functions/functions";

describe("QI.* with cells holding data types", () => {
  it("the generated metadata allows custom data (data types) in `any` parameters", async () => {
    const result = await generateCustomFunctionsMetadata(join(__dirname, "../../src/functions/functions.ts"), false);
    expect(result.errors).toEqual([]);
    expect(JSON.parse(result.metadataJson).allowCustomDataForDataTypeAny).toBe(true);
  });

  it("reads a formatted number by its basic value", () => {
    const pct = (x: number) => ({ type: "FormattedNumber", basicValue: x, numberFormat: "0%" });
    expect(QI.centerLine([[pct(0.8)], [pct(0.9)], [pct(0.85)]])).toBe(0.85);
  });

  it("answers #VALUE! naming a linked data type with no number", () => {
    const stock = { type: "LinkedEntity", text: "Microsoft Corp", basicValue: "#VALUE!", id: { serviceId: 268435456, domainId: "Stocks", entityId: "x", culture: "en-US" } };
    expect(excelErrorOf(() => QI.centerLine([[1], [2], [3], [stock]]))).toEqual({
      code: "#VALUE!",
      message: "point 4 is the data type 'Microsoft Corp' (linked data type, Stocks), which has no number: enter the number itself, or a formula that takes one of its number fields (e.g. =A2.Price)",
    });
  });
});
