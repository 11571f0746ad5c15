// Every TypeORM entity of the service, listed explicitly (one line per feature). It lives at the composition root:
// the database folder takes the list as an argument, so it imports no feature.
import { POOL_ENTITIES } from './pool/entities';
import { PRICING_ENTITIES } from './pricing/fx-quote.entity';
import { JOB_ENTITIES } from './jobs/entities';
import { NODE_ENTITIES } from './nodes/entities';
import { ACCOUNT_ENTITIES } from './accounts/entities';
import { BILLING_ENTITIES } from './billing/entities';

export const ENTITIES: Array<new () => object> = [
  ...POOL_ENTITIES,
  ...PRICING_ENTITIES,
  ...JOB_ENTITIES,
  ...NODE_ENTITIES,
  ...ACCOUNT_ENTITIES,
  ...BILLING_ENTITIES,
];
