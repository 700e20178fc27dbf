import { GrantEvent, GrantState, nextGrantState } from './grant-state';

describe('grant states', () => {
  it.each([
    [GrantState.Pending, GrantEvent.ProviderGranted, GrantState.Granted],
    [GrantState.Pending, GrantEvent.ProviderRejected, GrantState.Rejected],
    [GrantState.Pending, GrantEvent.OutcomeUnknown, GrantState.Unknown],
    [GrantState.Unknown, GrantEvent.ProviderGranted, GrantState.Granted],
    [GrantState.Unknown, GrantEvent.OutcomeUnknown, GrantState.Unknown],
    [GrantState.Unknown, GrantEvent.CampaignCanceled, GrantState.Canceled],
    [GrantState.Granted, GrantEvent.Played, GrantState.Played],
    [GrantState.Granted, GrantEvent.ValidityEnded, GrantState.Expired],
    [GrantState.Granted, GrantEvent.ProviderGranted, GrantState.Granted],
  ])('given %s when %s then %s', (state, event, next) => {
    expect(nextGrantState(state, event)).toBe(next);
  });

  it.each([
    [GrantState.Skipped, GrantEvent.ProviderGranted],
    [GrantState.Rejected, GrantEvent.ProviderGranted],
    [GrantState.Granted, GrantEvent.ProviderRejected],
    [GrantState.Granted, GrantEvent.OutcomeUnknown],
    [GrantState.Pending, GrantEvent.Played],
    [GrantState.Played, GrantEvent.ValidityEnded],
    [GrantState.Canceled, GrantEvent.ProviderGranted],
  ])('given %s when %s then the event cannot apply', (state, event) => {
    expect(nextGrantState(state, event)).toBeNull();
  });
});
