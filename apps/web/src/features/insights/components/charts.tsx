"use client";

import dynamic from "next/dynamic";
import type { TBarChartProps } from "./bar-chart";
import type { TSlice } from "./donut-chart";

// Recharts loads with this page only, after its text and tables: the charts are drawn in the
// browser (they measure their box), and the page is readable before they arrive. The box has its
// final height from the start, so nothing jumps when a chart appears.

const loading = () => <div className="h-full w-full animate-pulse rounded bg-gray-50" aria-hidden="true" />;
const LazyBar = dynamic(() => import("./bar-chart"), { ssr: false, loading });
const LazyDonut = dynamic(() => import("./donut-chart"), { ssr: false, loading });

export function BarChartView(props: TBarChartProps) {
  const height = props.orientation === "rows" ? Math.max(160, props.data.length * 30 + 40) : 280;
  return <div style={{ height }} className="w-full"><LazyBar {...props} /></div>;
}

export function DonutChartView(props: { data: TSlice[]; label: string }) {
  return <div style={{ height: 260 }} className="w-full"><LazyDonut {...props} /></div>;
}
