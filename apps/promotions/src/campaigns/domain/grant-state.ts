/**
 * A player's grant in a campaign.
 *
 *   skipped (never sent: blocked, inactive, unknown player, other currency)
 *   pending ──► granted ──► played | expired | canceled
 *      │   └──► rejected (the provider's final code kept)
 *      └──► unknown ──► granted | rejected   (re-sent with the same externalReferenceId until decided)
 *   pending | unknown ──► canceled (the campaign was canceled before a decision)
 *
 * `unknown` means an answer was lost: the provider may have granted. It is never treated as a
 * failure, and the only way out is the provider's answer to the same grant sent again.
 */
export const GrantState = {
  Pending: 'pending',
  Skipped: 'skipped',
  Granted: 'granted',
  Rejected: 'rejected',
  Unknown: 'unknown',
  Played: 'played',
  Expired: 'expired',
  Canceled: 'canceled',
} as const;
export type GrantState = (typeof GrantState)[keyof typeof GrantState];

export const GrantEvent = {
  ProviderGranted: 'provider-granted',
  ProviderRejected: 'provider-rejected',
  OutcomeUnknown: 'outcome-unknown',
  Played: 'played',
  ValidityEnded: 'validity-ended',
  CampaignCanceled: 'campaign-canceled',
} as const;
export type GrantEvent = (typeof GrantEvent)[keyof typeof GrantEvent];

/** The next state, or null when the event cannot happen in this state (the caller's bug, or a stale event). */
export function nextGrantState(state: GrantState, event: GrantEvent): GrantState | null {
  switch (state) {
    case GrantState.Pending:
    case GrantState.Unknown:
      switch (event) {
        case GrantEvent.ProviderGranted:
          return GrantState.Granted;
        case GrantEvent.ProviderRejected:
          return GrantState.Rejected;
        case GrantEvent.OutcomeUnknown:
          return GrantState.Unknown;
        case GrantEvent.CampaignCanceled:
          return GrantState.Canceled;
        case GrantEvent.Played:
        case GrantEvent.ValidityEnded:
          return null;
        default:
          return unreachable(event);
      }
    case GrantState.Granted:
      switch (event) {
        case GrantEvent.Played:
          return GrantState.Played;
        case GrantEvent.ValidityEnded:
          return GrantState.Expired;
        case GrantEvent.CampaignCanceled:
          return GrantState.Canceled;
        case GrantEvent.ProviderGranted:
          // The answer to a re-send of a grant already decided: the same grant, no change.
          return GrantState.Granted;
        case GrantEvent.ProviderRejected:
        case GrantEvent.OutcomeUnknown:
          return null;
        default:
          return unreachable(event);
      }
    case GrantState.Skipped:
    case GrantState.Rejected:
    case GrantState.Played:
    case GrantState.Expired:
    case GrantState.Canceled:
      return null;
    default:
      return unreachable(state);
  }
}

/** States a grant run still has to send. */
export const GRANT_STATES_TO_SEND: readonly GrantState[] = [GrantState.Pending, GrantState.Unknown];

function unreachable(value: never): never {
  throw new Error(`unhandled grant state or event ${String(value)}`);
}
