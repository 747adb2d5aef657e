// A worker process runs up to IMPORT_CONCURRENCY imports at once. When it dies (out of memory,
// killed), every import it was running counts a crash, though one file may be at fault. So an import
// that has crashed once runs alone in its process afterwards: a second crash is then its own, and
// only that fails it for good (run-guard.ts). First come, first served: a waiting "alone" run is
// not overtaken by later shared ones.

type TWaiter = { alone: boolean; go: () => void };

const queue: TWaiter[] = [];
let shared = 0;
let alone = false;

function pump(): void {
  for (let next = queue[0]; next; next = queue[0]) {
    if (alone || (next.alone && shared > 0)) return;
    queue.shift();
    if (next.alone) alone = true;
    else shared++;
    next.go();
  }
}

/** Waits until this process may run the import (`alone`: with no other import); resolves to its release. */
export function enterImportGate(runAlone: boolean): Promise<() => void> {
  return new Promise((resolve) => {
    queue.push({
      alone: runAlone,
      go: () => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          if (runAlone) alone = false;
          else shared--;
          pump();
        });
      },
    });
    pump();
  });
}
