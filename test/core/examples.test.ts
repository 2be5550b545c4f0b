/**
 * Every `@example` line (`expression; // => value`) in the JSDoc of every file under src/core runs
 * here, against the public surface (src/core/index.ts) plus the file's own exports (for internal
 * helpers), and every function src/core exports publicly must have one. The README's example runs
 * too, so the first screen cannot drift from the code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { extractExamples, extractExamplesFromFile, evaluateExample, testExamples } from "../support/examples";
import * as core from "../../src/core/index";

const root = join(__dirname, "../../src/core");

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourcesUnder(path);
      return entry.name.endsWith(".ts") && entry.name !== "index.ts" ? [path] : [];
    })
    .sort();
}

const files = sourcesUnder(root);
const scopeFor = (file: string): Record<string, unknown> => ({ ...core, ...(jest.requireActual(file) as Record<string, unknown>) });

describe("@example lines of src/core", () => {
  it("has an example for every function that src/core/index.ts exports", () => {
    const missing: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const examples = extractExamplesFromFile(file).map((example) => example.code).join("\n");
      for (const [, name] of source.matchAll(/^export function (\w+)/gm)) {
        if (name in core && !examples.includes(`${name}(`)) missing.push(`${relative(root, file)}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
  testExamples(files, scopeFor);
});

describe("README.md", () => {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const lines = block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("import "));
  // the README writes the expected value on its own `// =>` line under the call
  const code = lines.filter((line) => !line.trim().startsWith("//")).join(" ").replace(/;\s*$/, "");
  const expected = lines.find((line) => line.trim().startsWith("// =>"))?.replace(/^\s*\/\/\s*=>\s*/, "") ?? "";

  it("shows a TypeScript example whose output is what the README says", () => {
    expect(code).not.toBe("");
    const outcome = evaluateExample({ file: "README.md", line: 0, setup: [], code, expected }, { ...core });
    expect(outcome).toMatchObject({ kind: "value" });
    if (outcome.kind === "value") expect(outcome.actual).toEqual(outcome.expected);
  });
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
