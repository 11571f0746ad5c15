// uPlot in a Preact component: created once per data set, destroyed with the component.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function Chart({ options, data, testId }: { options: Omit<uPlot.Options, 'width'>; data: uPlot.AlignedData; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const width = Math.max(320, el.current.clientWidth || 800);
    const plot = new uPlot({ ...options, width } as uPlot.Options, data, el.current);
    return () => plot.destroy();
  }, [options, data]);
  return <div class="chart" ref={el} data-testid={testId} />;
}

export const bars = (size: number) => uPlot.paths.bars!({ size: [size, 80], align: 0 });
