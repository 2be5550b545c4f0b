/**
 * Run the `@example` lines of JSDoc comments as tests, so that documentation cannot drift from
 * the code (the simple-statistics habit).
 *
 * Inside an `@example` block, every line of the form
 *
 *     expression; // => expected
 *
 * is an assertion: `expression` is evaluated and compared (deep equality, `NaN` equals `NaN`) with
 * `expected`, which is itself a JavaScript expression. `// => throws` (optionally followed by a
 * fragment of the message, e.g. `// => throws invalid chart`) asserts that the expression throws.
 * Other non-empty lines in the block are setup statements (e.g. `const xs = [1, 2];`), run before
 * each later assertion of the same block. The block ends at the next `@tag` or at the end of the
 * comment. Names used in examples are resolved from a scope object, usually the module's exports.
 *
 * Generic on purpose: any test can call `extractExamples(source)` and `evaluateExample(...)`, or
 * `testExamples(files, scopeFor)` to get one jest `it` per assertion.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

/** One `expression; // => expected` line of an `@example` block. */
export type DocExample = {
  /** file the example came from (for test names) */
  file: string;
  /** 1-based line number */
  line: number;
  /** statements to run first (earlier non-assertion lines of the same block) */
  setup: string[];
  /** the expression under test */
  code: string;
  /** the expected value, as a JavaScript expression, or `throws [fragment]` */
  expected: string;
};

const ASSERTION = /^(.*?);?\s*\/\/\s*=>\s*(.+?)\s*$/;

/**
 * All example assertions of a source text, in order.
 *
 * @param source the text of a TypeScript or JavaScript file
 * @param file a name for the file, used in test names
 */
export function extractExamples(source: string, file = "<source>"): DocExample[] {
  const examples: DocExample[] = [];
  const lines = source.split(/\r?\n/);
  let inComment = false;
  let inExample = false;
  let setup: string[] = [];
  lines.forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    if (!inComment) {
      if (trimmed.startsWith("/**")) inComment = true;
      else return;
    }
    const closes = trimmed.endsWith("*/");
    const text = trimmed
      .replace(/^\/\*\*/, "")
      .replace(/\*\/$/, "")
      .replace(/^\*\s?/, "")
      .trim();
    if (text.startsWith("@")) {
      inExample = text.startsWith("@example");
      setup = [];
      const rest = text.slice("@example".length).trim();
      if (inExample && rest !== "") handleLine(rest, index);
    } else if (inExample && text !== "") {
      handleLine(text, index);
    }
    if (closes) {
      inComment = false;
      inExample = false;
      setup = [];
    }
  });
  return examples;

  function handleLine(text: string, index: number): void {
    const match = ASSERTION.exec(text);
    if (match) examples.push({ file, line: index + 1, setup: [...setup], code: match[1].trim(), expected: match[2] });
    else setup.push(text);
  }
}

/** Read a file and extract its examples (the file name is given relative to the working directory). */
export function extractExamplesFromFile(path: string): DocExample[] {
  return extractExamples(readFileSync(path, "utf8"), relative(process.cwd(), path));
}

function compile(body: string, scope: Record<string, unknown>): () => unknown {
  const names = Object.keys(scope).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  const factory = new Function(...names, body) as (...values: unknown[]) => unknown;
  return () => factory(...names.map((name) => scope[name]));
}

/** What happened when an example ran. */
export type ExampleOutcome =
  | { kind: "value"; actual: unknown; expected: unknown }
  | { kind: "throws"; threw: boolean; message: string; fragment: string };

/**
 * Evaluate one example against a scope (names to values, e.g. a module's exports).
 * The caller decides how to assert on the outcome.
 */
export function evaluateExample(example: DocExample, scope: Record<string, unknown>): ExampleOutcome {
  const prelude = example.setup.join("\n");
  const throwsMatch = /^throws\b\s*(.*)$/.exec(example.expected);
  if (throwsMatch) {
    try {
      compile(`${prelude}\nreturn (${example.code});`, scope)();
      return { kind: "throws", threw: false, message: "", fragment: throwsMatch[1] };
    } catch (error) {
      return { kind: "throws", threw: true, message: error instanceof Error ? error.message : String(error), fragment: throwsMatch[1] };
    }
  }
  const actual = compile(`${prelude}\nreturn (${example.code});`, scope)();
  const expected = compile(`return (${example.expected});`, scope)();
  return { kind: "value", actual, expected };
}

/**
 * Define one jest test per example assertion found in `files`.
 *
 * @param files source files to scan
 * @param scopeFor the names available to the examples of a file (e.g. its module's exports merged
 *   with the package's public surface); may be async, e.g. `(file) => import(file)`
 */
export function testExamples(
  files: readonly string[],
  scopeFor: (file: string) => Record<string, unknown> | Promise<Record<string, unknown>>,
): void {
  for (const file of files) {
    const examples = extractExamplesFromFile(file);
    for (const example of examples) {
      it(`${example.file}:${example.line} ${example.code} // => ${example.expected}`, async () => {
        const outcome = evaluateExample(example, await scopeFor(file));
        if (outcome.kind === "throws") {
          expect(outcome.threw).toBe(true);
          expect(outcome.message).toContain(outcome.fragment);
        } else {
          expect(outcome.actual).toEqual(outcome.expected);
        }
      });
    }
  }
}
