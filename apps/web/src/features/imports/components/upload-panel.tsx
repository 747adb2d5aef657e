"use client";
import { useId, useRef, useState, type DragEvent } from "react";
import { useRouter } from "next/navigation";
import { Alert, Button, ProgressBar } from "@crm/ui";
import { formatBytes, uploadFile } from "../upload-file";

type TState = { kind: "idle" } | { kind: "uploading"; name: string; fraction: number } | { kind: "done"; name: string } | { kind: "error"; message: string };

/**
 * Drop zone and file picker in one: the real <input type="file"> stays in the tab order (its label
 * looks like a button and shows the focus ring), and dropping a file does the same as choosing it.
 */
export function UploadPanel({ uploadUrl, maxBytes }: { uploadUrl: string; maxBytes: number }) {
  const router = useRouter();
  const inputId = useId();
  const [state, setState] = useState<TState>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);
  const busy = state.kind === "uploading" || state.kind === "done";

  async function start(file: File | undefined) {
    if (!file || busy) return;
    if (file.size > maxBytes) {
      setState({ kind: "error", message: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}. Upload Connections.csv on its own, or request LinkedIn's archive without messages.` });
      return;
    }
    setState({ kind: "uploading", name: file.name, fraction: 0 });
    const { done, abort } = uploadFile(uploadUrl, file, (fraction) => setState({ kind: "uploading", name: file.name, fraction }));
    abortRef.current = abort;
    const result = await done;
    abortRef.current = null;
    if (result.ok) {
      setState({ kind: "done", name: file.name });
      router.push(result.pageUrl);
    } else setState(result.aborted ? { kind: "idle" } : { kind: "error", message: result.message });
  }

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    void start(e.dataTransfer.files[0]);
  };

  return (
    <div className="flex flex-col gap-4">
      {state.kind === "error" && <Alert tone="error">{state.message}</Alert>}
      <div
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-8 text-center ${dragging ? "border-blue-600 bg-blue-50" : "border-gray-300 bg-gray-50"}`}
      >
        <p className="text-sm text-gray-800">Drag and drop <strong>Connections.csv</strong> or the whole export <strong>ZIP</strong> here, or</p>
        <input
          id={inputId}
          type="file"
          accept=".csv,.zip,text/csv,application/zip"
          className="peer sr-only"
          disabled={busy}
          onChange={(e) => {
            void start(e.target.files?.[0]);
            e.target.value = ""; // choosing the same file again must upload again
          }}
        />
        <label
          htmlFor={inputId}
          className="cursor-pointer rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 peer-disabled:cursor-not-allowed peer-disabled:bg-blue-300 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600"
        >
          Choose a file
        </label>
        <p className="text-xs text-gray-600">CSV or ZIP, up to {formatBytes(maxBytes)}.</p>
      </div>
      {state.kind === "uploading" && (
        <div className="flex flex-col gap-2">
          <ProgressBar label="Upload progress" value={Math.round(state.fraction * 100)} />
          <p role="status" className="text-sm text-gray-700">Uploading {state.name}…</p>
          <div><Button variant="secondary" onClick={() => abortRef.current?.()}>Cancel upload</Button></div>
        </div>
      )}
      {state.kind === "done" && <p role="status" className="text-sm text-gray-700">Uploaded {state.name}. Opening the import…</p>}
      <div className="text-sm text-gray-700">
        <h3 className="font-medium text-gray-800">Where to get the export</h3>
        <ol className="mt-1 list-decimal space-y-1 pl-6">
          <li>On LinkedIn, open <strong>Settings → Data privacy → Get a copy of your data</strong>.</li>
          <li>Pick <strong>Connections</strong> alone (ready in minutes), or the whole archive, which adds messages, endorsements, recommendations and your pending invitations (LinkedIn may take up to a day).</li>
          <li>Download the file from LinkedIn’s email and upload <strong>Connections.csv</strong> or the whole <strong>ZIP</strong> here. We never ask for your LinkedIn password.</li>
        </ol>
      </div>
    </div>
  );
}
