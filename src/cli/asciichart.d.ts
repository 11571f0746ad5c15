// asciichart ships no types; the part the CLI uses.
declare module 'asciichart' {
  interface PlotConfig {
    height?: number;
    colors?: string[];
    format?: (x: number, i: number) => string;
  }
  const asciichart: {
    plot(series: number[] | number[][], config?: PlotConfig): string;
    green: string;
    blue: string;
    magenta: string;
    yellow: string;
    cyan: string;
    red: string;
    reset: string;
  };
  export default asciichart;
}
