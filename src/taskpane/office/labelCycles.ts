// The PDSA cycles on a measure sheet's run chart: a data label on the value series' point of each
// month where a cycle of that measure started or ended (core's cycleChartLabels), so a signal can be
// read against the change that preceded it. The labels are rewritten on every Validate: a point
// labelled before and not now loses its label, so the value series' data labels are the add-in's.
// Only the chart "Create sheet" drew is labelled (see pickChart); a sheet without one returns false.
//
// Excel behaviours relied on (docs/DESIGN.md, "Excel behaviours we rely on"): a chart point has its
// own data label (Excel.ChartPoint.hasDataLabel and .dataLabel, ExcelApi 1.7) whose text can be set
// (Excel.ChartDataLabel.text, ExcelApi 1.8), https://learn.microsoft.com/en-us/javascript/api/excel/excel.chartpoint,
// https://learn.microsoft.com/en-us/javascript/api/excel/excel.chartdatalabel; a series' points are
// counted with ChartPointsCollection.count (ExcelApi 1.1).
import type { ChartLabel } from "../host";
import type { ExcelRun } from "./run";

/**
 * The chart "Create sheet" draws, named "<table>_chart": its points are the table's rows, one per
 * month, so a label lands on its month. A chart a team drew by hand may plot anything in any order,
 * so it is left alone.
 */
function pickChart(charts: readonly Excel.Chart[]): Excel.Chart | null {
  return charts.find((c) => c.name.endsWith("_chart")) ?? null;
}

export async function labelCycles(run: ExcelRun, sheetName: string, labels: readonly ChartLabel[]): Promise<boolean> {
  return run(async (context) => {
    const charts = context.workbook.worksheets.getItem(sheetName).charts;
    charts.load("items/name");
    await context.sync();
    const chart = pickChart(charts.items);
    if (chart === null) return false;
    const points = chart.series.getItemAt(0).points;
    points.load("count");
    await context.sync();
    const byPoint = new Map(labels.map((l) => [l.point, l.text]));
    for (let i = 0; i < points.count; i++) {
      const point = points.getItemAt(i);
      const text = byPoint.get(i);
      point.hasDataLabel = text !== undefined;
      if (text !== undefined) {
        point.dataLabel.text = text;
        point.dataLabel.position = "Top";
      }
    }
    await context.sync();
    return true;
  });
}
