// The label convention a storage provider puts on its Bacalhau compute node (`bacalhau serve -c
// Labels="filecoin.miner=f01234,filecoin.price-fil-per-gpu-hour=0.6"`). These labels are Switchyard's own
// convention, not Bacalhau's: Bacalhau has no price layer and no chain identity, so real nodes carry them only
// when their operator sets them. See README.md and SUPPLY_REQUIREMENTS (shown in GET /v1/networks).

/** The SP's miner actor id (f0…); verified against Lotus. */
export const LABEL_MINER = 'filecoin.miner';
/** Asking price per GPU, whole attoFIL per epoch (30 s). Wins when both price labels are present. */
export const LABEL_PRICE_ATTOFIL_PER_EPOCH = 'filecoin.price-attofil-per-epoch';
/** Asking price per GPU, decimal FIL per GPU-hour. */
export const LABEL_PRICE_FIL_PER_GPU_HOUR = 'filecoin.price-fil-per-gpu-hour';
/** Optional unique node name; when present, a submitted job is pinned to it (Bacalhau matches labels only). */
export const LABEL_NODE = 'filecoin.node';
/** Optional display name and region of the SP. */
export const LABEL_PROVIDER_NAME = 'filecoin.provider-name';
export const LABEL_REGION = 'region';

/** The job label that carries Switchyard's idempotency key, looked up before every create. */
export const JOB_LABEL_IDEMPOTENCY_KEY = 'switchyard-idempotency-key';
export const JOB_LABEL_MANAGED_BY = 'managed-by';
/** The user's job name (the Bacalhau Name is per attempt, since a Name is an upsert key); in full in Meta. */
export const JOB_LABEL_JOB_NAME = 'switchyard-job-name';

/** Miner actor ID addresses only (f0… mainnet, t0… testnets); robust addresses cannot be pinned by a label. */
export const MINER_ID_PATTERN = /^[ft]0\d{1,20}$/;

/** What an operator must set on compute nodes, and what happens to nodes without it (GET /v1/networks). */
export const SUPPLY_REQUIREMENTS =
  'Switchyard lists a Bacalhau compute node (approved, connected, with GPUs) only from labels its operator sets ' +
  "(bacalhau serve -c Labels=...); they are Switchyard's convention, not Bacalhau's. " +
  `${LABEL_MINER}=<f0... miner ID>: checked on chain through Lotus; without it the node is listed unverified, and a node with ` +
  `neither ${LABEL_MINER} nor ${LABEL_NODE} is quarantined (no job could be pinned to it). ` +
  `${LABEL_PRICE_ATTOFIL_PER_EPOCH}=<attoFIL per GPU per epoch> or ${LABEL_PRICE_FIL_PER_GPU_HOUR}=<FIL per GPU-hour>: the asking price (firm); ` +
  'without one the node is priced from FILECOIN_FALLBACK_PRICES and marked estimate, or quarantined with the reason when no fallback matches its GPU. ' +
  `Optional: ${LABEL_NODE} (pins jobs to this exact node), ${LABEL_PROVIDER_NAME}, ${LABEL_REGION}.`;
