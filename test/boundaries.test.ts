// The import allow-list of src/ (.dependency-cruiser.cjs, run by `npm run lint`) catches each planted
// violation in test/fixtures/boundaries/src and lets the allowed imports beside them through. The
// fixture tree has the shape of src/ (core, the three doors, the shared browser layer src/web).
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const fixture = path.join(root, "test/fixtures/boundaries");

interface Violation {
  from: string;
  unresolvedTo: string;
  rule: { name: string; severity: string };
}

function cruise(): Violation[] {
  const bin = path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
  const config = path.join(root, ".dependency-cruiser.cjs");
  const run = spawnSync(process.execPath, [bin, "--config", config, "--output-type", "json", "src"], { cwd: fixture, encoding: "utf8" });
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  return JSON.parse(run.stdout).summary.violations;
}

test("every planted import outside the allow-list fails, and only those", () => {
  const found = cruise()
    .map((v) => `${v.rule.severity} ${v.rule.name}: ${v.from} -> ${v.unresolvedTo}`)
    .sort();
  expect(found).toEqual([
    // core two folders deep: a database driver and a Node built-in (the old eslint patterns looked one folder deep)
    "error not-in-allowed: src/core/deep/er/usesPg.ts -> fs",
    "error not-in-allowed: src/core/deep/er/usesPg.ts -> pg",
    // core never imports a door
    "error not-in-allowed: src/core/usesDoor.ts -> ../functions/spill",
    // the faculty app is browser code: not the server's Node modules
    "error not-in-allowed: src/faculty/usesServer.ts -> ../server/ok",
    // a door reaches core through src/core/index.ts only
    "error not-in-allowed: src/server/routes/deepCore.ts -> ../../core/sheet/layout",
    // the browser layer is for the pane and the faculty app, not the rest of the server
    "error not-in-allowed: src/server/usesWeb.ts -> ../web/format",
    // no door imports another door
    "error not-in-allowed: src/taskpane/usesFunctions.ts -> ../functions/spill",
    // browser code has no Node built-ins (dependency-cruiser names node:fs as fs)
    "error not-in-allowed: src/taskpane/usesNode.ts -> fs",
  ]);
});
