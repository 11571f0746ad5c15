import { HealthSampleEntity } from './health-sample.entity';
import { NetworkStateEntity } from './network-state.entity';
import { OfferEntity } from './offer.entity';
import { PriceAggregateEntity } from './price-aggregate.entity';
import { QuarantinedRecordEntity } from './quarantined-record.entity';
import { SyncRunEntity } from './sync-run.entity';

export { HealthSampleEntity, NetworkStateEntity, OfferEntity, PriceAggregateEntity, QuarantinedRecordEntity, SyncRunEntity };
export const POOL_ENTITIES = [NetworkStateEntity, OfferEntity, SyncRunEntity, QuarantinedRecordEntity, HealthSampleEntity, PriceAggregateEntity];
