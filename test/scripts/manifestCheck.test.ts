import { readFileSync } from "node:fs";
import { checkManifestXml } from "../../scripts/manifestCheck";

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
