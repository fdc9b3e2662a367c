import type { EChartsCoreOption } from 'echarts/core';

/**
 * One figure as both its chart and its table read it: categories (months, stages, buckets, outcomes) by series
 * (opened, decided …). The chart and the table beside it are drawn from the same ChartData, so a screen reader's
 * table and a sighted reader's bars cannot disagree.
 */
export interface ChartData {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Values are rates (0–1), drawn and written as percentages. */
  rates?: boolean;
}

// antd's palette, each dark enough on white for a bar's edge to be seen (WCAG 1.4.11 non-text contrast 3:1).
const COLOURS = ['#1677ff', '#389e0d', '#d46b08', '#cf1322', '#531dab', '#08979c'];

/**
 * A rate as a person reads it: 0.8333 → `83.33%`, 0.6 → `60%`; none (nothing decided, rate null) → `—`, never 0 %
 * (docs/statistics.md: a rate of no cases is no rate).
 */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${Number((rate * 100).toFixed(2))}%`;
}

export function formatValue(value: number | null, rates = false): string {
  if (rates) return formatRate(value);
  return value === null ? '—' : String(value);
}

/** ECharts' options for a bar chart of the data: grouped bars, horizontal when category names are long. */
export function barOption(data: ChartData, { horizontal = false } = {}): EChartsCoreOption {
  const categoryAxis = {
    type: 'category',
    data: data.categories,
    axisLabel: { interval: 0, color: '#262626', hideOverlap: !horizontal },
  };
  const valueAxis = {
    type: 'value',
    minInterval: data.rates ? undefined : 1,
    max: data.rates ? 1 : undefined,
    axisLabel: {
      color: '#262626',
      formatter: data.rates ? (v: number) => formatRate(v) : undefined,
    },
  };
  return {
    color: COLOURS,
    animation: false,
    grid: { left: 8, right: 24, top: data.series.length > 1 ? 40 : 16, bottom: 8, containLabel: true },
    legend: data.series.length > 1 ? { top: 0, textStyle: { color: '#262626' } } : undefined,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => formatValue(v, data.rates),
    },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: data.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: 36,
      label: {
        // Values on the bars while they fit; a crowded chart (twelve months of three series) leaves them to the table.
        show: data.categories.length * data.series.length <= 18,
        position: horizontal ? 'right' : 'top',
        color: '#262626',
        formatter: ({ value }: { value: number | null }) => formatValue(value, data.rates),
      },
    })),
  };
}

/**
 * What the chart shows, in words, for its aria-label: `title：category — series value，…；…`. The table beside it
 * has the same figures in full; this is the summary a screen reader announces for the picture.
 */
export function summaryOf(title: string, data: ChartData, none: string): string {
  if (data.categories.length === 0) return `${title}：${none}`;
  const parts = data.categories.map((category, i) => {
    const values = data.series.map((s) => {
      const value = formatValue(s.values[i] ?? null, data.rates);
      return data.series.length > 1 ? `${s.name} ${value}` : value;
    });
    return `${category} ${values.join('，')}`;
  });
  return `${title}：${parts.join('；')}`;
}

/** The table rows of the data: one per category, a column per series. */
export function tableRowsOf(data: ChartData): { key: string; category: string; values: string[] }[] {
  return data.categories.map((category, i) => ({
    key: `${i}-${category}`,
    category,
    values: data.series.map((s) => formatValue(s.values[i] ?? null, data.rates)),
  }));
}
