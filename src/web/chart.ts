// The backlog chart as server-rendered SVG: no script, no library, colours from the stylesheet
// (so it follows light and dark mode). Hand-written because it is one polyline and two axes.
import { markup, type SafeHtml } from './html.ts';

export interface ChartPoint {
  at: number;
  value: number;
}

const W = 600;
const H = 200;
const PAD = { left: 40, right: 10, top: 10, bottom: 24 };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Points oldest first; one <circle class="point"> per point, each with its date and count as a title. */
export function lineChart(points: ChartPoint[], label: string): SafeHtml {
  if (points.length === 0) return markup`<p class="muted">No backlog counted yet.</p>`;
  const t0 = points[0].at;
  const t1 = Math.max(points[points.length - 1].at, t0 + 1);
  const top = Math.max(1, ...points.map((p) => p.value));
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const xy = points.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`);
  return markup`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">
<title>${label}</title>
<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>
<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}"/>
<text x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${top}</text>
<text x="${PAD.left - 4}" y="${H - PAD.bottom}" text-anchor="end">0</text>
<text x="${PAD.left}" y="${H - 6}">${day(t0)}</text>
<text x="${W - PAD.right}" y="${H - 6}" text-anchor="end">${day(t1)}</text>
<polyline class="line" points="${xy.join(' ')}"/>
${points.map((p, i) => markup`<circle class="point" cx="${xy[i].split(',')[0]}" cy="${xy[i].split(',')[1]}" r="3" data-value="${p.value}"><title>${day(p.at)}: ${p.value}</title></circle>`)}
</svg>`;
}
