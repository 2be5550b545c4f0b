// `npm run admin -- <command>`: manage the data store from the command line, on the same store the
// server uses (QI_DATA_DIR or DATABASE_URL). Every change is written to the audit log as "cli".

import { readFileSync } from "node:fs";
import * as z from "zod";
import { checkPeriodChange, CollaborativeDefinition, CollaborativeSettingsPatch, MeasureDefinition, Period, Role, Slug, Team, TeamContacts, TeamPatch } from "../core/index";
import { ConfigError, readConfig } from "./config";
import { seedDemo } from "./seed";
import { pendingReminders, planReminders, utcDay } from "./reminders/plan";
import { describeStore, openStore } from "./store/open";
import { StoreConflict, StoreNotFound, type Actor, type Store } from "./store/store";
import { issueToken } from "./tokens";
import { adminTeam } from "./views/adminTeams";
import { isCommand, parseCommandLine, synopsis, USAGE, UsageError } from "./adminArgs";
import { issuesToConflicts } from "./validation";

export { USAGE } from "./adminArgs";

const CLI: Actor = { tokenId: null, label: "admin cli" };

type Output = { out: (line: string) => void; err: (line: string) => void };

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseOrExplain<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = issuesToConflicts(result.error.issues, value).map((c) => `  ${c.path.length > 0 ? c.path.join(".") : "(top)"}: ${c.message}`);
  throw new UsageError(`${what} is not valid:\n${lines.join("\n")}`);
}

/** Run one command; returns the exit code. Output goes through `io` so tests can capture it. */
export async function runAdmin(args: readonly string[], io: Output, openConfiguredStore: () => Promise<Store>, now: () => Date = () => new Date()): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (!isCommand(command)) {
    io.err(`error: unknown command ${command}\n\n${USAGE}`);
    return 1;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`usage: npm run admin -- ${synopsis(command)}`);
    return 0;
  }
  let store: Store | null = null;
  try {
    const { positional, strings: flags, switches } = parseCommandLine(command, rest);
    const open = async () => (store ??= await openConfiguredStore());
    switch (command) {
      case "create-collaborative": {
        const raw = readJson(positional[0]);
        const teams = parseOrExplain(z.array(Team).optional(), typeof raw === "object" && raw !== null ? (raw as { teams?: unknown }).teams : undefined, `${positional[0]} teams`);
        const { teams: _teams, ...rest2 } = (raw ?? {}) as Record<string, unknown>;
        const definition = parseOrExplain(CollaborativeDefinition, rest2, positional[0]);
        const s = await open();
        const at = now().toISOString();
        await s.createCollaborative(definition, at, CLI);
        for (const team of teams ?? []) await s.addTeam(definition.id, team, at, CLI);
        io.out(`created collaborative ${definition.id} (${definition.measures.length} measures, ${teams?.length ?? 0} teams)`);
        return 0;
      }
      case "add-team": {
        const [collaborativeId, id, name, organisation] = positional;
        const team = parseOrExplain(Team, { id, name, organisation: organisation ?? "" }, "the team");
        await (await open()).addTeam(parseOrExplain(Slug, collaborativeId, "the collaborative id"), team, now().toISOString(), CLI);
        io.out(`added team ${team.id} to ${collaborativeId}`);
        return 0;
      }
      case "add-measure": {
        const measure = parseOrExplain(MeasureDefinition, readJson(positional[1]), positional[1]);
        await (await open()).addMeasure(positional[0], measure, now().toISOString(), CLI);
        io.out(`added measure ${measure.id} to ${positional[0]}`);
        return 0;
      }
      case "issue-token": {
        const role = parseOrExplain(Role, positional[0], "the role");
        const days = flags.get("expires-days");
        const expires = days === undefined ? null : Number(days);
        if (expires !== null && !(Number.isFinite(expires) && expires > 0)) throw new UsageError("--expires-days must be a positive number");
        const collaborativeId = flags.get("collaborative");
        const teamId = flags.get("team");
        const label = flags.get("label");
        try {
          const issued = await issueToken(await open(), {
            role,
            collaborativeId: typeof collaborativeId === "string" ? collaborativeId : null,
            teamId: typeof teamId === "string" ? teamId : null,
            label: typeof label === "string" ? label : `${role} token`,
            expiresInDays: expires,
            now: now(),
            actor: CLI,
          });
          io.out(issued.token);
          io.err(`issued ${role} token ${issued.record.id} (${issued.record.prefix}…)${issued.record.expiresAt ? `, expires ${issued.record.expiresAt}` : ""}: shown once, store it now`);
        } catch (error) {
          if (error instanceof StoreConflict || error instanceof StoreNotFound) throw error;
          throw new UsageError((error as Error).message);
        }
        return 0;
      }
      case "update-collaborative": {
        const collaborativeId = parseOrExplain(Slug, positional[0], "the collaborative id");
        const patch = parseOrExplain(CollaborativeSettingsPatch, readJson(positional[1]), positional[1]);
        const s = await open();
        const current = await s.getCollaborative(collaborativeId);
        if (!current) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
        // the same check as PATCH /collaboratives/{id}: the settings as they would be
        parseOrExplain(CollaborativeDefinition, { ...current.definition, ...patch }, `${positional[1]} applied to ${collaborativeId}`);
        await s.updateCollaborative(collaborativeId, patch, now().toISOString(), CLI);
        io.out(`updated ${collaborativeId}: ${Object.keys(patch).join(", ")}`);
        return 0;
      }
      case "update-measure": {
        const measure = parseOrExplain(MeasureDefinition, readJson(positional[1]), positional[1]);
        await (await open()).updateMeasure(positional[0], measure, now().toISOString(), CLI);
        io.out(`updated measure ${measure.id} of ${positional[0]}`);
        return 0;
      }
      case "retire-measure": {
        const [collaborativeId, measureId] = positional;
        const s = await open();
        const measure = (await s.getCollaborative(collaborativeId))?.definition.measures.find((m) => m.id === measureId);
        if (!measure) throw new StoreNotFound(`no measure ${measureId} in ${collaborativeId}`);
        const retired = !switches.has("undo");
        await s.updateMeasure(collaborativeId, { ...measure, retired }, now().toISOString(), CLI);
        io.out(`${retired ? "retired" : "brought back"} measure ${measureId} of ${collaborativeId}`);
        return 0;
      }
      case "delete-measure": {
        await (await open()).deleteMeasure(positional[0], positional[1], now().toISOString(), CLI);
        io.out(`deleted measure ${positional[1]} of ${positional[0]}`);
        return 0;
      }
      case "reorder-measures": {
        const [collaborativeId, ...measureIds] = positional;
        await (await open()).reorderMeasures(collaborativeId, measureIds, now().toISOString(), CLI);
        io.out(`measures of ${collaborativeId}: ${measureIds.join(", ")}`);
        return 0;
      }
      case "list-teams": {
        const s = await open();
        const collaborative = await s.getCollaborative(positional[0]);
        if (!collaborative) throw new StoreNotFound(`no collaborative ${positional[0]}`);
        const contacts = await s.listContacts(positional[0]);
        const teams = (await s.listTeams(positional[0])).map((t) => adminTeam(collaborative.definition, t, contacts.get(t.id) ?? []));
        if (switches.has("json")) {
          io.out(JSON.stringify(teams, null, 2));
          return 0;
        }
        io.out(["id", "name", "joins", "active", "reminders", "contacts"].join("\t"));
        for (const t of teams) {
          io.out([t.id, t.name, `${t.joinMonth}${t.joinMonthSet ? "" : " (start)"}`, t.active ? "yes" : "no", t.remindersOptOut ? "off" : "on", t.contacts.map((c) => `${c.name} <${c.email}>`).join("; ") || "-"].join("\t"));
        }
        return 0;
      }
      case "update-team": {
        const [collaborativeId, teamId] = positional;
        const yesNo = (option: string, yes: string, no: string): boolean | undefined => {
          const value = flags.get(option);
          if (value === undefined) return undefined;
          if (value === yes || value === no) return value === yes;
          throw new UsageError(`--${option} takes ${yes} or ${no} (got ${JSON.stringify(value)})`, "update-team");
        };
        const joinMonth = flags.get("join-month");
        const active = yesNo("active", "yes", "no");
        const reminders = yesNo("reminders", "on", "off");
        const raw = {
          ...(flags.has("name") ? { name: flags.get("name") } : {}),
          ...(flags.has("organisation") ? { organisation: flags.get("organisation") } : {}),
          ...(joinMonth !== undefined ? { joinMonth: joinMonth === "none" ? null : joinMonth } : {}),
          ...(active !== undefined ? { active } : {}),
          ...(reminders !== undefined ? { remindersOptOut: !reminders } : {}),
        };
        if (Object.keys(raw).length === 0) throw new UsageError("give at least one of --name, --organisation, --join-month, --active, --reminders", "update-team");
        if (joinMonth !== undefined && joinMonth !== "none" && !Period.safeParse(joinMonth).success) {
          throw new UsageError(`--join-month takes a month written YYYY-MM, e.g. 2026-04, or none (got ${JSON.stringify(joinMonth)})`, "update-team");
        }
        const patch = parseOrExplain(TeamPatch, raw, "the team's changes");
        const team = await (await open()).updateTeam(parseOrExplain(Slug, collaborativeId, "the collaborative id"), parseOrExplain(Slug, teamId, "the team id"), patch, now().toISOString(), CLI);
        io.out(`updated team ${team.id} of ${collaborativeId}: ${Object.keys(patch).join(", ")}`);
        return 0;
      }
      case "set-contacts": {
        const [collaborativeId, teamId] = positional;
        const file = flags.get("file");
        if (file === undefined) throw new UsageError("set-contacts needs --file contacts.json (a list of {name, email, role}, or {\"contacts\": [...]})", "set-contacts");
        const raw = readJson(file);
        const { contacts } = parseOrExplain(TeamContacts, Array.isArray(raw) ? { contacts: raw } : raw, file);
        await (await open()).setContacts(collaborativeId, teamId, contacts, now().toISOString(), CLI);
        io.out(`set ${contacts.length} contact${contacts.length === 1 ? "" : "s"} of team ${teamId} in ${collaborativeId}`);
        return 0;
      }
      case "audit": {
        const limitText = flags.get("limit");
        const limit = limitText === undefined ? 50 : Number(limitText);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError("--limit must be a whole number from 1 to 10000", "audit");
        const filter = {
          ...(flags.has("collaborative") ? { collaborativeId: flags.get("collaborative") as string } : {}),
          ...(flags.has("actor") ? { actor: flags.get("actor") as string } : {}),
          ...(flags.has("action") ? { action: flags.get("action") as string } : {}),
          ...(flags.has("team") ? { teamId: flags.get("team") as string } : {}),
          limit,
        };
        const entries = await (await open()).listAudit(filter);
        if (switches.has("json")) {
          io.out(JSON.stringify(entries, null, 2));
          return 0;
        }
        io.out(["id", "at", "actor", "action", "collaborative", "team", "details"].join("\t"));
        for (const e of entries) io.out([e.id, e.at, e.actorLabel, e.action, e.collaborativeId ?? "-", e.teamId ?? "-", JSON.stringify(e.details)].join("\t"));
        return 0;
      }
      case "revoke-token": {
        const token = await (await open()).revokeToken(positional[0], now().toISOString(), CLI);
        if (!token) {
          io.err(`no token matches ${positional[0]} (give its id, e.g. tok_1a2b…, or at least 6 characters of its prefix)`);
          return 1;
        }
        io.out(`revoked ${token.id} (${token.prefix}…, ${token.role}, ${token.label})`);
        return 0;
      }
      case "list-tokens": {
        const collaborative = flags.get("collaborative");
        const tokens = await (await open()).listTokens(collaborative !== undefined ? { collaborativeId: collaborative } : {});
        if (switches.has("json")) {
          io.out(JSON.stringify(tokens, null, 2));
          return 0;
        }
        io.out(["id", "prefix", "role", "collaborative", "team", "label", "expires", "revoked"].join("\t"));
        for (const t of tokens) {
          io.out([t.id, `${t.prefix}…`, t.role, t.collaborativeId ?? "-", t.teamId ?? "-", t.label, t.expiresAt ?? "-", t.revokedAt ?? "-"].join("\t"));
        }
        return 0;
      }
      case "lock":
      case "reopen": {
        const reason = flags.get("reason");
        const [collaborativeId, month] = positional;
        const s = await open();
        const collaborative = await s.getCollaborative(collaborativeId);
        if (!collaborative) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
        // The same rule as the server's POST …/periods/{period}/lock|reopen (core's checkPeriodChange).
        const { change, problems } = checkPeriodChange(collaborative.definition, command, month, typeof reason === "string" ? reason : undefined);
        if (change === null) {
          io.err(`error: cannot ${command} ${collaborativeId} ${month}:\n${problems.map((p) => `  ${p.field === "reason" ? "--reason" : "period"}: ${p.message}`).join("\n")}`);
          return 1;
        }
        await s.addPeriodEvent(collaborativeId, { ...change, at: now().toISOString() }, CLI);
        io.out(`${command === "lock" ? "locked" : "reopened"} ${collaborativeId} ${change.period}`);
        return 0;
      }
      case "seed-demo": {
        const seed = await seedDemo(await open(), now());
        if (switches.has("json")) io.out(JSON.stringify(seed));
        else {
          io.out(`created demo collaborative ${seed.collaborativeId}`);
          io.out(`  adminToken:   ${seed.adminToken}`);
          io.out(`  facultyToken: ${seed.facultyToken}`);
          for (const t of seed.teams) io.out(`  team ${t.id}: ${t.token}  (${t.name})`);
        }
        return 0;
      }
      case "reminders": {
        if (!switches.has("dry-run")) throw new UsageError("only --dry-run is supported: the data store's own job sends reminders (README: Reminders)");
        const settings = readConfig().reminders;
        const s = await open();
        const collaborativeId = flags.get("collaborative");
        const due = await pendingReminders(s, await planReminders(s, now(), settings, collaborativeId === undefined ? {} : { collaborativeId }));
        if (switches.has("json")) {
          io.out(JSON.stringify(due.map((r) => ({ key: r.key, kind: r.kind, recipients: r.recipients, subject: r.message.subject, text: r.message.text, problem: r.problem })), null, 2));
          return 0;
        }
        const how = settings.smtpUrl ? "the server's job sends them by SMTP" : "QI_SMTP_URL is not set: the server's job records them as would-send";
        io.out(`${due.length} reminder${due.length === 1 ? "" : "s"} would go now (${utcDay(now())}, UTC); ${how}`);
        for (const r of due) {
          io.out(`${r.kind.padEnd(6)} ${r.key}`);
          io.out(`       to: ${r.recipients.length > 0 ? r.recipients.join(", ") : "(no one)"}`);
          io.out(`       subject: ${r.message.subject}`);
          if (r.problem) io.out(`       cannot go: ${r.problem}`);
        }
        return 0;
      }
      default: {
        const unreachable: never = command;
        throw new UsageError(`unknown command ${String(unreachable)}`);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n\nusage: npm run admin -- ${synopsis(error.command ?? command)}\n(npm run admin -- help: every command)`);
      return 1;
    }
    if (error instanceof StoreConflict || error instanceof StoreNotFound) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    if (error instanceof ConfigError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    if (store) await (store as Store).close();
  }
}

if (require.main === module) {
  const io: Output = { out: (line) => process.stdout.write(line + "\n"), err: (line) => process.stderr.write(line + "\n") };
  const open = async () => {
    const config = readConfig();
    try {
      return await openStore(config);
    } catch (error) {
      throw new Error(`cannot open ${describeStore(config)}: ${(error as Error).message}`);
    }
  };
  runAdmin(process.argv.slice(2), io, open).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
