/**
 * Every `@example` line (`expression; // => value`) in the JSDoc of the run-chart and SPC modules
 * (src/core/runchart, src/core/spc) and of src/core/numeric.ts, evaluated against the public surface
 * (src/core/index.ts) plus the file's own exports (for internal helpers).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractExamples, extractExamplesFromFile, evaluateExample, testExamples } from "../support/examples";
import * as core from "../../src/core/index";

const root = join(__dirname, "../../src/core");
const files = [
  ...["runchart", "spc"].flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => name.endsWith(".ts"))
      .sort()
      .map((name) => join(root, folder, name)),
  ),
  join(root, "numeric.ts"),
];

describe("@example lines of src/core/runchart, src/core/spc and src/core/numeric.ts", () => {
  it("has an example for every public function these files export", () => {
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
  testExamples(files, (file) => ({ ...core, ...(jest.requireActual(file) as Record<string, unknown>) }));
});

describe("extractExamples(source) and evaluateExample(example, scope)", () => {
  const source = [
    "/**",
    " * Twice.",
    " * @param x a number",
    " * @example",
    " * const xs = [1, 2];",
    " * twice(xs[1]); // => 4",
    " * twice(3) // => 6",
    " * twice(-1); // => throws negative",
    " * @returns twice x",
    " */",
    "// twice(9); // => 18 (outside JSDoc: ignored)",
    "/** @example twice(0); // => 0 */",
  ].join("\n");
  const twice = (x: number): number => {
    if (x < 0) throw new Error("twice: negative value");
    return 2 * x;
  };

  it("extractExamples(source) reads assertions and setup lines of @example blocks only", () => {
    const examples = extractExamples(source, "twice.ts");
    expect(examples.map((e) => [e.line, e.code, e.expected, e.setup])).toEqual([
      [6, "twice(xs[1])", "4", ["const xs = [1, 2];"]],
      [7, "twice(3)", "6", ["const xs = [1, 2];"]],
      [8, "twice(-1)", "throws negative", ["const xs = [1, 2];"]],
      [12, "twice(0)", "0", []],
    ]);
  });

  it("evaluateExample(example, scope) evaluates code and expectation in the scope", () => {
    const [first, , third] = extractExamples(source);
    expect(evaluateExample(first, { twice })).toEqual({ kind: "value", actual: 4, expected: 4 });
    expect(evaluateExample(third, { twice })).toEqual({ kind: "throws", threw: true, message: "twice: negative value", fragment: "negative" });
  });
});
