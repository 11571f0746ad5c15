import { AsyncLocalStorage } from 'node:async_hooks';

/** The request id travels with the async context, so every log line written while serving it carries it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
