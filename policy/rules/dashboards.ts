// Dashboard bodies PutDashboard accepts: every widget on the 24-column grid.
import { dashboardColumns } from "../../aws/cloudWatchLimits";
import { ofType, text, types, violation, type ProjectPolicy, type Violation } from "../projectPolicy";

interface PlacedWidget {
  readonly type?: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
}

export const dashboardGeometry: ProjectPolicy = {
  name: "dashboard-geometry",
  description: `Every dashboard widget lies on the grid: x from 0 to ${dashboardColumns - 1}, width from 1 to ${dashboardColumns}, x + width at most ${dashboardColumns}.`,
  check: (stack) =>
    ofType(stack, types.dashboard).flatMap((d): Violation[] => {
      const body = text(d.props.dashboardBody);
      if (body === undefined) return [];
      const widgets = ((JSON.parse(body) as { widgets?: PlacedWidget[] }).widgets ?? []) as PlacedWidget[];
      return widgets.flatMap((w, i): Violation[] => {
        const x = w.x ?? 0;
        const width = w.width ?? 6;
        const where = `widget ${i} (${w.type ?? "?"}) at x ${x}, width ${width}`;
        const ok =
          Number.isInteger(x) &&
          x >= 0 &&
          x < dashboardColumns &&
          Number.isInteger(width) &&
          width >= 1 &&
          width <= dashboardColumns &&
          x + width <= dashboardColumns;
        const placed = (w.y ?? 0) >= 0 && (w.height ?? 6) >= 1;
        return ok && placed ? [] : [violation(d, `${where} is off the ${dashboardColumns}-column grid`)];
      });
    }),
};
