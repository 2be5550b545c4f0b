import { readFileSync } from "node:fs";
import { checkManifestXml, compareVersions, REQUIRED_SETS } from "../../scripts/manifestCheck";

const manifest = readFileSync("manifest.xml", "utf8");

describe("checkManifestXml(xml)", () => {
  it("finds no problem in the project's manifest", () => {
    expect(checkManifestXml(manifest)).toEqual([]);
  });

  it("reports a resid that names no resource", () => {
    const broken = manifest.replace('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Functions.Nmespace"/>');
    expect(checkManifestXml(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/resid="Functions.Nmespace"> names no resource/)]),
    );
  });

  it("reports a FunctionFile that is not the task pane page (no shared runtime)", () => {
    const broken = manifest.replace('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>');
    expect(checkManifestXml(broken)).toEqual([expect.stringMatching(/^FunctionFile points at .*functions\.js, not the task pane/)]);
  });

  it("reports a missing SharedRuntime requirement and a non-GUID id", () => {
    const broken = manifest
      .replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', "")
      .replace(/<Id>[^<]+<\/Id>/, "<Id>my-addin</Id>");
    expect(checkManifestXml(broken)).toEqual([
      '<Id> must be a GUID, got "my-addin"',
      '<Requirements> must declare <Set Name="SharedRuntime">',
    ]);
  });

  // The sets and versions come from the [Api set: ...] of the APIs the code calls without a runtime
  // check (@types/office-js, @types/custom-functions-runtime); Office does not install an add-in where
  // a declared set is missing (https://learn.microsoft.com/en-us/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements).
  it("requires SharedRuntime 1.1, CustomFunctionsRuntime 1.3 and ExcelApi 1.8, and the manifest declares them", () => {
    expect(REQUIRED_SETS.map((set) => `${set.name} ${set.minVersion}`)).toEqual(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.3", "ExcelApi 1.8"]);
    for (const set of REQUIRED_SETS) expect(manifest).toContain(`<Set Name="${set.name}" MinVersion="${set.minVersion}"/>`);
  });

  it("reports a requirement set that is missing or declared below what the code needs", () => {
    expect(checkManifestXml(manifest.replace('<Set Name="ExcelApi" MinVersion="1.8"/>', ""))).toEqual([
      expect.stringMatching(/^<Requirements> must declare <Set Name="ExcelApi" MinVersion="1\.8"\/>: the code uses .*dataValidation/),
    ]);
    expect(checkManifestXml(manifest.replace('<Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>', '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>'))).toEqual([
      expect.stringMatching(/^<Set Name="CustomFunctionsRuntime"> declares MinVersion 1\.1, but the code needs 1\.3/),
    ]);
    // a later version is fine, and DefaultMinVersion applies when MinVersion is left out
    expect(checkManifestXml(manifest.replace('<Set Name="ExcelApi" MinVersion="1.8"/>', '<Set Name="ExcelApi" MinVersion="1.10"/>'))).toEqual([]);
    expect(checkManifestXml(manifest.replace('<Set Name="ExcelApi" MinVersion="1.8"/>', '<Set Name="ExcelApi"/>'))).toEqual([
      expect.stringMatching(/declares MinVersion 1\.1, but the code needs 1\.8/),
    ]);
  });

  it("compareVersions compares dotted versions as numbers", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("1.8", "1.8.0")).toBe(0);
    expect(compareVersions("1.3", "1.4")).toBeLessThan(0);
  });

  it("reports a wrong namespace and XML that does not parse", () => {
    expect(checkManifestXml(manifest.replace('id="Functions.Namespace" DefaultValue="QI"', 'id="Functions.Namespace" DefaultValue="XX"'))).toEqual([
      'the custom functions namespace is "XX", expected "QI"',
    ]);
    expect(checkManifestXml("<OfficeApp><Id>")).toEqual(["manifest.xml does not parse as an OfficeApp XML document"]);
  });

  it("reports files the manifest names that the build lacks", () => {
    const problems = checkManifestXml(manifest, "/nonexistent-dist");
    expect(problems).toContain("the functions metadata /functions.json is not in /nonexistent-dist: run npm run build");
  });
});
