/**
 * Partition key of everything that concerns one player: operator id and user id. Commands of one
 * player land in one partition, in order; the wallet's per-player lock does the rest.
 * `|` cannot appear in either part (the Operator API forbids it in strings), so the key is unambiguous.
 */
export function playerPartitionKey(operatorId: string, userId: string): string {
  return `${operatorId}|${userId}`;
}
