// The metadata Excel reads (dist/functions.json is generated from the same JSDoc by the webpack
// plugin): every QI function is listed, with a description and help for every parameter.
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

let functions: FunctionMetadata[];
beforeAll(async () => {
  functions = await readMetadata();
});

describe("custom-functions metadata of src/functions/functions.ts", () => {
  it("lists every QI function, in source order, with no generator errors", () => {
    expect(functions.map((f) => f.id)).toEqual(EXPECTED);
    expect(functions.map((f) => f.name)).toEqual(EXPECTED);
  });

  it("has one custom function per exported wrapper (none skipped by the generator, TOOLCHAIN pitfall 3)", () => {
    expect(Object.keys(QI).length).toBe(EXPECTED.length);
  });

  it("gives every function a description with an example formula", () => {
    for (const f of functions) {
      expect(f.description ?? "").toMatch(new RegExp(`Example: =QI\\.${f.name}\\(`));
    }
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
    expect(spilling).toEqual(["SIGNALS", "RUNCHART", "LIMITS", "MDC", "SCOREREASONS"]);
  });

  it("matches dist/functions.json, the metadata Excel loads: same functions, descriptions, parameters and results", () => {
    // npm test builds before jest; run `npm run build` first when running jest alone
    const path = join(__dirname, "../../dist/functions.json");
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` before jest (npm test does)`);
    const built = (JSON.parse(readFileSync(path, "utf8")) as { functions: FunctionMetadata[] }).functions;
    expect(built.map((f) => f.id)).toEqual(EXPECTED);
    expect(built).toEqual(functions);
  });
});
