import { EnrolmentCodeEntity } from './enrolment-code.entity';
import { NodeChallengeEntity } from './node-challenge.entity';
import { NodeLeaseLogEntity } from './node-lease-log.entity';
import { NodeLeaseEntity } from './node-lease.entity';
import { NodeNonceEntity } from './node-nonce.entity';
import { NodeEntity } from './node.entity';

export { EnrolmentCodeEntity, NodeChallengeEntity, NodeEntity, NodeLeaseEntity, NodeLeaseLogEntity, NodeNonceEntity };
export const NODE_ENTITIES = [NodeEntity, NodeNonceEntity, EnrolmentCodeEntity, NodeChallengeEntity, NodeLeaseEntity, NodeLeaseLogEntity];
