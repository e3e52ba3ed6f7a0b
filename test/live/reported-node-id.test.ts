/**
 * Feedback naming the node id the controller reported at onboarding is not an issue; one naming
 * another node is listed (never refused). Before, only the profile's template counted, so a
 * controller reporting `…_site_7` had every feedback message listed as a field issue.
 */
import { describe, expect, it } from 'vitest';
import { liveOnFakeBroker } from './live-harness';

const T = 1_764_151_200_000;
const REPORTED = 'SG1-000001_site_7';
const withNodeId = (nodeId: string) => ({
  extraTags: { nodeId },
  time: Math.floor(T / 1000),
  fields: { response_code: 0 },
});

describe('the node id in feedback', () => {
  const reported = (serial: string) => (serial === 'SG1-000001' ? REPORTED : null);

  it('is no issue when it is the one the controller reported at onboarding', () => {
    const { live, feedback } = liveOnFakeBroker(undefined, undefined, reported);
    feedback('SG1-000001', T, undefined, withNodeId(REPORTED));
    expect(live.counts().fieldIssues).toBe(0);
    expect(live.get('SG1-000001')?.responseCode).toBe(0);
  });

  it("is listed when it names another node (the template's, here), and the message still counts", () => {
    const { live, feedback } = liveOnFakeBroker(undefined, undefined, reported);
    feedback('SG1-000001', T, undefined, withNodeId('SG1-000001_site_0'));
    expect(live.counts().fieldIssues).toBe(1);
    expect(live.get('SG1-000001')?.responseCode).toBe(0);
  });

  it("is checked against the profile's template for an installation that reported none", () => {
    const { live, feedback } = liveOnFakeBroker(undefined, undefined, reported);
    feedback('SG1-000002', T, undefined, withNodeId('SG1-000002_site_0'));
    feedback('SG1-000002', T + 1000, undefined, withNodeId('SG1-000009_site_0'));
    expect(live.counts().fieldIssues).toBe(1);
  });
});
