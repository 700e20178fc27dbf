import type { RequestReplyClient } from '@wallet-platform/messaging';
import { gauge } from '@wallet-platform/service-kit';

const clients = new Set<RequestReplyClient>();

// Read at scrape time from the clients' own state: nothing on the request path.
gauge({
  name: 'wallet_client_reply_path_ready',
  help: 'Whether the reply path to the wallet is usable (1) or lost and being reopened (0): its partition lease is held and proven.',
  collect() {
    let ready = clients.size > 0 ? 1 : 0;
    for (const client of clients) {
      try {
        client.assertReady();
      } catch {
        ready = 0;
      }
    }
    this.set(ready);
  },
});

gauge({
  name: 'wallet_client_pending_requests',
  help: 'Wallet calls waiting for their reply (bounded by WALLET_PENDING_REQUESTS_MAX: past it calls are refused at once).',
  collect() {
    let pending = 0;
    for (const client of clients) pending += client.pendingCount;
    this.set(pending);
  },
});

/** Reports a requester's reply path on /metrics. */
export function registerReplyPathMetrics(client: RequestReplyClient): void {
  clients.add(client);
}
