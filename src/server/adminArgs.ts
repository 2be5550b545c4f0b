// The admin CLI's command line: each command's arguments and options in one table, parsed with
// node:util parseArgs (https://nodejs.org/api/util.html#utilparseargsconfig), and the usage text
// built from the same table, so the help cannot drift from what is accepted.

import { parseArgs } from "node:util";

/** `shown`: written without brackets in the usage (the command refuses to run without it, by its own rule) */
type OptionSpec = { type: "string" | "boolean"; hint: string; shown?: "required" };

type CommandSpec = {
  /** the arguments as shown in the usage, e.g. "<collab> <period>" */
  args: string;
  /** how many positional arguments it takes */
  min: number;
  max: number;
  options: Readonly<Record<string, OptionSpec>>;
  /** what it does, shown after the synopsis */
  does: readonly string[];
};

const json: OptionSpec = { type: "boolean", hint: "" };

export const COMMANDS = {
  "create-collaborative": { args: "<file.json>", min: 1, max: 1, options: {}, does: ['create a collaborative (a CollaborativeDefinition; may include "teams": [...])'] },
  "add-team": { args: "<collab> <teamId> <name> [organisation]", min: 3, max: 4, options: {}, does: [] },
  "add-measure": { args: "<collab> <file.json>", min: 2, max: 2, options: {}, does: ["add a MeasureDefinition to the measure set"] },
  "issue-token": {
    args: "<role>",
    min: 1,
    max: 1,
    options: { collaborative: { type: "string", hint: "id" }, team: { type: "string", hint: "id" }, label: { type: "string", hint: "text" }, "expires-days": { type: "string", hint: "n" } },
    does: ["role: team | faculty | admin; prints the token once"],
  },
  "update-collaborative": { args: "<collab> <file.json>", min: 2, max: 2, options: {}, does: ["change settings (a CollaborativeSettingsPatch, e.g. {\"dueDay\": 20})"] },
  "update-measure": { args: "<collab> <file.json>", min: 2, max: 2, options: {}, does: ["replace a MeasureDefinition (same id)"] },
  "retire-measure": { args: "<collab> <measureId>", min: 2, max: 2, options: { undo: { type: "boolean", hint: "" } }, does: ["no new data for it (its data stays); --undo brings it back"] },
  "delete-measure": { args: "<collab> <measureId>", min: 2, max: 2, options: {}, does: ["only a measure no team has data for"] },
  "reorder-measures": { args: "<collab> <measureId>...", min: 2, max: 101, options: {}, does: ["every measure id, in the new order"] },
  "list-teams": { args: "<collab>", min: 1, max: 1, options: { json }, does: ["teams with join month, active, opt-out and contacts"] },
  "update-team": {
    args: "<collab> <teamId>",
    min: 2,
    max: 2,
    options: {
      name: { type: "string", hint: "text" },
      organisation: { type: "string", hint: "text" },
      "join-month": { type: "string", hint: "YYYY-MM|none" },
      active: { type: "string", hint: "yes|no" },
      reminders: { type: "string", hint: "on|off" },
    },
    does: ["change a team's name or settings (--join-month none: from the start)"],
  },
  "set-contacts": { args: "<collab> <teamId>", min: 2, max: 2, options: { file: { type: "string", hint: "contacts.json", shown: "required" } }, does: ['replace the contacts: [{"name", "email", "role"}]'] },
  "revoke-token": { args: "<tokenId|prefix>", min: 1, max: 1, options: {}, does: [] },
  "list-tokens": { args: "", min: 0, max: 0, options: { collaborative: { type: "string", hint: "id" }, json }, does: [] },
  audit: {
    args: "",
    min: 0,
    max: 0,
    options: {
      collaborative: { type: "string", hint: "id" },
      actor: { type: "string", hint: "tokenId|cli" },
      action: { type: "string", hint: "name" },
      team: { type: "string", hint: "id" },
      limit: { type: "string", hint: "n" },
      json,
    },
    does: ["the audit log, newest first"],
  },
  lock: { args: "<collab> <period>", min: 2, max: 2, options: { reason: { type: "string", hint: "text" } }, does: ["a month, YYYY-MM"] },
  reopen: { args: "<collab> <period>", min: 2, max: 2, options: { reason: { type: "string", hint: "text", shown: "required" } }, does: [] },
  "seed-demo": { args: "", min: 0, max: 0, options: { json }, does: ["create the demo collaborative and print its tokens"] },
  reminders: {
    args: "",
    min: 0,
    max: 0,
    options: { "dry-run": { type: "boolean", hint: "" }, collaborative: { type: "string", hint: "id" }, json },
    does: ["--dry-run: print the reminders that would go now and to whom (the server's job sends them)"],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** One command's synopsis: its name, arguments and options. */
export function synopsis(name: CommandName): string {
  const spec: CommandSpec = COMMANDS[name];
  const options = Object.entries(spec.options).map(([option, o]) => (o.type === "boolean" ? `[--${option}]` : o.shown === "required" ? `--${option} ${o.hint}` : `[--${option} ${o.hint}]`));
  return [name, spec.args, ...options].filter((part) => part !== "").join(" ");
}

export const USAGE = [
  "usage: npm run admin -- <command>   (npm run admin -- <command> --help: that command alone)",
  "",
  ...Object.keys(COMMANDS).map((name) => {
    const line = synopsis(name as CommandName);
    const does: readonly string[] = COMMANDS[name as CommandName].does;
    if (does.length === 0) return `  ${line}`;
    return line.length <= 36 ? `  ${line.padEnd(36)}  ${does.join(" ")}` : `  ${line}\n  ${"".padEnd(36)}  ${does.join(" ")}`;
  }),
  "",
  "The store is the server's: SQLite in QI_DATA_DIR (default ./data), or PostgreSQL when DATABASE_URL is set.",
].join("\n");

/** A command-line mistake: the message, then the usage (of the command when it is known), exit 1. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly command: CommandName | null = null,
  ) {
    super(message);
  }
}

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** What a command was given: its positional arguments, its string options and its switches. */
export type CommandLine = { positional: string[]; strings: Map<string, string>; switches: Set<string> };

/**
 * Parse one command's arguments. parseArgs runs non-strict so each mistake gets our sentence, naming
 * the option and what the command takes, instead of Node's generic one: an unknown option, an option
 * without its value (`--label` last, or followed by another `--option`), a value given to a switch
 * (`--json=yes`), or too few or too many arguments. `--name=value` works for any value, also one
 * starting with a dash.
 */
export function parseCommandLine(command: CommandName, args: readonly string[]): CommandLine {
  const spec: CommandSpec = COMMANDS[command];
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type }]));
  const { positionals, tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const strings = new Map<string, string>();
  const switches = new Set<string>();
  const takes = Object.keys(spec.options).length === 0 ? "it takes no options" : `it takes ${Object.keys(spec.options).map((o) => `--${o}`).join(", ")}`;
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(spec.options, token.name) ? spec.options[token.name] : undefined;
    if (option === undefined) throw new UsageError(`${command} has no option ${token.rawName}: ${takes}`, command);
    if (option.type === "boolean") {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value`, command);
      switches.add(token.name);
    } else {
      const value = token.value;
      if (value === undefined || (!token.inlineValue && value.startsWith("--"))) {
        throw new UsageError(`${token.rawName} needs a value (${token.rawName} ${option.hint})`, command);
      }
      strings.set(token.name, value);
    }
  }
  if (positionals.length < spec.min || positionals.length > spec.max) {
    const count = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
    throw new UsageError(`${command} takes ${count} argument${spec.max === 1 ? "" : "s"} (got ${positionals.length})`, command);
  }
  return { positional: positionals, strings, switches };
}
