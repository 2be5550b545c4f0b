import * as z from "zod";
import { IMPROVEMENT_DIRECTIONS } from "../direction";
import { Period, Slug, text } from "./common";

/**
 * What a measure is for, as in the IHI Model for Improvement family of measures.
 * - `outcome`: the aim itself (e.g. infections per 1,000 line-days)
 * - `process`: whether the changes are done (e.g. % of insertions with the full bundle)
 * - `balancing`: what might get worse elsewhere
 */
export const MeasureType = z.enum(["outcome", "process", "balancing"]);
export type MeasureType = z.infer<typeof MeasureType>;

/**
 * How a point's value is made from its numerator and denominator:
 * - `percent`: value = 100 · numerator / denominator (both required, numerator <= denominator)
 * - `rate`: value = multiplier · numerator / denominator (e.g. per 1,000 line-days)
 * - `count`: value = numerator; no denominator
 * - `mean`: the value the team types (e.g. mean length of stay), required; denominator optional (n,
 *   the number of cases it averages); no numerator (core's `resolvePoint` and `readMeasureSheet`
 *   apply this one definition)
 */
export const MeasureKind = z.enum(["percent", "rate", "count", "mean"]);
export type MeasureKind = z.infer<typeof MeasureKind>;

/** One measure of the collaborative's shared measure set. */
export const MeasureDefinition = z.strictObject({
  id: Slug,
  name: text(120).min(1, "cannot be empty"),
  type: MeasureType,
  kind: MeasureKind,
  /** For `rate`: value = multiplier · numerator / denominator. Default 1 (100 for percent is implied). */
  multiplier: z.number().positive().optional(),
  /** Unit shown beside values, e.g. "per 1,000 line-days", "%", "hours". */
  unit: text(60).optional(),
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  goal: z.number().finite().optional(),
  operationalDefinition: text(4000).default(""),
  required: z.boolean().default(true),
  /**
   * A retired measure is no longer reported: sheets, the pane and completeness leave it out, and a
   * report carrying it is refused; its stored data stays readable (a measure with data is never deleted).
   */
  retired: z.boolean().optional(),
});
export type MeasureDefinition = z.infer<typeof MeasureDefinition>;

/** Who sees whose data: everyone by name, teams blinded (faculty still see names), or only aggregates. */
export const SharingMode = z.enum(["named", "blinded", "aggregate"]);
export type SharingMode = z.infer<typeof SharingMode>;

/**
 * Which run-chart rules the collaborative reads by: `ihi` (shift 6, trend 5, runs table), `anhoej`
 * (longest run, crossings; qicharts2) or `mdc` (NHS Making Data Count XmR rules). Every door applies
 * it: the score evidence, `/runcharts`, the faculty page and the task pane (core's `readRunChart`).
 */
export const RuleSet = z.enum(["ihi", "anhoej", "mdc"]);
export type RuleSet = z.infer<typeof RuleSet>;

/** A collaborative as an admin defines it (the JSON file `npm run admin -- create-collaborative` reads). */
export const CollaborativeDefinition = z
  .strictObject({
    id: Slug,
    name: text(200).min(1, "cannot be empty"),
    aim: text(2000).default(""),
    startMonth: Period,
    endMonth: Period,
    /** Reports for month M are due on this day of month M+1 (1-28). */
    dueDay: z.number().int().min(1).max(28).default(15),
    /** A month is locked this many days after its due date; an admin can reopen it. 0 = never lock. */
    lockAfterDays: z.number().int().min(0).max(3650).default(60),
    sharing: SharingMode.default("named"),
    ruleSet: RuleSet.default("ihi"),
    /** Reminders for this collaborative on or off (absent: on; teams can also opt out one by one). */
    remindersEnabled: z.boolean().optional(),
    /** The "due in N days" reminder goes this many days before the due day (1-27; absent: 3). */
    reminderDaysBefore: z.number().int().min(1).max(27).optional(),
    measures: z.array(MeasureDefinition).min(1, "define at least one measure").max(100),
  })
  .refine((c) => c.startMonth <= c.endMonth, { error: "endMonth must not be before startMonth", path: ["endMonth"] })
  .refine((c) => new Set(c.measures.map((m) => m.id)).size === c.measures.length, {
    error: "measure ids must be unique",
    path: ["measures"],
  });
export type CollaborativeDefinition = z.infer<typeof CollaborativeDefinition>;

/**
 * A participating team (a hospital, a clinic). A team token writes only this team's data.
 *
 * `joinMonth`: the first month the team is expected to report; completeness and reminders count the
 * team from it (absent: from the collaborative's start month). A team that is not `active` has left
 * the collaborative: it is no longer expected to report or reminded, and its data stays.
 * The optional settings are stored and read back only when they differ from their default
 * (core's `teamSettings` reads them with the defaults applied).
 */
export const Team = z.strictObject({
  id: Slug,
  name: text(200).min(1, "cannot be empty"),
  organisation: text(200).default(""),
  joinMonth: Period.optional(),
  /** absent: active */
  active: z.boolean().optional(),
  /** The team asked not to be sent reminders (absent: no). */
  remindersOptOut: z.boolean().optional(),
});
export type Team = z.infer<typeof Team>;

/**
 * Someone at a team that reminders go to (the data lead, the improvement advisor). Contacts are
 * personal data: only faculty and admin tokens read them, never another team.
 */
export const TeamContact = z.strictObject({
  name: text(200).min(1, "cannot be empty"),
  email: z.email("must be an e-mail address such as name@hospital.org").max(254),
  role: text(100).default(""),
});
export type TeamContact = z.infer<typeof TeamContact>;
