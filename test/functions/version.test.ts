// A custom function's signature may change only with a new manifest <Version>.
//
// The rule encoded: Excel desktop caches functions.json whatever the HTTP headers say (up to 24 hours,
// and longer in reports), so users keep the old parameter lists until the cache expires or the add-in's
// version changes; Microsoft's advice for a changed function is to change the manifest version, which
// makes Excel fetch all of the add-in's resources again
// (https://github.com/OfficeDev/office-js/issues/4722, https://github.com/OfficeDev/office-js/issues/2777,
// https://github.com/OfficeDev/Excel-Custom-Functions/issues/301; clearing the cache by hand:
// https://learn.microsoft.com/en-us/office/dev/add-ins/testing/clear-cache).
//
// test/functions/signature.json records the signatures with the <Version> they shipped under. To
// change a signature: bump <Version> in manifest.xml, then `npm run functions:signature`.
import { readFileSync } from "node:fs";
import { currentSignatures, MANIFEST, manifestVersion, readRecord, signatureLine, signaturesOf, versionProblems, type SignatureRecord } from "../../scripts/functions-signature";

let current: SignatureRecord;
beforeAll(async () => {
  current = { manifestVersion: manifestVersion(readFileSync(MANIFEST, "utf8")), ...(await currentSignatures()) };
});

describe("custom functions' signatures and the manifest <Version>", () => {
  it("match test/functions/signature.json: a changed signature needs a new <Version> (then npm run functions:signature)", () => {
    const problems = versionProblems(readRecord(), current);
    if (problems.length > 0) throw new Error(problems.join("\n"));
  });

  it("fingerprint every QI function and the file's flags", () => {
    // one line per @customfunction tag in the source, so a function the fingerprint misses fails here
    const declared = readFileSync("src/functions/functions.ts", "utf8").match(/^ \* @customfunction /gm) ?? [];
    expect(current.functions).toHaveLength(declared.length);
    expect(current.functions).toContain("LIMITS=LIMITS(chart: string, values: any[][], denominators?: any[][], baseline?: number, groupBy?: string, tests?: string, sigmaLines?: any) -> any[][]");
    expect(current.flags).toEqual({ allowCustomDataForDataTypeAny: true });
  });
});

describe("versionProblems(recorded, current)", () => {
  const base: SignatureRecord = {
    manifestVersion: "1.0.0.0",
    flags: { allowCustomDataForDataTypeAny: true },
    functions: ["F=F(values: any[][], baseline?: number) -> number"],
  };
  const changed = (functions: string[], version = base.manifestVersion): SignatureRecord => ({ ...base, manifestVersion: version, functions });

  it("is empty when nothing changed", () => {
    expect(versionProblems(base, { ...base })).toEqual([]);
  });

  it("asks for a new <Version> when a signature changes under the same one, and shows the change", () => {
    for (const line of [
      "F=F(values: any[][], baseline?: number, goal?: number) -> number", // a parameter added
      "F=F(values: any[][], baseline: number) -> number", // optional -> required
      "F=F(values: any[][], start?: number) -> number", // a parameter renamed
      "F=F(values: any[][], baseline?: number) -> number[][]", // now spills
      "F=F(values: any[][], baseline?: number) -> number {volatile}", // an option
    ]) {
      const problems = versionProblems(base, changed([line]));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/same manifest <Version> 1\.0\.0\.0.*Bump <Version> in manifest\.xml, then run npm run functions:signature/s);
      expect(problems[0]).toContain(`+ ${line}`);
      expect(problems[0]).toContain(`- ${base.functions[0]}`);
    }
    expect(versionProblems(base, { ...base, functions: [...base.functions, "G=G(x: number) -> number"] })[0]).toMatch(/Bump <Version>/);
    expect(versionProblems(base, { ...base, flags: {} })[0]).toMatch(/Bump <Version>.*flags/s);
  });

  it("asks only to record the signatures when the <Version> was bumped with them", () => {
    const problems = versionProblems(base, changed(["F=F(values: any[][]) -> number"], "1.0.1.0"));
    expect(problems).toEqual([expect.stringMatching(/^the custom functions' signatures changed with the new <Version> 1\.0\.1\.0: run npm run functions:signature/)]);
    expect(versionProblems(base, { ...base, manifestVersion: "1.0.1.0" })).toEqual([
      "manifest.xml's <Version> is 1.0.1.0 but test/functions/signature.json records 1.0.0.0: run npm run functions:signature to record it",
    ]);
  });
});

describe("signatureLine and signaturesOf", () => {
  it("writes names, optional (?) and repeating (...) parameters, types, dimensionality and options", () => {
    expect(
      signatureLine({
        id: "CLOCK",
        name: "CLOCK",
        parameters: [
          { name: "first", type: "number" },
          { name: "rest", type: "number", dimensionality: "matrix", repeating: true, optional: true },
        ],
        result: { type: "string", dimensionality: "scalar" },
        options: { volatile: true, stream: true, cancelable: false },
      }),
    ).toBe("CLOCK=CLOCK(first: number, ...rest?: number[][]) -> string {stream, volatile}");
  });

  it("takes the flags beside the functions and sorts them", () => {
    const json = JSON.stringify({ functions: [{ id: "A", name: "A", parameters: [] }], allowErrorForDataTypeAny: true, allowCustomDataForDataTypeAny: true });
    expect(signaturesOf(json)).toEqual({ flags: { allowCustomDataForDataTypeAny: true, allowErrorForDataTypeAny: true }, functions: ["A=A() -> any"] });
  });

  it("reads the add-in's own <Version> from the manifest", () => {
    expect(manifestVersion("<OfficeApp><Id>x</Id><Version> 1.2.3.4 </Version></OfficeApp>")).toBe("1.2.3.4");
    expect(() => manifestVersion("<OfficeApp/>")).toThrow(/no <Version>/);
  });
});
