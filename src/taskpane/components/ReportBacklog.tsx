// The months the reminders are about: what the team has not reported since it joined (due date
// passed), and what it sent late, from the data store's status (`backlog`, core's teamBacklog).
// Shown under this month's status on the Submit tab; a server without `backlog` shows nothing.
import { makeStyles, Text, tokens } from "@fluentui/react-components";
import type { TeamStatus } from "../../core/index";
import { dateLabel, monthLabel, plural } from "../format";
import { usePanelStyles } from "./styles";

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXXS} 0 ${tokens.spacingVerticalXS}`, paddingLeft: tokens.spacingHorizontalL },
});

export function ReportBacklog({ backlog }: { backlog: NonNullable<TeamStatus["backlog"]> }) {
  const styles = usePanelStyles();
  const classes = useStyles();
  const since = monthLabel(backlog.joinMonth);
  if (backlog.missing.length === 0 && backlog.late.length === 0) {
    return (
      <Text size={200} className={styles.muted}>
        Every month since {since} is reported on time.
      </Text>
    );
  }
  return (
    <div role="group" aria-label="Months missing or late">
      {backlog.missing.length > 0 ? (
        <>
          <Text size={200} weight="semibold">
            Still missing since {since}: {plural(backlog.missing.length, "month")}
          </Text>
          <ul className={classes.list} aria-label="Months still missing">
            {backlog.missing.map((m) => (
              <li key={m.period}>
                <Text size={200}>
                  {monthLabel(m.period)}: was due {dateLabel(m.dueDate)}
                  {m.locked ? " · locked: ask your collaborative's admin to reopen it" : ""}
                </Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {backlog.late.length > 0 ? (
        <>
          <Text size={200} weight="semibold">
            Sent late: {plural(backlog.late.length, "month")}
          </Text>
          <ul className={classes.list} aria-label="Months sent late">
            {backlog.late.map((m) => (
              <li key={m.period}>
                <Text size={200}>
                  {monthLabel(m.period)}: due {dateLabel(m.dueDate)}, received {dateLabel(m.firstReceivedAt)}
                </Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
