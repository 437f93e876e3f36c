// The open flow's pulse in the status bar while it runs live: a tiny uPlot sparkline of messages per
// minute and queue depth (each on its own scale) with the latest figures, as a button that opens the
// Flows overview for the full charts. Nothing shows for a flow that is not live.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ApiClient } from '../api/client.js';
import { useLiveFlowHealth } from './use-live-flow-health.js';

const WIDTH = 90;
const HEIGHT = 18;

export function LiveSparkline({ client, flowId, onOpenOverview }: { client: ApiClient | undefined; flowId: string; onOpenOverview: () => void }) {
  const series = useLiveFlowHealth(client, flowId);
  if (!series) return null;
  const rate = Math.round(series.perMinute.at(-1) ?? 0);
  const depth = series.queueDepth.at(-1) ?? 0;
  return (
    <button
      type="button"
      className="status-sparkline"
      onClick={onOpenOverview}
      aria-label={`Live: ${rate.toLocaleString()} messages per minute, ${depth.toLocaleString()} waiting. Open the Flows overview`}
      title="Live: messages per minute and queue depth — open the Flows overview"
    >
      <Sparkline times={series.times} rates={series.perMinute} depths={series.queueDepth} />
      <span aria-hidden="true">{rate.toLocaleString()}/min · {depth.toLocaleString()} waiting</span>
    </button>
  );
}

function Sparkline({ times, rates, depths }: { times: number[]; rates: number[]; depths: number[] }) {
  const holder = useRef<HTMLSpanElement>(null);
  const plot = useRef<uPlot>(undefined);
  useEffect(() => {
    if (!holder.current) return undefined;
    const style = getComputedStyle(holder.current);
    const accent = style.getPropertyValue('--accent').trim() || '#2f6fed';
    const muted = style.getPropertyValue('--text-muted').trim() || '#888';
    const range: uPlot.Range.Function = (_u, min, max) => [Math.min(0, min), Math.max(1, max)];
    plot.current = new uPlot({
      width: WIDTH,
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      padding: [1, 0, 1, 0],
      scales: { x: { time: false }, rate: { range }, depth: { range } },
      axes: [{ show: false }, { show: false, scale: 'rate' }],
      series: [{}, { scale: 'rate', stroke: accent, width: 1.25, fill: `${accent}22` }, { scale: 'depth', stroke: muted, width: 1, dash: [2, 2] }],
    }, [[], [], []], holder.current);
    return () => {
      plot.current?.destroy();
      plot.current = undefined;
    };
  }, []);
  useEffect(() => {
    plot.current?.setData([times, rates, depths]);
  }, [times, rates, depths]);
  return <span ref={holder} className="status-sparkline-plot" aria-hidden="true" />;
}
