// This month at a glance: the reporting month, on time / late / missing, and % of teams at 4+.
import { makeStyles, tokens } from "@fluentui/react-components";
import type { CollaborativeView, Completeness, ScoresResponse } from "../../core/index";
import { formatValue, shortMonth } from "../../web/format";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalL },
  stat: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusXLarge,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  value: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  ok: { color: tokens.colorStatusSuccessForeground1 },
  late: { color: tokens.colorStatusWarningForeground3 },
  missing: { color: tokens.colorStatusDangerForeground1 },
});

type Kind = "ok" | "late" | "missing" | null;

function Stat({ label, value, hint, kind }: { label: string; value: string; hint: string; kind?: Kind }) {
  const classes = useStyles();
  return (
    <div className={classes.stat} role="group" aria-label={label}>
      <div className={classes.label}>{label}</div>
      <div className={`${classes.value} ${kind ? classes[kind] : ""}`}>{value}</div>
      <div className={classes.hint}>{hint}</div>
    </div>
  );
}

export function Summary({ collaborative, completeness, scores }: { collaborative: CollaborativeView; completeness: Completeness; scores: ScoresResponse }) {
  const classes = useStyles();
  const month = completeness.months[completeness.months.length - 1];
  if (!month) {
    return (
      <section className={classes.row} aria-label="This month">
        <Stat label="Reporting" value="not started" hint={`the collaborative starts ${shortMonth(collaborative.startMonth)}`} />
      </section>
    );
  }
  const latestScored = [...scores.months].reverse().find((m) => m.teamsScored > 0);
  return (
    <section className={classes.row} aria-label="This month">
      <Stat label="Reporting month" value={shortMonth(month.period)} hint={`due ${month.dueDate}`} />
      <Stat label="On time" value={String(month.onTime)} hint={`of ${collaborative.teamCount} teams`} kind="ok" />
      <Stat label="Late" value={String(month.late)} hint="received after the due date" kind="late" />
      <Stat label="Missing" value={String(month.missing)} hint={month.notDue ? `${month.notDue} not due yet` : "past the due date"} kind="missing" />
      <Stat
        label="Teams at 4+"
        value={latestScored ? formatValue(latestScored.percentAtLeast4, "%") : "–"}
        hint={latestScored ? `${shortMonth(latestScored.period)}, ${latestScored.teamsAtLeast4} of ${latestScored.teamsScored} scored` : "no scores yet"}
      />
    </section>
  );
}
