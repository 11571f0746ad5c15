import { Inject, Injectable } from '@nestjs/common';
import { CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import { APP_CONFIG, AppConfig } from '../config/app-config';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** One circuit breaker per network around its sync and probe calls (cockatiel). */
@Injectable()
export class NetworkBreakers {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  for(network: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(network);
    if (!breaker) {
      breaker = circuitBreaker(handleAll, {
        halfOpenAfter: this.config.pool.breakerHalfOpenMs,
        breaker: new ConsecutiveBreaker(this.config.pool.breakerFailures),
      });
      this.breakers.set(network, breaker);
    }
    return breaker;
  }

  state(network: string): BreakerState {
    const state = this.breakers.get(network)?.state ?? CircuitState.Closed;
    if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
    if (state === CircuitState.HalfOpen) return 'half-open';
    return 'closed';
  }
}
