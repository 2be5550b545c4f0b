// npm run check:manifest: parses manifest.xml with office-addin-manifest, then checks its wiring
// against the build in dist/ and the requirement sets the code needs (manifestCheck.ts REQUIRED_SETS).
// Exits 1 with one line per problem.
import { readFileSync } from "node:fs";
import { OfficeAddinManifest } from "office-addin-manifest";
import { checkManifestXml, REQUIRED_SETS } from "./manifestCheck";

async function main(): Promise<number> {
  const info = await OfficeAddinManifest.readManifestFile("manifest.xml");
  const problems = checkManifestXml(readFileSync("manifest.xml", "utf8"), "dist");
  if (!info.hosts?.includes("Workbook")) problems.push("the add-in must target the Workbook host (Excel)");
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`manifest.xml: ${p}\n`);
    return 1;
  }
  const sets = REQUIRED_SETS.map((set) => `${set.name} ${set.minVersion}`).join(", ");
  process.stdout.write(`manifest.xml: ok (${info.displayName} ${info.version}, id ${info.id}, shared runtime, namespace QI, requires ${sets})\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`manifest.xml: cannot be read: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
