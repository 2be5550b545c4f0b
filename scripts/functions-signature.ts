// The signature fingerprint of the QI.* custom functions: what Excel registers from functions.json
// (ids, names, parameter names/types/dimensionality/optional/repeating, result type and
// dimensionality, options such as stream or volatile, and the file's top-level flags), recorded with
// the manifest <Version> it shipped under in test/functions/signature.json.
//
// Why: Excel desktop caches functions.json whatever the HTTP headers say, for up to 24 hours, and
// Microsoft's advice for a changed signature is to change the manifest version, which makes Excel
// fetch every resource of the add-in again
// (https://github.com/OfficeDev/office-js/issues/4722, https://github.com/OfficeDev/office-js/issues/2777,
// https://learn.microsoft.com/en-us/office/dev/add-ins/testing/clear-cache). A signature changed
// under the same version leaves users with the old parameters: #VALUE! or a missing argument.
// test/functions/version.test.ts fails when the signatures differ from the recorded ones.
//
//   npm run functions:signature   record the current signatures under manifest.xml's <Version>;
//                                 refuses when they changed and <Version> did not (bump it first)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { ROOT, SOURCE } from "./gen-functions-docs";

export const SIGNATURE_FILE = join(ROOT, "test/functions/signature.json");
export const MANIFEST = join(ROOT, "manifest.xml");

/** The recorded fingerprint. */
export type SignatureRecord = {
  /** manifest.xml's <Version> when these signatures were recorded */
  manifestVersion: string;
  /** functions.json's top-level flags (allowCustomDataForDataTypeAny, ...), as Excel reads them */
  flags: Record<string, unknown>;
  /** one line per function, in functions.json order */
  functions: string[];
};

type Parameter = { name: string; type?: string; dimensionality?: string; optional?: boolean; repeating?: boolean };
type FunctionJson = { id: string; name: string; parameters: Parameter[]; result?: { type?: string; dimensionality?: string }; options?: Record<string, unknown> };

function typeText(type: string | undefined, dimensionality: string | undefined): string {
  return `${type ?? "any"}${dimensionality === "matrix" ? "[][]" : ""}`;
}

/**
 * One function's signature as a line, e.g. `LIMITS=LIMITS(chart: string, values: any[][], denominators?: any[][]) -> any[][]`;
 * options (stream, volatile, cancelable, requiresAddress, ...) follow in braces, sorted by name.
 */
export function signatureLine(fn: FunctionJson): string {
  const params = fn.parameters.map((p) => `${p.repeating ? "..." : ""}${p.name}${p.optional ? "?" : ""}: ${typeText(p.type, p.dimensionality)}`);
  const options = Object.entries(fn.options ?? {})
    .filter(([, value]) => value !== false && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => (value === true ? key : `${key}=${JSON.stringify(value)}`));
  return `${fn.id}=${fn.name}(${params.join(", ")}) -> ${typeText(fn.result?.type, fn.result?.dimensionality)}${options.length > 0 ? ` {${options.join(", ")}}` : ""}`;
}

/** The signatures of functions.json's text (flags and one line per function). */
export function signaturesOf(metadataJson: string): Omit<SignatureRecord, "manifestVersion"> {
  const { functions, ...rest } = JSON.parse(metadataJson) as { functions: FunctionJson[] } & Record<string, unknown>;
  const flags = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  return { flags, functions: functions.map(signatureLine) };
}

/** The signatures the metadata generator makes from src/functions/functions.ts now. */
export async function currentSignatures(source = SOURCE): Promise<Omit<SignatureRecord, "manifestVersion">> {
  const result = await generateCustomFunctionsMetadata(source, false);
  if (result.errors.length > 0) throw new Error(`custom-functions-metadata found errors:\n${result.errors.join("\n")}`);
  return signaturesOf(result.metadataJson);
}

/** The add-in's <Version> (the first one: the OfficeApp's own, before any VersionOverrides). */
export function manifestVersion(xml: string): string {
  const match = /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(xml);
  if (!match) throw new Error("manifest.xml has no <Version>");
  return match[1];
}

/**
 * What is wrong between the recorded fingerprint and the current one, one sentence each; empty when
 * they agree. A signature change under the recorded version asks for a new <Version> first.
 */
export function versionProblems(recorded: SignatureRecord, current: SignatureRecord): string[] {
  const sameSignatures = JSON.stringify(recorded.flags) === JSON.stringify(current.flags) && JSON.stringify(recorded.functions) === JSON.stringify(current.functions);
  if (sameSignatures && recorded.manifestVersion === current.manifestVersion) return [];
  if (sameSignatures) {
    return [`manifest.xml's <Version> is ${current.manifestVersion} but test/functions/signature.json records ${recorded.manifestVersion}: run npm run functions:signature to record it`];
  }
  const was = new Set(recorded.functions);
  const now = new Set(current.functions);
  const changes = [
    ...recorded.functions.filter((line) => !now.has(line)).map((line) => `  - ${line}`),
    ...current.functions.filter((line) => !was.has(line)).map((line) => `  + ${line}`),
    ...(JSON.stringify(recorded.flags) === JSON.stringify(current.flags) ? [] : [`  flags ${JSON.stringify(recorded.flags)} -> ${JSON.stringify(current.flags)}`]),
  ].join("\n");
  if (recorded.manifestVersion === current.manifestVersion) {
    return [
      `the custom functions' signatures changed under the same manifest <Version> ${current.manifestVersion}; Excel desktop keeps the cached functions.json until the version changes. ` +
        `Bump <Version> in manifest.xml, then run npm run functions:signature. Changes:\n${changes}`,
    ];
  }
  return [`the custom functions' signatures changed with the new <Version> ${current.manifestVersion}: run npm run functions:signature to record them. Changes:\n${changes}`];
}

export function readRecord(path = SIGNATURE_FILE): SignatureRecord {
  return JSON.parse(readFileSync(path, "utf8")) as SignatureRecord;
}

async function main(): Promise<void> {
  const current: SignatureRecord = { manifestVersion: manifestVersion(readFileSync(MANIFEST, "utf8")), ...(await currentSignatures()) };
  let recorded: SignatureRecord | null = null;
  try {
    recorded = readRecord();
  } catch {
    // no record yet: write the first one
  }
  const problems = recorded ? versionProblems(recorded, current) : [];
  if (recorded && problems.length === 0) {
    console.log(`test/functions/signature.json is up to date (version ${current.manifestVersion}, ${current.functions.length} functions)`);
    return;
  }
  if (recorded && recorded.manifestVersion === current.manifestVersion) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
    return;
  }
  writeFileSync(SIGNATURE_FILE, `${JSON.stringify(current, null, 2)}\n`);
  console.log(`wrote ${SIGNATURE_FILE} (version ${current.manifestVersion}, ${current.functions.length} functions)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
