import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Trends } from './api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 30-day lines of visits, advances and problems; ECharts is loaded with this component only. */
export default function TrendChart({ trends }: { trends: Trends }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current);
    const series = (name: string, pick: (d: Trends['days'][number]) => number) => ({
      name,
      type: 'line' as const,
      smooth: true,
      data: trends.days.map(pick),
    });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: trends.days.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        series('走访次数', (d) => d.visits),
        series('阶段推进', (d) => d.advances),
        series('新增问题', (d) => d.problemsOpened),
        series('销号问题', (d) => d.problemsClosed),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [trends]);
  return <div ref={element} style={{ height: 280 }} data-testid="trend-chart" />;
}
