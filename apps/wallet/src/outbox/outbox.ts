import type { EntityManager } from 'typeorm';
import { LedgerEventType, playerPartitionKey, Topics, type LedgerEvent } from '@wallet-platform/contracts';

export { LedgerEventType };

/**
 * Writes a ledger event into the outbox, in the same database transaction as the ledger change it
 * describes: the event exists if and only if the change committed. The relay publishes it later.
 */
export async function stageLedgerEvent(manager: EntityManager, event: LedgerEvent): Promise<void> {
  await manager.query(`INSERT INTO outbox_events (topic, partition_key, event_type, payload) VALUES ($1, $2, $3, $4::jsonb)`, [
    Topics.walletLedgerEvents.name,
    playerPartitionKey(event.operatorId, event.userId),
    event.eventType,
    JSON.stringify(event),
  ]);
}
