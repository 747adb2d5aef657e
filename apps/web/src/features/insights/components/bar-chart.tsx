"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";

export type TBarDatum = { label: string; value: number; fill?: string };

export type TBarChartProps = {
  data: TBarDatum[];
  /** The chart's accessible name; its figures are in the table next to it. */
  label: string;
  /** "columns": categories along the bottom (years); "rows": one bar per line, for long names. */
  orientation: "columns" | "rows";
  color: string;
  valueName: string;
};

const AXIS = { fontSize: 12, fill: "#374151" };
const fmt = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en") : String(v ?? ""));
const shape = (color: string) => (p: BarShapeProps) => <Rectangle {...p} fill={(p.payload as TBarDatum | undefined)?.fill ?? color} />;

/**
 * Recharts' own keyboard layer is off: the chart is one image to assistive technology (the table
 * carries the figures), so nothing inside it may take focus.
 */
export default function BarChartView({ data, label, orientation, color, valueName }: TBarChartProps) {
  const rows = orientation === "rows";
  return (
    <div role="img" aria-label={label} className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout={rows ? "vertical" : "horizontal"} accessibilityLayer={false} margin={{ top: 16, right: 48, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e5e7eb" horizontal={!rows} vertical={rows} />
          {rows ? (
            <>
              <XAxis type="number" hide />
              <YAxis type="category" dataKey="label" width={190} tick={AXIS} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" />
              <YAxis tick={AXIS} tickFormatter={fmt} width={56} allowDecimals={false} />
            </>
          )}
          <Tooltip formatter={(v) => [fmt(v), valueName]} cursor={{ fill: "#f3f4f6" }} />
          <Bar dataKey="value" name={valueName} fill={color} shape={shape(color)} isAnimationActive={false} radius={rows ? [0, 3, 3, 0] : [3, 3, 0, 0]}>
            <LabelList dataKey="value" position={rows ? "right" : "top"} formatter={fmt} style={{ fontSize: 11, fill: "#111827" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
