"use client";
import Link from "next/link";
import type { TIcpPreview } from "@crm/core";
import { Alert, Badge } from "@crm/ui";
import { BAND_LABELS, BANDS, BAND_TONES, type TBandKey } from "../labels";
import type { TPreviewState } from "./use-icp-preview";

const n = (v: number) => v.toLocaleString("en");

/** Counts per band (announced politely when they change) and the best examples of each band. */
export function IcpPreviewPanel({ state, accountsUrl }: { state: TPreviewState; accountsUrl: string }) {
  const { data, updating, error } = state;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-sm text-gray-700">{data ? `Out of ${n(data.total)} connections in your team’s networks` : "Scoring your team’s networks…"}</p>
        <span className={`text-xs text-gray-500 ${updating ? "visible" : "invisible"}`} data-testid="preview-updating">updating…</span>
      </div>
      {/* Only the counts are live: announcing the samples on every keystroke would drown the form. */}
      <div aria-live="polite" aria-atomic="true" className={updating && data ? "opacity-60 transition-opacity" : ""}>
        {/* A narrow column: the figures side by side, smaller than the page's Stats. */}
        <dl className="grid grid-cols-3 gap-2">
          {BANDS.map((b) => (
            <div key={b} className="rounded-md bg-gray-50 p-2 ring-1 ring-gray-200">
              <dt className="text-xs font-medium text-gray-600">{BAND_LABELS[b]}</dt>
              <dd className="text-xl font-semibold tabular-nums text-gray-900">{data ? n(data[b]) : "–"}</dd>
            </div>
          ))}
        </dl>
      </div>
      {error && <Alert tone="error">{error.message}</Alert>}
      {data && data.total === 0 && (
        <p className="text-sm text-gray-700">
          No connections yet. <Link className="text-blue-800 underline" href={accountsUrl}>Upload a LinkedIn export</Link> to see who fits.
        </p>
      )}
      {data && data.total > 0 && (
        <div className={`flex flex-col gap-4 ${updating ? "opacity-60" : ""}`}>
          <TitleMatches data={data} />
          {BANDS.map((b) => <Samples key={b} band={b} data={data} />)}
        </div>
      )}
    </div>
  );
}

/** Which titles each keyword found (stop words, abbreviations and word order are ignored, so the
 *  user sees what "VP Sales" really covers in their network). */
function TitleMatches({ data }: { data: TIcpPreview }) {
  if (data.titleMatches.length === 0) return null;
  return (
    <section aria-label="Titles your keywords match" data-testid="title-matches">
      <h3 className="mb-2 text-sm font-semibold text-gray-800">Titles your keywords match</h3>
      <ul className="flex flex-col gap-2 text-xs text-gray-700">
        {data.titleMatches.map((m) => (
          <li key={m.keyword}>
            <span className="font-medium text-gray-900">{m.keyword}</span>: {m.count === 0 ? "no one" : `${n(m.count)} ${m.count === 1 ? "person" : "people"}`}
            {m.titles.length > 0 && (
              <ul className="mt-0.5 flex flex-wrap gap-1" aria-label={`Titles matched by ${m.keyword}`}>
                {m.titles.map((t) => (
                  <li key={t.title} className="max-w-full truncate rounded bg-gray-100 px-1.5 py-0.5" title={t.title}>
                    {t.title} <span className="tabular-nums text-gray-500">×{n(t.count)}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Samples({ band, data }: { band: TBandKey; data: TIcpPreview }) {
  const samples = data.samples[band];
  if (samples.length === 0) return null;
  return (
    <section aria-label={`${BAND_LABELS[band]} examples`}>
      <h3 className="mb-2 text-sm font-semibold text-gray-800">
        {BAND_LABELS[band]}: {samples.length < data[band] ? `top ${samples.length} of ${n(data[band])}` : n(data[band])}
      </h3>
      <ul className="flex flex-col gap-2">
        {samples.map((s) => {
          const p = data.people[s.id];
          return (
            <li key={s.id} className="rounded-md bg-gray-50 p-2 text-sm ring-1 ring-gray-200" data-testid="preview-sample">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-gray-900">{p?.name || "Unnamed connection"}</p>
                  <p className="truncate text-xs text-gray-600">{[p?.position, p?.company].filter(Boolean).join(" · ") || "No title or company"}</p>
                </div>
                <Badge tone={BAND_TONES[band]}><span className="sr-only">Score </span>{s.score}</Badge>
              </div>
              <ul className="mt-1 list-disc pl-5 text-xs text-gray-700">
                {s.reasons.map((r, i) => <li key={i}>{r.text}</li>)}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
