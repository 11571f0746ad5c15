import { JobAttemptEntity } from './job-attempt.entity';
import { JobEventEntity } from './job-event.entity';
import { JobEntity } from './job.entity';
import { RoutingBlockEntity } from './routing-block.entity';

export { JobAttemptEntity, JobEntity, JobEventEntity, RoutingBlockEntity };
export const JOB_ENTITIES = [JobEntity, JobAttemptEntity, JobEventEntity, RoutingBlockEntity];
