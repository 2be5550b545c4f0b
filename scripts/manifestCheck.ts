// Offline checks of manifest.xml's wiring (Microsoft's validator is online only, docs/TOOLCHAIN.md, item 9).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { JSDOM } from "jsdom";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The requirement sets the code uses without a runtime check (`officeSupports`/`isSetSupported`
 * guards only the newer APIs: notes, ExcelApi 1.18; fill patterns, ExcelApi 1.9). Declared in the
 * manifest's <Requirements>, Office installs the add-in only where they are supported, instead of
 * failing later in a cell or a button ("If the Office application or platform doesn't support the
 * requirement sets ... specified in the <Requirements> element, the add-in won't run":
 * https://learn.microsoft.com/en-us/office/dev/add-ins/develop/specify-office-hosts-and-api-requirements).
 * Each set and version is the newest `[Api set: ...]` that @types/office-js, @types/office-runtime and
 * @types/custom-functions-runtime give for an API the code calls unguarded.
 */
export const REQUIRED_SETS: ReadonlyArray<{ name: string; minVersion: string; why: string }> = [
  {
    name: "SharedRuntime",
    minVersion: "1.1",
    why: "one runtime for the task pane and the functions (<Runtime lifetime=\"long\">), OfficeRuntime.storage and Office.addin.onVisibilityModeChanged",
  },
  { name: "CustomFunctionsRuntime", minVersion: "1.3", why: "CustomFunctions.Error with a message and CustomFunctions.ErrorCode (src/functions/excelErrors.ts)" },
  {
    name: "ExcelApi",
    minVersion: "1.8",
    why: "data validation of the measure sheet (Range.dataValidation, 1.8); chart series and freeze panes (1.7); workbook settings and getUsedRangeOrNullObject (1.4); Excel.run's delayForCellEdit (listed in ExcelApi 1.5)",
  },
];

/** Compares dotted versions numerically ("1.10" > "1.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Elements by local name, whatever their namespace prefix (`bt:Url` and `Url` alike). */
function all(root: Document | Element, localName: string): Element[] {
  return Array.from(root.getElementsByTagName("*")).filter((e) => e.localName === localName);
}

/**
 * Returns the problems found in a manifest's XML, one sentence each; an empty list means it is sound.
 * Checks: the XML parses, the id is a GUID, every resid resolves to a resource of the right kind,
 * the requirement sets of REQUIRED_SETS are declared at their minimum version or later, Runtime/Page/FunctionFile point at the task pane URL,
 * the custom-functions namespace is set, and (when `distDir` is given) the files the URLs name exist
 * in the build.
 */
export function checkManifestXml(xml: string, distDir?: string): string[] {
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new JSDOM(xml, { contentType: "text/xml" }).window.document;
  } catch {
    return ["manifest.xml does not parse as an OfficeApp XML document"];
  }
  if (all(doc, "parsererror").length > 0 || doc.documentElement.localName !== "OfficeApp") {
    return ["manifest.xml does not parse as an OfficeApp XML document"];
  }
  const id = all(doc, "Id")[0]?.textContent?.trim() ?? "";
  if (!GUID.test(id)) problems.push(`<Id> must be a GUID, got "${id}"`);

  const resources = new Map<string, { kind: string; value: string }>();
  for (const kind of ["Image", "Url", "String"]) {
    for (const el of all(doc, kind)) {
      const resId = el.getAttribute("id");
      if (resId && el.parentElement && /^(Images|Urls|ShortStrings|LongStrings)$/.test(el.parentElement.localName)) {
        if (resources.has(resId)) problems.push(`resource id "${resId}" is defined twice`);
        resources.set(resId, { kind: el.parentElement.localName, value: el.getAttribute("DefaultValue") ?? "" });
      }
    }
  }
  for (const el of Array.from(doc.getElementsByTagName("*"))) {
    const resid = el.getAttribute("resid");
    if (resid !== null && !resources.has(resid)) {
      problems.push(`<${el.localName} resid="${resid}"> names no resource in <Resources>`);
    }
  }
  const urlOf = (el: Element | undefined): string | undefined => {
    const resid = el?.getAttribute("resid");
    return resid ? resources.get(resid)?.value : undefined;
  };

  // The add-in's own <Requirements> (a child of OfficeApp), not a VersionOverrides one.
  const requirements = Array.from(doc.documentElement.children).find((e) => e.localName === "Requirements");
  const declared = new Map(
    (requirements ? all(requirements, "Set") : []).map((set) => [
      set.getAttribute("Name") ?? "",
      set.getAttribute("MinVersion") ?? set.parentElement?.getAttribute("DefaultMinVersion") ?? "1.1",
    ]),
  );
  for (const required of REQUIRED_SETS) {
    const version = declared.get(required.name);
    if (version === undefined) {
      problems.push(
        required.name === "SharedRuntime"
          ? '<Requirements> must declare <Set Name="SharedRuntime">'
          : `<Requirements> must declare <Set Name="${required.name}" MinVersion="${required.minVersion}"/>: the code uses ${required.why} without a runtime check`,
      );
    } else if (compareVersions(version, required.minVersion) < 0) {
      problems.push(`<Set Name="${required.name}"> declares MinVersion ${version}, but the code needs ${required.minVersion} for ${required.why}`);
    }
  }

  const taskpaneUrl = all(doc, "SourceLocation").find((e) => e.parentElement?.localName === "DefaultSettings")?.getAttribute("DefaultValue");
  if (!taskpaneUrl) problems.push("<DefaultSettings><SourceLocation> is missing");
  const runtime = all(doc, "Runtime")[0];
  if (!runtime) problems.push("<Runtimes><Runtime> is missing: custom functions and the task pane would not share a runtime");
  else if (runtime.getAttribute("lifetime") !== "long") problems.push('<Runtime> must have lifetime="long"');
  const customFunctions = all(doc, "ExtensionPoint").find((e) => e.getAttribute("xsi:type") === "CustomFunctions");
  if (!customFunctions) problems.push('no <ExtensionPoint xsi:type="CustomFunctions">');
  const page = customFunctions ? all(customFunctions, "Page")[0]?.getElementsByTagName("SourceLocation")[0] : undefined;
  const functionFile = all(doc, "FunctionFile")[0];
  for (const [name, el] of [["Runtime", runtime], ["CustomFunctions Page", page], ["FunctionFile", functionFile]] as const) {
    const url = urlOf(el);
    if (url === undefined) problems.push(`${name} has no URL`);
    else if (url !== taskpaneUrl) problems.push(`${name} points at ${url}, not the task pane ${taskpaneUrl ?? "(missing)"}: a shared runtime needs one page`);
  }
  const namespace = customFunctions ? urlOf(all(customFunctions, "Namespace")[0]) : undefined;
  if (!namespace) problems.push("the custom functions <Namespace> is not set");
  else if (namespace !== "QI") problems.push(`the custom functions namespace is "${namespace}", expected "QI"`);

  if (distDir !== undefined && customFunctions) {
    const files = [
      ["task pane page", taskpaneUrl],
      ["functions script", urlOf(all(customFunctions, "Script")[0]?.getElementsByTagName("SourceLocation")[0])],
      ["functions metadata", urlOf(all(customFunctions, "Metadata")[0]?.getElementsByTagName("SourceLocation")[0])],
      ...Array.from(resources.values()).filter((r) => r.kind === "Images").map((r) => ["icon", r.value] as const),
    ] as const;
    for (const [what, url] of files) {
      if (!url) continue;
      const path = new URL(url).pathname;
      if (!existsSync(join(distDir, path))) problems.push(`the ${what} ${path} is not in ${distDir}: run npm run build`);
    }
  }
  return problems;
}
