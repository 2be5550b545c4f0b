// The allow-list of imports between the parts of src/ (docs/DESIGN.md, "Parts and their direction of
// dependency"). Anything not allowed below fails `npm run lint` (dependency-cruiser's `allowed` rules:
// https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md#the-allowed-rules).
// test/boundaries.test.ts cruises a tree of planted violations with this same file.
const path = require("node:path");

// The one way into core from outside it.
const CORE_INDEX = "src/core/index\\.ts$";
// The faculty app (browser code the data store serves).
const FACULTY = "src/faculty/";

/** One allow rule: `from` (a layer's folder) may import `to` (paths inside src/, or packages). */
const allow = (from, to) => ({ from: { path: `^${from}` }, to });
/** The server's own code (Node). */
const serverSide = (to) => allow("src/server/", to);
const within = (...paths) => ({ path: `^(${paths.join("|")})` });
/** npm packages by name, whatever folder node_modules resolves to (here it is a symlink). */
const packages = (...names) => ({ path: `(^|/)node_modules/(${names.join("|")})/` });

module.exports = {
  allowed: [
    // core: pure; itself, zod and simple-statistics, and nothing else (no node:*, no pg, no react).
    allow("src/core/", within("src/core/")),
    allow("src/core/", packages("zod", "simple-statistics")),
    // The doors: themselves and core through its index only; never another door.
    allow("src/functions/", within("src/functions/", CORE_INDEX)),
    allow("src/taskpane/", within("src/taskpane/", "src/web/", CORE_INDEX)),
    serverSide(within("src/server/", CORE_INDEX)),
    // The browser layer shared by the pane and the faculty app: core through its index only.
    allow("src/web/", within("src/web/", CORE_INDEX)),
    // The faculty app: itself, the browser layer, core's index (not the server's modules, which are
    // Node code).
    allow(FACULTY, within(FACULTY, "src/web/", CORE_INDEX)),
    // Packages: browser code (functions, pane, web layer, faculty app) takes runtime dependencies but
    // no Node built-ins; the server's own code may use both.
    allow("src/(functions|taskpane|web|server|faculty)/", { dependencyTypes: ["npm"] }),
    serverSide({ dependencyTypes: ["core"] }),
  ],
  allowedSeverity: "error",
  forbidden: [
    // An import that resolves nowhere would otherwise escape every rule above.
    { name: "not-to-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, "tsconfig.json") },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
