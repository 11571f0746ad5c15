export { estimateRenderCost, RENDER_DECIMALS, RENDER_OBH_PER_CREDIT } from './render-estimate';
export type { RenderEstimate, RenderEstimateInput, RenderTier } from './render-estimate';
export { RenderEstimateInputError } from './render-estimate.error';
