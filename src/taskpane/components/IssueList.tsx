// Issues grouped by sheet, errors before warnings, each with its cell. Activating an issue (click, Enter
// or Space) selects the cell in Excel.
import { Badge, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { PaneIssue } from "../workbook/checkWorkbook";
import { plural } from "../format";
import { usePanelStyles } from "./styles";

const useStyles = makeStyles({
  group: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    alignItems: "stretch",
    rowGap: tokens.spacingVerticalXXS,
    width: "100%",
    boxSizing: "border-box",
    textAlign: "start",
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
    ":disabled": { cursor: "default", backgroundColor: tokens.colorNeutralBackground1 },
  },
  error: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  static: { cursor: "default", ":hover": { backgroundColor: tokens.colorNeutralBackground1 } },
  top: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  address: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface IssueListProps {
  issues: readonly PaneIssue[];
  /** Selects the issue's cell in Excel; absent (or no host) makes items plain text. */
  onSelect?: ((issue: PaneIssue) => void) | undefined;
  /** Heading level of the sheet headings (default 3). */
  headingLevel?: 2 | 3 | 4;
  label?: string;
}

interface Group {
  sheetName: string | null;
  issues: PaneIssue[];
}

/** Keeps the order of `issues` (already sheet by sheet, errors first) and cuts it into groups. */
export function groupBySheet(issues: readonly PaneIssue[]): Group[] {
  const groups: Group[] = [];
  for (const issue of issues) {
    const last = groups[groups.length - 1];
    if (last && last.sheetName === issue.sheetName) last.issues.push(issue);
    else {
      const existing = groups.find((g) => g.sheetName === issue.sheetName);
      if (existing) existing.issues.push(issue);
      else groups.push({ sheetName: issue.sheetName, issues: [issue] });
    }
  }
  for (const group of groups) group.issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return groups;
}

export function countLabel(issues: readonly PaneIssue[]): string {
  const errors = issues.filter((i) => i.severity === "error").length;
  const warnings = issues.length - errors;
  const parts = [];
  if (errors > 0) parts.push(plural(errors, "error"));
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  return parts.join(", ");
}

export function IssueList(props: IssueListProps) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const Heading = `h${props.headingLevel ?? 3}` as const;
  return (
    <div className={panel.section} aria-label={props.label ?? "Issues"} role="region">
      {groupBySheet(props.issues).map((group) => {
        const title = group.sheetName ?? "Whole report";
        return (
          <section key={title} className={styles.group} aria-label={title}>
            <Heading className={styles.heading}>
              {title} <Text size={200} className={panel.muted}>· {countLabel(group.issues)}</Text>
            </Heading>
            <ul className={panel.list}>
              {group.issues.map((issue) => {
                const selectable = Boolean(props.onSelect && issue.sheetName && issue.address);
                const body = (
                  <>
                    <span className={styles.top}>
                      <Badge size="small" appearance="filled" color={issue.severity === "error" ? "danger" : "warning"}>
                        {issue.severity === "error" ? "Error" : "Warning"}
                      </Badge>
                      {issue.address ? <span className={styles.address}>{issue.address}</span> : null}
                      {issue.source === "server" ? <Text size={100} className={panel.muted}>from the data store</Text> : null}
                    </span>
                    <span>{issue.address && issue.message.startsWith(`${issue.address}: `) ? issue.message.slice(issue.address.length + 2) : issue.message}</span>
                  </>
                );
                const className = mergeClasses(styles.item, issue.severity === "error" ? styles.error : styles.warning);
                return (
                  <li key={issue.key}>
                    {selectable ? (
                      <button type="button" className={className} onClick={() => props.onSelect?.(issue)} title={`Go to ${issue.sheetName}!${issue.address}`}>
                        {body}
                      </button>
                    ) : (
                      <div className={mergeClasses(className, styles.static)}>
                        {body}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
