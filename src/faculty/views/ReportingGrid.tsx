// Who reported: one row per team, one cell per month (on time, late, missing, not due yet), and the
// month's received count under it (core's completeness, computed by the server).
import { makeStyles, mergeClasses, Subtitle2, tokens } from "@fluentui/react-components";
import type { Completeness, ReportStatus } from "../../core/index";
import { isoDate, shortMonth } from "../../web/format";
import { routeHref } from "../routes";
import { usePageStyles } from "../styles";

/** What a cell shows, and what its title and the legend say. */
export const STATUS_TEXT: Record<ReportStatus, string> = { on_time: "✓", late: "late", missing: "missing", not_due: "–" };
export const STATUS_LABEL: Record<ReportStatus, string> = { on_time: "on time", late: "late", missing: "missing", not_due: "not due yet" };
const STATUSES = ["on_time", "late", "missing", "not_due"] as const;

const useStyles = makeStyles({
  scroll: { overflowX: "auto" },
  table: { borderCollapse: "separate", borderSpacing: "3px", fontSize: tokens.fontSizeBase200 },
  th: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground3, textAlign: "center", padding: "2px 4px", whiteSpace: "nowrap" },
  team: { textAlign: "left", color: tokens.colorNeutralForeground1, paddingRight: tokens.spacingHorizontalM, minWidth: "180px" },
  cell: { textAlign: "center", minWidth: "52px", height: "28px", borderRadius: tokens.borderRadiusMedium },
  on_time: { backgroundColor: tokens.colorStatusSuccessBackground1, color: tokens.colorStatusSuccessForeground1 },
  late: { backgroundColor: tokens.colorStatusWarningBackground1, color: tokens.colorStatusWarningForeground3 },
  missing: { backgroundColor: tokens.colorStatusDangerBackground1, color: tokens.colorStatusDangerForeground1, fontWeight: tokens.fontWeightSemibold },
  not_due: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3 },
  total: { color: tokens.colorNeutralForeground3 },
  legend: { display: "flex", columnGap: tokens.spacingHorizontalM, flexWrap: "wrap", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  key: { display: "inline-flex", columnGap: "5px", alignItems: "center" },
  swatch: { width: "12px", height: "12px", borderRadius: tokens.borderRadiusSmall, display: "inline-block", border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}` },
});

export function ReportingGrid({ completeness }: { completeness: Completeness }) {
  const page = usePageStyles();
  const classes = useStyles();
  return (
    <section className={page.card} aria-labelledby="grid-title">
      <div className={page.cardHead}>
        <Subtitle2 as="h2" id="grid-title">
          Who reported
        </Subtitle2>
        <div className={classes.legend} aria-label="Legend">
          {STATUSES.map((status) => (
            <span key={status} className={classes.key}>
              <i className={mergeClasses(classes.swatch, classes[status])} />
              {STATUS_LABEL[status]}
            </span>
          ))}
        </div>
      </div>
      <div className={classes.scroll}>
        <table className={classes.table} aria-labelledby="grid-title">
          <thead>
            <tr>
              <th className={mergeClasses(classes.th, classes.team)} scope="col">
                Team
              </th>
              {completeness.months.map((m) => (
                <th key={m.period} className={classes.th} scope="col" title={`due ${m.dueDate}`}>
                  {shortMonth(m.period)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {completeness.teams.map((team) => (
              <tr key={team.teamId}>
                <th className={mergeClasses(classes.th, classes.team)} scope="row" title={`${team.onTime} on time, ${team.late} late, ${team.missing} missing`}>
                  <a className={page.link} href={routeHref({ view: "team", teamId: team.teamId })}>
                    {team.teamName}
                  </a>
                </th>
                {team.cells.map((cell) => (
                  <td
                    key={cell.period}
                    className={mergeClasses(classes.cell, classes[cell.status])}
                    data-status={cell.status}
                    title={`${team.teamName}, ${shortMonth(cell.period)}: ${STATUS_LABEL[cell.status]}${cell.firstReceivedAt ? ` (received ${isoDate(cell.firstReceivedAt)}, revision ${cell.revision})` : ""}`}
                  >
                    {STATUS_TEXT[cell.status]}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th className={mergeClasses(classes.th, classes.team, classes.total)} scope="row">
                Received
              </th>
              {completeness.months.map((m) => (
                <td key={m.period} className={mergeClasses(classes.cell, classes.total)} data-total>
                  {`${m.received}/${m.expected || completeness.teams.length}`}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
