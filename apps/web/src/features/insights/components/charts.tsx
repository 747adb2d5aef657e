"use client";

import dynamic from "next/dynamic";

// Recharts loads with this page only, after its text and tables: the charts are drawn in the
// browser (they measure their box), and the page is readable before they arrive.

const placeholder = (height: number) =>
  function ChartPlaceholder() {
    return <div style={{ height }} className="w-full animate-pulse rounded bg-gray-50" aria-hidden="true" />;
  };

export const BarChartView = dynamic(() => import("./bar-chart"), { ssr: false, loading: placeholder(280) });
export const DonutChartView = dynamic(() => import("./donut-chart"), { ssr: false, loading: placeholder(260) });
