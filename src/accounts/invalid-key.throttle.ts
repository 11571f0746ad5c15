// Guessing API keys is throttled per client before it costs anything: after AUTH_FAILURES_PER_MINUTE refused
// keys in a minute, a client's further unknown keys are answered 429 without a database lookup (keys this
// replica already knows stay usable). Counted per replica, in memory, in fixed one-minute windows.
import { Injectable } from '@nestjs/common';

interface Window {
  failures: number;
  endsAtMs: number;
}

const MAX_CLIENTS = 10_000;

@Injectable()
export class InvalidKeyThrottle {
  private readonly windows = new Map<string, Window>();

  /** Seconds until the client may try again, or 0 when it may try now. */
  retryAfterSeconds(client: string, limitPerMinute: number, nowMs = Date.now()): number {
    const w = this.windows.get(client);
    if (!w || w.endsAtMs <= nowMs || w.failures < limitPerMinute) return 0;
    return Math.max(1, Math.ceil((w.endsAtMs - nowMs) / 1000));
  }

  recordFailure(client: string, nowMs = Date.now()): void {
    let w = this.windows.get(client);
    if (!w || w.endsAtMs <= nowMs) {
      this.windows.delete(client);
      if (this.windows.size >= MAX_CLIENTS) this.forgetEnded(nowMs);
      // Still full of live windows: the oldest goes (Maps iterate in insertion order).
      if (this.windows.size >= MAX_CLIENTS) this.windows.delete(this.windows.keys().next().value!);
      w = { failures: 0, endsAtMs: nowMs + 60_000 };
      this.windows.set(client, w);
    }
    w.failures++;
  }

  private forgetEnded(nowMs: number): void {
    for (const [client, w] of this.windows) if (w.endsAtMs <= nowMs) this.windows.delete(client);
  }
}
