// Setting a collaborative up, written once for both engines (issue 16: the admin API and CLI call
// these): the collaborative and its settings, its measures (add, edit, retire, reorder, delete only
// without data), its teams (join month, active, reminder opt-out) and their contacts. Each is an
// Operation (steps.ts) that the engines drive inside their own transaction; each is audited.

import { DEFAULT_REMINDER_DAYS_BEFORE, measureOrderProblem, type CollaborativeDefinition, type CollaborativeSettingsPatch, type MeasureDefinition, type Team, type TeamContact, type TeamPatch } from "../../core/index";
import type { Builder } from "./schema";
import { toTeam } from "./sql";
import { audit, locked } from "./statements";
import { all, first, insert, run, type Operation, type Steps, type WriteContext } from "./steps";
import {
  StoreConflict,
  StoreNotFound,
  type Actor,
  type TeamRecord,
} from "./store";

export function createCollaborative(d: CollaborativeDefinition, at: string, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      if (yield* first(db.selectFrom("collaboratives").select("id").where("id", "=", d.id))) throw new StoreConflict(`collaborative ${d.id} already exists`);
      yield* run(
        db.insertInto("collaboratives").values({
          id: d.id,
          name: d.name,
          aim: d.aim,
          start_month: d.startMonth,
          end_month: d.endMonth,
          due_day: d.dueDay,
          lock_after_days: d.lockAfterDays,
          sharing: d.sharing,
          rule_set: d.ruleSet,
          created_at: at,
          reminders_enabled: d.remindersEnabled === false ? 0 : 1,
          reminder_days_before: d.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE,
        }),
      );
      yield* insert(
        d.measures.map((m, i) => ({ collaborative_id: d.id, id: m.id, position: i, definition: storedMeasure(m), created_at: at })),
        (rows) => db.insertInto("measures").values([...rows]),
      );
      yield* audit(db, { at, actor, action: "collaborative.created", collaborativeId: d.id, teamId: null, details: { name: d.name, measures: d.measures.length } });
    },
  };
}

/**
 * The collaborative, locked (`update`: positions are numbered under that lock on PostgreSQL, under
 * the database write lock on SQLite; `share`: it only has to exist). StoreNotFound when there is none.
 */
export function* lockCollaborative(ctx: WriteContext, collaborativeId: string, mode: "update" | "share" = "update"): Steps {
  const found = yield* first(locked(ctx, ctx.db.selectFrom("collaboratives").select("id").where("id", "=", collaborativeId), mode));
  if (!found) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
}

/** The next free position of a measure or team in a collaborative. */
export function* nextPosition(db: Builder, table: "measures" | "teams", collaborativeId: string): Steps<number> {
  const row = yield* first(
    db
      .selectFrom(table)
      .select((eb) => eb.fn.coalesce(eb(eb.fn.max("position"), "+", 1), eb.val(0)).as("n"))
      .where("collaborative_id", "=", collaborativeId),
  );
  return Number(row?.n ?? 0);
}

export function addMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      if (yield* first(db.selectFrom("measures").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", measure.id))) {
        throw new StoreConflict(measureTaken(collaborativeId, measure.id));
      }
      const position = yield* nextPosition(db, "measures", collaborativeId);
      yield* run(db.insertInto("measures").values({ collaborative_id: collaborativeId, id: measure.id, position, definition: storedMeasure(measure), created_at: at }));
      yield* audit(db, { at, actor, action: "measure.added", collaborativeId, teamId: null, details: { measureId: measure.id } });
    },
  };
}

export const measureTaken = (collaborativeId: string, id: string) => `measure ${id} already exists in ${collaborativeId}`;
export const teamTaken = (collaborativeId: string, id: string) => `team ${id} already exists in ${collaborativeId}`;

/** Add a team at the next position, with its contacts when given (one transaction: a team is never half-added). */
export function addTeam(collaborativeId: string, team: Team, at: string, actor: Actor, contacts: readonly TeamContact[] = []): Operation<TeamRecord> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      if (yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", team.id))) {
        throw new StoreConflict(teamTaken(collaborativeId, team.id));
      }
      const position = yield* nextPosition(db, "teams", collaborativeId);
      yield* run(db.insertInto("teams").values({ collaborative_id: collaborativeId, id: team.id, position, ...teamColumns(team), created_at: at }));
      yield* insertContacts(db, collaborativeId, team.id, contacts);
      yield* audit(db, { at, actor, action: "team.added", collaborativeId, teamId: team.id, details: { name: team.name, ...(contacts.length > 0 ? { contacts: contacts.length } : {}) } });
      return { ...team, position, createdAt: at };
    },
  };
}

/** The columns of a team that its settings set (the id and position never change). */
export function teamColumns(team: Team) {
  return {
    name: team.name,
    organisation: team.organisation,
    join_month: team.joinMonth ?? null,
    active: team.active === false ? 0 : 1,
    reminders_opt_out: team.remindersOptOut === true ? 1 : 0,
  };
}

function* insertContacts(db: Builder, collaborativeId: string, teamId: string, contacts: readonly TeamContact[]): Steps {
  yield* insert(
    contacts.map((c, position) => ({ collaborative_id: collaborativeId, team_id: teamId, position, name: c.name, email: c.email, role: c.role })),
    (rows) => db.insertInto("team_contacts").values([...rows]),
  );
}

/** Replace a team's contacts as a whole (they are current details, not history); audited without the addresses. */
export function setContacts(collaborativeId: string, teamId: string, contacts: readonly TeamContact[], at: string, actor: Actor): Operation<void> {
  return {
    *body({ db }) {
      if (!(yield* first(db.selectFrom("teams").select("id").where("collaborative_id", "=", collaborativeId).where("id", "=", teamId)))) {
        throw new StoreNotFound(`no team ${teamId}`);
      }
      yield* run(db.deleteFrom("team_contacts").where("collaborative_id", "=", collaborativeId).where("team_id", "=", teamId));
      yield* insertContacts(db, collaborativeId, teamId, contacts);
      yield* audit(db, { at, actor, action: "team.contacts.set", collaborativeId, teamId, details: { contacts: contacts.length } });
    },
  };
}


/** A measure's definition as stored: `retired` only when true (settings at their default are left out). */
export function storedMeasure(measure: MeasureDefinition): string {
  const { retired, ...rest } = measure;
  return JSON.stringify(retired === true ? { ...rest, retired: true } : rest);
}

/** The collaborative's row, locked for the change; StoreNotFound when there is none. */
function* collaborativeRow(ctx: WriteContext, collaborativeId: string) {
  const row = yield* first(locked(ctx, ctx.db.selectFrom("collaboratives").selectAll().where("id", "=", collaborativeId)));
  if (!row) throw new StoreNotFound(`no collaborative ${collaborativeId}`);
  return row;
}

/** The first and last month any team holds data for (a current point or a report), or `null` when none. */
function* dataMonths(db: Builder, collaborativeId: string): Steps<{ first: string; last: string } | null> {
  const points = yield* first(
    db
      .selectFrom("current_points")
      .select((eb) => [eb.fn.min("period").as("first"), eb.fn.max("period").as("last")])
      .where("collaborative_id", "=", collaborativeId)
      .where("retracted", "=", 0),
  );
  const reports = yield* first(
    db
      .selectFrom("monthly_reports")
      .select((eb) => [eb.fn.min("reporting_month").as("first"), eb.fn.max("reporting_month").as("last")])
      .where("collaborative_id", "=", collaborativeId),
  );
  const firsts = [points?.first, reports?.first].filter((m): m is string => typeof m === "string");
  const lasts = [points?.last, reports?.last].filter((m): m is string => typeof m === "string");
  if (firsts.length === 0) return null;
  return { first: firsts.sort()[0], last: lasts.sort()[lasts.length - 1] };
}

/**
 * Change a collaborative's settings (not its id, not its measures). Refused with StoreConflict when
 * the months would end before they start, or would leave out a month some team already holds data
 * for (its charts and completeness would lose it silently): move the start no later than the first
 * month with data, the end no earlier than the last.
 */
export function updateCollaborative(collaborativeId: string, patch: CollaborativeSettingsPatch, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      const row = yield* collaborativeRow(ctx, collaborativeId);
      const startMonth = patch.startMonth ?? row.start_month;
      const endMonth = patch.endMonth ?? row.end_month;
      if (endMonth < startMonth) throw new StoreConflict(`endMonth ${endMonth} is before startMonth ${startMonth}: a collaborative ends no earlier than it starts`);
      if (startMonth !== row.start_month || endMonth !== row.end_month) {
        const data = yield* dataMonths(db, collaborativeId);
        if (data && data.first < startMonth) throw new StoreConflict(`teams already hold data for ${data.first}: startMonth can be ${data.first} at the latest`);
        if (data && data.last > endMonth) throw new StoreConflict(`teams already hold data for ${data.last}: endMonth can be ${data.last} at the earliest`);
      }
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.aim !== undefined ? { aim: patch.aim } : {}),
        ...(patch.startMonth !== undefined ? { start_month: patch.startMonth } : {}),
        ...(patch.endMonth !== undefined ? { end_month: patch.endMonth } : {}),
        ...(patch.dueDay !== undefined ? { due_day: patch.dueDay } : {}),
        ...(patch.lockAfterDays !== undefined ? { lock_after_days: patch.lockAfterDays } : {}),
        ...(patch.sharing !== undefined ? { sharing: patch.sharing } : {}),
        ...(patch.ruleSet !== undefined ? { rule_set: patch.ruleSet } : {}),
        ...(patch.remindersEnabled !== undefined ? { reminders_enabled: patch.remindersEnabled ? 1 : 0 } : {}),
        ...(patch.reminderDaysBefore !== undefined ? { reminder_days_before: patch.reminderDaysBefore } : {}),
      };
      yield* run(db.updateTable("collaboratives").set(set).where("id", "=", collaborativeId));
      yield* audit(db, { at, actor, action: "collaborative.updated", collaborativeId, teamId: null, details: { changed: patch } });
    },
  };
}

/** How many point revisions (current or past, retracted or not) a measure has: any is "data". */
function* measureData(db: Builder, collaborativeId: string, measureId: string): Steps<{ revisions: number; teams: number }> {
  const row = yield* first(
    db
      .selectFrom("point_revisions")
      .select((eb) => [eb.fn.countAll().as("revisions"), eb.fn.count("team_id").distinct().as("teams")])
      .where("collaborative_id", "=", collaborativeId)
      .where("measure_id", "=", measureId),
  );
  return { revisions: Number(row?.revisions ?? 0), teams: Number(row?.teams ?? 0) };
}

/** A measure's stored definition, or StoreNotFound. */
function* measureRow(db: Builder, collaborativeId: string, measureId: string): Steps<MeasureDefinition> {
  const row = yield* first(db.selectFrom("measures").select("definition").where("collaborative_id", "=", collaborativeId).where("id", "=", measureId));
  if (!row) throw new StoreNotFound(`no measure ${measureId} in ${collaborativeId}`);
  return JSON.parse(row.definition) as MeasureDefinition;
}

/**
 * Replace a measure's definition (same id; `retired: true` retires it, absent or false brings it
 * back). Once any team has data for it, its `kind` and `multiplier` are fixed (StoreConflict): the
 * stored values were computed by them, so changing either would make old and new points disagree.
 * Add a new measure and retire this one instead.
 */
export function updateMeasure(collaborativeId: string, measure: MeasureDefinition, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      const before = yield* measureRow(db, collaborativeId, measure.id);
      const kindChanged = before.kind !== measure.kind;
      const multiplierChanged = (before.multiplier ?? 1) !== (measure.multiplier ?? 1);
      if (kindChanged || multiplierChanged) {
        const data = yield* measureData(db, collaborativeId, measure.id);
        if (data.revisions > 0) {
          const what = kindChanged ? `its kind (${before.kind}) cannot change to ${measure.kind}` : `its multiplier (${before.multiplier ?? 1}) cannot change to ${measure.multiplier ?? 1}`;
          throw new StoreConflict(`measure ${measure.id} already has data from ${data.teams} team${data.teams === 1 ? "" : "s"}: ${what}; add a new measure and retire this one`);
        }
      }
      yield* run(db.updateTable("measures").set({ definition: storedMeasure(measure) }).where("collaborative_id", "=", collaborativeId).where("id", "=", measure.id));
      const wasRetired = before.retired === true;
      const isRetired = measure.retired === true;
      const action = wasRetired === isRetired ? "measure.updated" : isRetired ? "measure.retired" : "measure.unretired";
      yield* audit(db, { at, actor, action, collaborativeId, teamId: null, details: { measureId: measure.id } });
    },
  };
}

/**
 * Put the measure set in a new order: `measureIds` must name every measure exactly once
 * (StoreConflict otherwise). Positions are UNIQUE per collaborative and both engines check that per
 * row, so they are renumbered in two passes: first to negative numbers (never taken), then to 0…n-1.
 */
export function reorderMeasures(collaborativeId: string, measureIds: readonly string[], at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      const current = (yield* all(db.selectFrom("measures").select("id").where("collaborative_id", "=", collaborativeId).orderBy("position"))).map((r) => r.id);
      const problem = measureOrderProblem(current, measureIds);
      if (problem) throw new StoreConflict(problem);
      for (const [i, id] of measureIds.entries()) {
        yield* run(db.updateTable("measures").set({ position: -1 - i }).where("collaborative_id", "=", collaborativeId).where("id", "=", id));
      }
      for (const [i, id] of measureIds.entries()) {
        yield* run(db.updateTable("measures").set({ position: i }).where("collaborative_id", "=", collaborativeId).where("id", "=", id));
      }
      yield* audit(db, { at, actor, action: "measures.reordered", collaborativeId, teamId: null, details: { measureIds: [...measureIds] } });
    },
  };
}

/**
 * Delete a measure no team ever sent data for (a mistake made while setting up). A measure with any
 * point revision is a StoreConflict: retire it instead, its data stays readable. The last measure
 * cannot go (a collaborative has at least one).
 */
export function deleteMeasure(collaborativeId: string, measureId: string, at: string, actor: Actor): Operation<void> {
  return {
    *body(ctx) {
      const { db } = ctx;
      yield* lockCollaborative(ctx, collaborativeId);
      yield* measureRow(db, collaborativeId, measureId);
      const data = yield* measureData(db, collaborativeId, measureId);
      if (data.revisions > 0) {
        throw new StoreConflict(`measure ${measureId} has data from ${data.teams} team${data.teams === 1 ? "" : "s"} (${data.revisions} point revisions): retire it instead (its data stays readable)`);
      }
      const count = yield* first(db.selectFrom("measures").select((eb) => eb.fn.countAll().as("n")).where("collaborative_id", "=", collaborativeId));
      if (Number(count?.n ?? 0) <= 1) throw new StoreConflict(`measure ${measureId} is the collaborative's only measure: add another before deleting it`);
      yield* run(db.deleteFrom("measures").where("collaborative_id", "=", collaborativeId).where("id", "=", measureId));
      yield* audit(db, { at, actor, action: "measure.deleted", collaborativeId, teamId: null, details: { measureId } });
    },
  };
}

/** A team's row, or StoreNotFound. */
function* teamRow(ctx: WriteContext, collaborativeId: string, teamId: string) {
  const row = yield* first(locked(ctx, ctx.db.selectFrom("teams").selectAll().where("collaborative_id", "=", collaborativeId).where("id", "=", teamId)));
  if (!row) throw new StoreNotFound(`no team ${teamId} in ${collaborativeId}`);
  return row;
}

/** Change a team's name, organisation and participation settings (never its id: tokens and data hang on it); `joinMonth: null` clears it. */
export function updateTeam(collaborativeId: string, teamId: string, patch: TeamPatch, at: string, actor: Actor): Operation<TeamRecord> {
  return {
    *body(ctx) {
      const { db } = ctx;
      const row = yield* teamRow(ctx, collaborativeId, teamId);
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.organisation !== undefined ? { organisation: patch.organisation } : {}),
        ...(patch.joinMonth !== undefined ? { join_month: patch.joinMonth } : {}),
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(patch.remindersOptOut !== undefined ? { reminders_opt_out: patch.remindersOptOut ? 1 : 0 } : {}),
      };
      yield* run(db.updateTable("teams").set(set).where("collaborative_id", "=", collaborativeId).where("id", "=", teamId));
      yield* audit(db, { at, actor, action: "team.updated", collaborativeId, teamId, details: { changed: patch } });
      return toTeam({ ...row, ...set });
    },
  };
}
