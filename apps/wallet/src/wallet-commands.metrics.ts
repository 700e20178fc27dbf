import { WalletErrorKind } from '@wallet-platform/contracts';
import type { CommandServerObserver } from '@wallet-platform/messaging';
import { consumerGroupLag, counter, histogram } from '@wallet-platform/service-kit';

/** Outcomes a command can be counted with: a closed set, whatever a reply held. */
const OUTCOMES: ReadonlySet<string> = new Set(['ok', 'no_reply', 'deadline_passed', 'unknown', ...Object.values(WalletErrorKind)]);

const commands = counter<'type' | 'outcome'>({
  name: 'wallet_commands_total',
  help: 'Commands the wallet took, by message type and outcome: ok, a wallet error kind, no_reply, or deadline_passed (skipped unhandled: the requester had already answered timeout).',
  labelNames: ['type', 'outcome'],
});

const commandDuration = histogram<'type'>({
  name: 'wallet_command_duration_seconds',
  help: "Wallet handling of a command, from the transport taking it to its answer (a batched command counts its batch's time), by type; the reply's produce is not included.",
  labelNames: ['type'],
});

/** The wallet's command consumer, as metrics. */
export function walletCommandMetrics(groupId: string, commandTypes: ReadonlySet<string>): CommandServerObserver {
  const lag = consumerGroupLag(groupId);
  return {
    commandHandled(type, outcome, seconds) {
      const typeLabel = commandTypes.has(type) ? type : 'unknown';
      commands.inc({ type: typeLabel, outcome: OUTCOMES.has(outcome) ? outcome : 'unknown' });
      commandDuration.observe({ type: typeLabel }, seconds);
    },
    commandSkipped(type) {
      commands.inc({ type: commandTypes.has(type) ? type : 'unknown', outcome: 'deadline_passed' });
    },
    partitionLag(topic, partition, behind) {
      lag.report(topic, partition, behind);
    },
    partitionsAssigned() {
      lag.reassigned();
    },
  };
}
