import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws is registered (bars, their grid, legend and tooltip, SVG): the rest of ECharts stays
// out of the bundle.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/**
 * An ECharts chart in a box: created on mount, given new options when they change, resized with its box, disposed
 * on unmount. The picture is an image with a summary (`label`) for screen readers; the table beside it carries the
 * figures in full.
 */
export function EChart({
  option,
  label,
  height = 260,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div role="img" aria-label={label} style={{ width: '100%', height }}>
      {/* ECharts draws inside this box; its own SVG is decoration under the labelled image. */}
      <div ref={box} aria-hidden="true" style={{ width: '100%', height: '100%' }} />
    </div>
  );
}
