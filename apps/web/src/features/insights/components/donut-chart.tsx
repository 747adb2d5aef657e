"use client";

import { Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";

export type TSlice = { label: string; value: number; fill: string };

const fmt = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en") : String(v ?? ""));

/** Parts of a whole (fit bands, activity buckets); one image to assistive technology, like the bars. */
export default function DonutChartView({ data, label }: { data: TSlice[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-full w-full">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart accessibilityLayer={false}>
          <Pie data={data} dataKey="value" nameKey="label" innerRadius="55%" outerRadius="85%" paddingAngle={data.length > 1 ? 1 : 0} isAnimationActive={false} stroke="#fff" />
          <Tooltip formatter={(v, name) => [fmt(v), String(name)]} />
          {/* Recharts colours legend text like its slice; pale slices would make unreadable text. */}
          <Legend verticalAlign="middle" align="right" layout="vertical" iconType="square" wrapperStyle={{ fontSize: 13 }} formatter={(value) => <span style={{ color: "#111827" }}>{String(value)}</span>} />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
