/** A bad input to estimateRenderCost, naming the field (e.g. `gpu.hours`) and what is wrong with it. */
export class RenderEstimateInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'RenderEstimateInputError';
  }
}
