import { AccountEntity } from './account.entity';
import { ApiKeyEntity } from './api-key.entity';
import { RateLimitWindowEntity } from './rate-limit-window.entity';

export { AccountEntity, ApiKeyEntity, RateLimitWindowEntity };
export const ACCOUNT_ENTITIES = [AccountEntity, ApiKeyEntity, RateLimitWindowEntity];
