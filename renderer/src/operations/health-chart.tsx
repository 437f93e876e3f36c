// One small live chart of the Flows overview, drawn by uPlot (light, canvas-based). The figure is an
// image to assistive technology, named by what it shows and its latest value; the canvas itself is
// decoration for sighted users.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const WIDTH = 260;
const HEIGHT = 110;

export interface HealthChartProps {
  /** "Messages per minute" */
  label: string;
  unit: string;
  times: number[];
  values: number[];
}

export function HealthChart({ label, unit, times, values }: HealthChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot>(undefined);
  useEffect(() => {
    if (!holder.current) return;
    const accent = getComputedStyle(holder.current).getPropertyValue('--accent').trim() || '#2f6fed';
    plot.current = new uPlot({
      width: WIDTH,
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max)] } },
      axes: [{ size: 24, font: '10px system-ui' }, { size: 36, font: '10px system-ui' }],
      series: [{}, { label, stroke: accent, width: 1.5, fill: `${accent}22` }],
    }, [[], []], holder.current);
    return () => {
      plot.current?.destroy();
      plot.current = undefined;
    };
  }, [label]);
  useEffect(() => {
    plot.current?.setData([times, values]);
  }, [times, values]);
  const latest = values.at(-1);
  const text = latest === undefined ? 'no reading yet' : `${latest.toLocaleString(undefined, { maximumFractionDigits: 1 })} ${unit}`;
  return (
    <figure className="ops-chart" role="img" aria-label={`${label}: ${text}`}>
      <figcaption className="ops-chart-caption">{label} <strong>{text}</strong></figcaption>
      <div ref={holder} aria-hidden="true" />
    </figure>
  );
}
