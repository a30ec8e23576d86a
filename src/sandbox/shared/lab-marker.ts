/**
 * The one marker the lab puts on its own background reads (refreshing key and alias lists, the trail
 * page's LookupEvents): a suffix on the SDK's user agent, which CloudTrail records as `userAgent` on
 * every backend (real AWS included). The trail page and the inspector hide what carries it by default,
 * so the learner's own calls are not buried under the lab's polling.
 */
export const LAB_BACKGROUND_MARKER = 'kms-study-lab/background';

export const isLabBackground = (userAgent: string | undefined | null): boolean =>
  typeof userAgent === 'string' && userAgent.includes(LAB_BACKGROUND_MARKER);
