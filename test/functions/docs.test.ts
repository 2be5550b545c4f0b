// docs/functions.md is generated from the functions' JSDoc: this test regenerates it in memory and
// fails when the committed page is out of date.
import { readFileSync } from "node:fs";
import { generateFunctionsDoc, OUTPUT, splitExample } from "../../scripts/gen-functions-docs";

describe("docs/functions.md", () => {
  it("is up to date with src/functions/functions.ts", async () => {
    const expected = await generateFunctionsDoc();
    let current = "";
    try {
      current = readFileSync(OUTPUT, "utf8");
    } catch {
      // a missing page is out of date too
    }
    if (current !== expected) {
      throw new Error(
        "docs/functions.md is out of date with the JSDoc of src/functions/functions.ts: " +
          "run `npx tsx scripts/gen-functions-docs.ts` (npm run docs:functions) and commit the result",
      );
    }
  });

  it("documents every function with its signature, parameters, result and example", async () => {
    const page = await generateFunctionsDoc();
    expect(page).toContain("`=QI.LIMITS(chart, values, [denominators], [baseline], [groupBy], [tests], [sigmaLines])`");
    expect(page).toContain("| denominators (optional) | range |");
    expect(page).toContain("**Result (spills):** Four columns (center line, LCL, UCL, outside)");
    expect(page).toContain('**Example:** `=QI.LIMITS("p", B2:B25, C2:C25, 12)`');
    expect(page).toContain("**Example:** `=QI.PROGRESS(40, 55, 70)` gives `0.5`");
    // the @remarks detail kept out of Excel's 255-character description is on the page
    expect(page).toContain('Charts: "i" (individuals), "mr" (moving range)');
    expect(page).toContain("0 = no change, 1 = goal reached, above 1 = goal beaten, below 0 = moved the wrong way.");
  });

  it("splitExample(description) separates the example formula from the description", () => {
    expect(splitExample("Does X. Example: =QI.X(A1)")).toEqual({ text: "Does X.", example: "=QI.X(A1)" });
    expect(splitExample("Does X.")).toEqual({ text: "Does X.", example: null });
  });
});
