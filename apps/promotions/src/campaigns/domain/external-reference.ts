import { CAMPAIGN_REFERENCE_PATTERN, EXTERNAL_REFERENCE_ID_LENGTH_MAX, GRANT_NUMBER_MAX } from './campaign-limits';

/**
 * A grant's externalReferenceId: `<campaign reference>.<grant number>`. Made by us when the player
 * is added and stored before anything is sent, so every send of this grant, from any process
 * and after any crash, carries the same reference, and the provider sees one grant. Unique per
 * platform because campaign references are unique (a database constraint) and grant numbers are
 * unique within a campaign; a second constraint on (platform, reference) guards it again.
 */
export function externalReferenceIdFor(campaignReference: string, grantNumber: number): string {
  if (!CAMPAIGN_REFERENCE_PATTERN.test(campaignReference)) throw new RangeError(`campaign reference ${JSON.stringify(campaignReference)} is not ${CAMPAIGN_REFERENCE_PATTERN.source}`);
  if (!Number.isSafeInteger(grantNumber) || grantNumber < 1 || grantNumber > GRANT_NUMBER_MAX) throw new RangeError(`grant number ${grantNumber} out of range`);
  const reference = `${campaignReference}.${grantNumber}`;
  if (reference.length > EXTERNAL_REFERENCE_ID_LENGTH_MAX) throw new RangeError(`externalReferenceId over ${EXTERNAL_REFERENCE_ID_LENGTH_MAX} characters`);
  return reference;
}
