/**
 * Every `@example` line (`expression; // => value`) in the JSDoc of src/core/sheet, evaluated against
 * the public surface (src/core/index.ts) plus the file's own exports (for internal helpers).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractExamplesFromFile, testExamples } from "../../support/examples";
import * as core from "../../../src/core/index";

const folder = join(__dirname, "../../../src/core/sheet");
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".ts") && name !== "index.ts")
  .sort()
  .map((name) => join(folder, name));

describe("@example lines of src/core/sheet", () => {
  it("has an example for every public function src/core/sheet exports", () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const examples = extractExamplesFromFile(file).map((example) => example.code).join("\n");
      for (const [, name] of source.matchAll(/^export function (\w+)/gm)) {
        if (name in core && !examples.includes(`${name}(`)) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("finds examples in every file", () => {
    expect(files.filter((file) => extractExamplesFromFile(file).length === 0)).toEqual([]);
  });

  testExamples(files, (file) => ({ ...core, ...(jest.requireActual(file) as Record<string, unknown>) }));
});
