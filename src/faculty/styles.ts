// Layout of the faculty app: a wide page of cards, Fluent tokens only.
import { makeStaticStyles, makeStyles, tokens } from "@fluentui/react-components";

export const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

export const usePageStyles = makeStyles({
  page: { minHeight: "100vh", backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  top: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  topInner: {
    maxWidth: "1280px",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    display: "flex",
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalM,
    justifyContent: "space-between",
    alignItems: "flex-start",
    flexWrap: "wrap",
  },
  eyebrow: { textTransform: "uppercase", letterSpacing: "0.08em", fontSize: tokens.fontSizeBase100, opacity: 0.85 },
  title: { color: tokens.colorNeutralForegroundOnBrand, display: "block" },
  aim: { maxWidth: "760px", marginTop: tokens.spacingVerticalXS, opacity: 0.9, display: "block" },
  actions: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  main: { maxWidth: "1280px", margin: "0 auto", padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL} ${tokens.spacingVerticalXXXL}` },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusXLarge,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    marginBottom: tokens.spacingVerticalL,
    boxShadow: tokens.shadow2,
  },
  cardHead: { display: "flex", justifyContent: "space-between", alignItems: "center", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, flexWrap: "wrap", marginBottom: tokens.spacingVerticalS },
  two: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(420px, 1fr))", columnGap: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  status: { color: tokens.colorNeutralForeground3, marginBottom: tokens.spacingVerticalM, display: "block" },
  foot: { textAlign: "center", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingBottom: tokens.spacingVerticalXXL },
  link: { color: tokens.colorBrandForegroundLink },
  nav: { display: "flex", columnGap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalM, fontSize: tokens.fontSizeBase300 },
  onBrandButton: { color: tokens.colorNeutralForegroundOnBrand, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralForegroundOnBrand}`, backgroundColor: "transparent" },
});
