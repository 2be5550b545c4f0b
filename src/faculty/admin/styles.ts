// Layout of the admin pages: form grids, action rows, plain tables; Fluent tokens only (the page's
// CSP allows no style attributes, so every style is a Griffel class).
import { makeStyles, tokens } from "@fluentui/react-components";

export const useAdminStyles = makeStyles({
  // cells start at the top (a neighbour's hint never stretches a control) and may shrink (a long option never overflows)
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalM,
    alignItems: "start",
    "& > *": { minWidth: 0 },
  },
  /** a picker as wide as its cell, never wider */
  select: { width: "100%", minWidth: 0, "& > select": { minWidth: 0, textOverflow: "ellipsis" } },
  wide: { gridColumn: "1 / -1" },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, alignItems: "center", marginTop: tokens.spacingVerticalM },
  error: { color: tokens.colorStatusDangerForeground1, marginTop: tokens.spacingVerticalS, marginBottom: 0 },
  done: { color: tokens.colorStatusSuccessForeground1, fontWeight: tokens.fontWeightSemibold, marginTop: tokens.spacingVerticalS, marginBottom: 0 },
  issues: { color: tokens.colorStatusDangerForeground1, margin: `${tokens.spacingVerticalXS} 0 0 18px`, padding: 0 },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase300 },
  th: { textAlign: "left", color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, whiteSpace: "nowrap" },
  td: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`, verticalAlign: "middle" },
  scroll: { overflowX: "auto" },
  sub: { marginTop: tokens.spacingVerticalL, marginBottom: tokens.spacingVerticalS, display: "block" },
  item: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalM,
  },
  itemHead: { display: "flex", justifyContent: "space-between", alignItems: "center", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, flexWrap: "wrap" },
  retired: { backgroundColor: tokens.colorNeutralBackground3 },
  secret: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorStatusWarningBorder1}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    borderRadius: tokens.borderRadiusLarge,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    marginBottom: tokens.spacingVerticalL,
  },
  secretInput: { width: "100%", fontFamily: tokens.fontFamilyMonospace },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  contactRow: { display: "grid", gridTemplateColumns: "repeat(3, minmax(160px, 1fr)) auto", columnGap: tokens.spacingHorizontalS, alignItems: "start", marginBottom: tokens.spacingVerticalS, "& > button": { marginTop: "26px" } },
  nav: { marginBottom: tokens.spacingVerticalL },
  list: { listStyleType: "none", padding: 0, margin: 0 },
  /** the header's button of the page shown: light on the brand-coloured header, so it reads as chosen */
  current: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForegroundOnBrand}`,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover, color: tokens.colorBrandForeground1 },
  },
});
