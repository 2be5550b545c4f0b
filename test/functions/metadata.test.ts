// The metadata Excel reads (dist/functions.json is generated from the same JSDoc by the webpack
// plugin): every QI function is listed, with a description and help for every parameter, each short
// enough for Excel's function dialogs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readMetadata, type FunctionMetadata } from "../../scripts/gen-functions-docs";
import * as QI from "../../src/functions/functions";

const EXPECTED = [
  "CENTERLINE",
  "SHIFT",
  "TREND",
  "RUNS",
  "RUNSTEST",
  "SIGNALS",
  "RUNCHART",
  "LIMITS",
  "REBASELINE",
  "MDC",
  "PROGRESS",
  "GOALMET",
  "MONTHSATGOAL",
  "IMPROVING",
  "SCORE",
  "SCOREREASONS",
  "SCORELABEL",
  "PCTATLEAST",
];

/** Excel's historical limit on a function's and an argument's help text (see the test below). */
const HELP_LIMIT = 255;

/** One line per description over the limit, naming the function (and parameter). */
function overLimit(list: readonly FunctionMetadata[]): string[] {
  return list.flatMap((f) => [
    ...((f.description ?? "").length > HELP_LIMIT ? [`${f.id}: description is ${(f.description ?? "").length} characters`] : []),
    ...f.parameters.filter((p) => (p.description ?? "").length > HELP_LIMIT).map((p) => `${f.id}.${p.name}: description is ${(p.description ?? "").length} characters`),
  ]);
}

/** dist/functions.json's functions: npm test builds before jest; run `npm run build` first when running jest alone. */
function readBuilt(): FunctionMetadata[] {
  const path = join(__dirname, "../../dist/functions.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before jest (npm test does)`);
  return (JSON.parse(readFileSync(path, "utf8")) as { functions: FunctionMetadata[] }).functions;
}

let functions: FunctionMetadata[];
beforeAll(async () => {
  functions = await readMetadata();
});

describe("custom-functions metadata of src/functions/functions.ts", () => {
  it("lists every QI function, in source order, with no generator errors", () => {
    expect(functions.map((f) => f.id)).toEqual(EXPECTED);
    expect(functions.map((f) => f.name)).toEqual(EXPECTED);
  });

  it("has one custom function per exported wrapper (none skipped by the generator, docs/TOOLCHAIN.md, item 3)", () => {
    expect(Object.keys(QI).length).toBe(EXPECTED.length);
  });

  it("gives every function a description with an example formula", () => {
    for (const f of functions) {
      expect(f.description ?? "").toMatch(new RegExp(`Example: =QI\\.${f.name}\\(`));
    }
  });

  // Excel's Insert Function and Function Arguments dialogs have historically cut a function's help and
  // each argument's help at 255 characters (an Excel limit, not the add-in's: Application.MacroOptions
  // and XLL registration strings alike, https://github.com/Excel-DNA/IntelliSense/issues/72); issue 12
  // item 10. The detail that does not fit goes under @remarks, shown only in docs/functions.md.
  it("keeps every function description and every parameter description within 255 characters", () => {
    expect(overLimit(functions)).toEqual([]);
  });

  it("keeps them within 255 characters in dist/functions.json too, the file Excel loads", () => {
    const built = readBuilt();
    expect(built.length).toBe(EXPECTED.length);
    expect(overLimit(built)).toEqual([]);
  });

  it("finds a description over 255 characters (the check is not vacuous)", () => {
    const long: FunctionMetadata = { id: "X", name: "X", description: "d".repeat(256), parameters: [{ name: "p", description: "p".repeat(255), type: "number" }] };
    expect(overLimit([long])).toEqual(["X: description is 256 characters"]);
    expect(overLimit([{ ...long, description: "ok", parameters: [{ name: "p", description: "p".repeat(256), type: "number" }] }])).toEqual(["X.p: description is 256 characters"]);
  });

  it("gives every parameter help text", () => {
    const missing = functions.flatMap((f) => f.parameters.filter((p) => !p.description || p.description.length < 15).map((p) => `${f.id}.${p.name}`));
    expect(missing).toEqual([]);
  });

  it("says 'Optional' in the help of every optional parameter, and only there", () => {
    for (const f of functions) {
      for (const p of f.parameters) {
        expect([`${f.id}.${p.name}`, /^Optional/.test(p.description ?? "")]).toEqual([`${f.id}.${p.name}`, p.optional === true]);
      }
    }
  });

  it("takes every series as an untyped matrix, so blanks arrive as blanks and not as 0", () => {
    for (const f of functions) {
      for (const p of f.parameters.filter((q) => ["values", "denominators", "scores", "data", "measures", "reportingMonth"].includes(q.name))) {
        expect([`${f.id}.${p.name}`, p.type, p.dimensionality]).toEqual([`${f.id}.${p.name}`, "any", "matrix"]);
      }
    }
  });

  it("declares the spilling functions as matrix results", () => {
    const spilling = functions.filter((f) => f.result?.dimensionality === "matrix").map((f) => f.id);
    expect(spilling).toEqual(["SIGNALS", "RUNCHART", "LIMITS", "REBASELINE", "MDC", "SCOREREASONS"]);
  });

  it("matches dist/functions.json, the metadata Excel loads: same functions, descriptions, parameters and results", () => {
    const built = readBuilt();
    expect(built.map((f) => f.id)).toEqual(EXPECTED);
    expect(built).toEqual(functions);
  });
});
