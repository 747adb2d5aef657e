import { parseConnectionsCsv } from "./src/connections/parse-connections";
const months = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"];
const lines = ["Notes:", '"A note, with commas."', "", "First Name,Last Name,URL,Email Address,Company,Position,Connected On"];
for (let i = 0; i < 30000; i++) lines.push(`First${i},Last${i},https://www.linkedin.com/in/person-${i}-x,${i % 40 === 0 ? `p${i}@example.com` : ""},"Company ${i}, Inc",Head of Things,${String(1 + (i % 28)).padStart(2, "0")} ${months[i % 12]} ${2005 + (i % 20)}`);
const bytes = new TextEncoder().encode(lines.join("\n"));
const now = new Date("2026-11-23T12:00:00Z");
const times: number[] = [];
const cpu: number[] = [];
for (let k = 0; k < 12; k++) { const c = process.cpuUsage(); const t = performance.now(); parseConnectionsCsv(bytes, { now }); times.push(performance.now() - t); const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000); }
cpu.sort((a, b) => a - b); console.log("cpu min", cpu[0]!.toFixed(0), "median", cpu[6]!.toFixed(0));
times.sort((a, b) => a - b);
console.log("min", times[0]!.toFixed(0), "median", times[6]!.toFixed(0), "max", times[11]!.toFixed(0));
