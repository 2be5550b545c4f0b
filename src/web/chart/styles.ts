// The charts' colours and strokes, from Fluent tokens (CSS variables of the theme), so the charts
// follow the page's theme and nothing keeps hex values "in step" by hand. SVG presentation
// attributes cannot read CSS variables, so marks get these classes.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useChartStyles = makeStyles({
  svg: { display: "block", width: "100%", height: "auto", overflow: "visible" },
  axis: { stroke: tokens.colorNeutralStroke2, strokeWidth: "1px" },
  gridLine: { stroke: tokens.colorNeutralStroke3, strokeWidth: "1px" },
  tick: { fill: tokens.colorNeutralForeground3, fontSize: "9px", fontFamily: tokens.fontFamilyBase },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "11px", fontFamily: tokens.fontFamilyBase },
  series: { stroke: tokens.colorPaletteBlueForeground2, strokeWidth: "1.6px", fill: "none" },
  point: { fill: tokens.colorPaletteBlueForeground2, stroke: tokens.colorNeutralBackground1, strokeWidth: "0.8px" },
  signal: { fill: tokens.colorPaletteDarkOrangeBorderActive, stroke: tokens.colorNeutralBackground1, strokeWidth: "0.8px" },
  centerLine: { stroke: tokens.colorNeutralForeground3, strokeWidth: "1px", strokeDasharray: "5 3" },
  limit: { stroke: tokens.colorNeutralForeground4, strokeWidth: "1px", strokeDasharray: "2 4" },
  goal: { stroke: tokens.colorPaletteGreenForeground1, strokeWidth: "1.2px", strokeDasharray: "2 3" },
  annotation: { fill: tokens.colorPalettePurpleForeground2 },
  annotationLine: { stroke: tokens.colorPalettePurpleBorderActive, strokeOpacity: 0.3, strokeWidth: "1px" },
  cycle: { fill: tokens.colorPaletteTealForeground2 },
  cycleLine: { stroke: tokens.colorPaletteTealBorderActive, strokeOpacity: 0.55, strokeWidth: "1px", strokeDasharray: "3 2" },
  cycleSpan: { stroke: tokens.colorPaletteTealBorderActive, strokeOpacity: 0.45, strokeWidth: "2px" },
  cycleLabel: { fill: tokens.colorPaletteTealForeground2, fontSize: "8px", fontWeight: tokens.fontWeightSemibold, fontFamily: tokens.fontFamilyBase },
  bar: { fill: tokens.colorBrandBackground },
  barGoalMet: { fill: tokens.colorPaletteGreenBackground3 },
  barSeries: { fill: tokens.colorPaletteBlueForeground2 },
});

export type ChartClasses = ReturnType<typeof useChartStyles>;
