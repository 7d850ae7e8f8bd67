/**
 * A horizontal bar chart of one question's votes. The table next to it carries the same numbers for
 * screen readers, so the canvas is a labelled image. chart.js loads on first use.
 */
import { useEffect, useRef } from 'preact/hooks';

/** Props of {@link BarChart}. */
export interface BarChartProps {
  /** Accessible name of the chart. */
  readonly label: string;
  readonly labels: readonly string[];
  readonly values: readonly number[];
}

/** One question's counts as bars. */
export function BarChart({ label, labels, values }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let gone = false;
    void import('./chart-setup.js').then(({ Chart }) => {
      if (gone || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: {
          labels: [...labels],
          datasets: [{ label, data: [...values], backgroundColor: '#0b5cad', borderRadius: 3 }],
        },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    });
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [label, labels.join('\n'), values.join(',')]);
  return (
    <div class="results-chart" style={{ height: `${Math.max(6, labels.length * 2.2 + 3)}rem` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
