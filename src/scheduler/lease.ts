import { AsyncLocalStorage } from 'node:async_hooks';

// The lease of the outbox item being delivered, reachable from the ChatPort its handler sends
// through. The handler is ordinary code that knows nothing of leases; the delivery loop runs it inside
// the item's lease, and the ChatPort of timed sends renews that lease just before each send.

export interface Lease {
  /** Extends the lease if this worker still holds it; false when it ran out and may be another's now. */
  renew(): Promise<boolean>;
}

/** The send was not made: the item's lease was lost, so another worker may be sending it. */
export class LeaseLost extends Error {
  override readonly name = 'LeaseLost';
  constructor() {
    super('the lease on this outbox item was lost before its send');
  }
}

const current = new AsyncLocalStorage<Lease>();

/** Runs an item's handler inside its lease. */
export function withLease<T>(lease: Lease, work: () => Promise<T>): Promise<T> {
  return current.run(lease, work);
}

/**
 * Just before a send: takes the item's lease afresh (a send is bounded by a timeout far shorter than
 * the lease, so the renewed lease outlives it), or throws LeaseLost so the send is not made. Outside a
 * delivery there is no lease to hold.
 */
export async function holdLease(): Promise<void> {
  const lease = current.getStore();
  if (lease && !(await lease.renew())) throw new LeaseLost();
}
