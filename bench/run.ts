// npm run bench: runs every benchmark and prints its figures. Pick some with `npm run bench -- core server`.
// Benchmarks print; they never assert (timings belong here, not in tests).
import { existsSync } from "node:fs";
import { join } from "node:path";

const ALL = ["core", "functions", "server"] as const;

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : [...ALL];
  for (const name of names) {
    const file = join(__dirname, `${name}.ts`);
    if (!existsSync(file)) throw new Error(`no benchmark named ${name} (expected ${file})`);
    console.log(`\n### bench/${name}.ts  (node ${process.version}, ${new Date().toISOString()})`);
    const mod = (await import(file)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
