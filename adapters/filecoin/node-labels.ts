// The label convention a storage provider puts on its Bacalhau compute node (`bacalhau serve -c
// Labels="filecoin.miner=f01234,filecoin.price-fil-per-gpu-hour=0.6"`). Bacalhau has no price layer, so
// these labels are how an SP states who it is on chain and what it asks. See README.md.

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
