// Writes docs/functions.md, the reference page of the QI.* Excel functions, from the same metadata
// Excel reads: custom-functions-metadata's generator run on src/functions/functions.ts (not on
// dist/functions.json, so no build is needed). The @returns and @remarks texts, which the metadata
// leaves out, are read from the same JSDoc with the TypeScript compiler API: @remarks holds the detail
// that would take a description past the 255 characters Excel's function dialogs show.
//
//   npx tsx scripts/gen-functions-docs.ts           write docs/functions.md
//   npx tsx scripts/gen-functions-docs.ts --check   exit 1 when docs/functions.md is out of date
//
// test/functions/docs.test.ts fails when the committed page differs from what this script writes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import ts from "typescript";

export const ROOT = join(__dirname, "..");
export const SOURCE = join(ROOT, "src/functions/functions.ts");
export const OUTPUT = join(ROOT, "docs/functions.md");
export const NAMESPACE = "QI";

/** The parts of custom-functions-metadata's output this page uses. */
export type FunctionMetadata = {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string; type: string; dimensionality?: string; optional?: boolean }[];
  result?: { type?: string; dimensionality?: string };
};

/** Run the metadata generator on the source; throws with the generator's errors, if any. */
export async function readMetadata(source = SOURCE): Promise<FunctionMetadata[]> {
  const result = await generateCustomFunctionsMetadata(source, false);
  if (result.errors.length > 0) throw new Error(`custom-functions-metadata found errors:\n${result.errors.join("\n")}`);
  return (JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] }).functions;
}

/**
 * The text of one JSDoc tag (e.g. "returns", "remarks") of each @customfunction, by id: the parts of
 * the JSDoc the metadata generator leaves out of functions.json.
 */
export function readTagTexts(tagName: string, source = SOURCE): Map<string, string> {
  const file = ts.createSourceFile(source, readFileSync(source, "utf8"), ts.ScriptTarget.ES2022, true);
  const texts = new Map<string, string>();
  const names = tagName === "returns" ? ["returns", "return"] : [tagName];
  for (const statement of file.statements) {
    if (!ts.isFunctionDeclaration(statement)) continue;
    const tags = ts.getJSDocTags(statement);
    const id = tags.find((tag) => tag.tagName.text === "customfunction");
    const found = tags.find((tag) => names.includes(tag.tagName.text));
    if (id === undefined || found === undefined) continue;
    const name = ts.getTextOfJSDocComment(id.comment)?.trim().split(/\s+/)[0];
    const text = ts.getTextOfJSDocComment(found.comment)?.trim();
    if (name && text) texts.set(name.toUpperCase(), text.replace(/\s+/g, " "));
  }
  return texts;
}

/** The @returns text of each @customfunction, by id (the metadata generator does not keep it). */
export function readReturns(source = SOURCE): Map<string, string> {
  return readTagTexts("returns", source);
}

/**
 * The @remarks text of each @customfunction, by id: the detail kept out of the description Excel
 * shows, so that the description stays within 255 characters (test/functions/metadata.test.ts).
 */
export function readRemarks(source = SOURCE): Map<string, string> {
  return readTagTexts("remarks", source);
}

/** Split "What it does. Example: =QI.F(A1:A9)" into the description and the example formula. */
export function splitExample(description: string): { text: string; example: string | null } {
  const at = description.lastIndexOf("Example:");
  if (at < 0) return { text: description.trim(), example: null };
  return { text: description.slice(0, at).trim(), example: description.slice(at + "Example:".length).trim() };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
}

function parameterType(parameter: FunctionMetadata["parameters"][number]): string {
  if (parameter.dimensionality === "matrix") return "range";
  if (parameter.type === "string") return "text";
  if (parameter.type === "boolean") return "TRUE/FALSE";
  return parameter.type === "any" ? "any value" : parameter.type;
}

/** Said when a function has no @returns text. */
function resultShape(fn: FunctionMetadata): string {
  const type = fn.result?.type;
  if (fn.result?.dimensionality === "matrix") return "a spilled range";
  return type === "string" ? "Text" : type === "boolean" ? "TRUE or FALSE" : type === "number" ? "A number" : "A value";
}

function anchor(name: string): string {
  return `${NAMESPACE}.${name}`.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

function signature(fn: FunctionMetadata): string {
  const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `=${NAMESPACE}.${fn.name}(${args})`;
}

const PREAMBLE = `# ${NAMESPACE} functions reference

<!-- Generated by scripts/gen-functions-docs.ts from the JSDoc of src/functions/functions.ts. Do not edit:
     change the JSDoc, then run \`npx tsx scripts/gen-functions-docs.ts\`. -->

The \`${NAMESPACE}.*\` functions put run-chart, control-chart and progress answers in cells next to your data,
and recalculate as you type. The help Excel shows for each function is its first paragraph below and the
parameter help (each within the 255 characters Excel's function dialogs show); a second paragraph, when
there is one, is detail for this page only.

How every function reads your data:

- **values** is one column or one row of monthly values in time order (a single cell works too). A block
  wider than one column and one row is refused.
- **A blank cell is a missing month**: it is skipped, never read as 0. A formula that returns "" counts as blank.
- **Text, TRUE/FALSE and error values in the data are refused**, naming the point (counted from 1 within the
  range): clear the cell for a missing month. A number stored as text ("12" pasted from elsewhere) is refused
  too, because Excel's own charts and SUM treat it differently from a number: re-enter it as a number.
- **baseline** is a number of months counted from the first cell of the range, blanks included (e.g. 12 = the
  first year). Empty or 0 means all months.
- **direction** accepts "increase" (or "up", "higher"), "decrease" (or "down", "lower") and "neutral", in any case.
- **Errors** say what to fix: hover over the cell's error flag to read the message. \`#VALUE!\` means an argument
  needs fixing; \`#N/A\` means there is no data to answer from yet.
- **Spilled results** (ranges) need empty cells below or beside the formula; missing figures show as empty cells.
`;

/** The whole page, from metadata and the @returns and @remarks texts. */
export function renderFunctionsDoc(functions: readonly FunctionMetadata[], returns: ReadonlyMap<string, string>, remarks: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [PREAMBLE, "## Functions\n"];
  for (const fn of functions) {
    const { text } = splitExample(fn.description ?? "");
    const firstSentence = text.split(/(?<=\.)\s(?=[A-Z])/)[0];
    parts.push(`- [${NAMESPACE}.${fn.name}](#${anchor(fn.name)}): ${firstSentence}`);
  }
  parts.push("");
  for (const fn of functions) {
    const { text, example } = splitExample(fn.description ?? "");
    parts.push(`## ${NAMESPACE}.${fn.name}\n`);
    parts.push(`\`${signature(fn)}\`\n`);
    parts.push(`${text}\n`);
    const detail = remarks.get(fn.id);
    if (detail) parts.push(`${detail}\n`);
    parts.push("| parameter | type | help |");
    parts.push("| --- | --- | --- |");
    for (const p of fn.parameters) {
      parts.push(`| ${p.name}${p.optional ? " (optional)" : ""} | ${parameterType(p)} | ${cell(p.description ?? "")} |`);
    }
    parts.push("");
    const returned = returns.get(fn.id);
    const spills = fn.result?.dimensionality === "matrix" ? " (spills)" : "";
    parts.push(`**Result${spills}:** ${returned ?? `${resultShape(fn)}.`}\n`);
    if (example) parts.push(`**Example:** \`${example.replace(/\s+gives\s+/, "` gives `")}\`\n`);
  }
  return `${parts.join("\n").trimEnd()}\n`;
}

/** Generate the page text from the source, in memory. */
export async function generateFunctionsDoc(source = SOURCE): Promise<string> {
  return renderFunctionsDoc(await readMetadata(source), readReturns(source), readRemarks(source));
}

async function main(): Promise<void> {
  const text = await generateFunctionsDoc();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(OUTPUT, "utf8");
    } catch {
      // missing counts as out of date
    }
    if (current !== text) {
      console.error("docs/functions.md is out of date: run npx tsx scripts/gen-functions-docs.ts");
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
