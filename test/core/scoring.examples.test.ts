/**
 * Every `@example` line (`expression; // => value`) in the JSDoc of src/core/cells.ts and
 * src/core/scoring/*.ts, evaluated against the public surface (src/core/index.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractExamplesFromFile, testExamples } from "../support/examples";
import * as core from "../../src/core/index";

const root = join(__dirname, "../../src/core");
const files = [
  join(root, "cells.ts"),
  ...readdirSync(join(root, "scoring"))
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => join(root, "scoring", name)),
];

describe("@example lines of src/core/cells.ts and src/core/scoring", () => {
  it("has an example for every exported function", () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const examples = extractExamplesFromFile(file).map((example) => example.code).join("\n");
      for (const [, name] of source.matchAll(/^export function (\w+)/gm)) {
        if (!examples.includes(`${name}(`)) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
  testExamples(files, () => ({ ...core }));
});
