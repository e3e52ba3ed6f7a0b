import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { noFeedbackCounts, type FeedbackCounts } from '../../shared/domain/live/feedback-counts';
import { createFakeApi } from './fake-api';
import { fleetRow } from './fixtures';
import { renderApp } from './render-app';

async function openControl(feedback: FeedbackCounts) {
  window.location.hash = '#/control';
  const fake = createFakeApi({ fleet: [fleetRow({ serial: 'SG1-0001' })], control: { link: { feedback } } });
  await renderApp(fake);
  const panel = await screen.findByRole('region', { name: 'Broker link' });
  return { fake, counts: within(panel).getByTestId('feedback-counts') };
}

describe('feedback counts in the link panel', () => {
  it('says nothing was malformed while all feedback is good', async () => {
    const { counts } = await openControl({ ...noFeedbackCounts(Date.now()), total: 12, accepted: 12 });
    expect(counts.textContent).toContain('Feedback: 12 messages · 12 applied');
    expect(counts.textContent).toContain('none malformed');
    expect(counts.textContent).not.toContain('Last problem');
  });

  it('counts refusals per kind and shows the latest problem', async () => {
    const { counts } = await openControl({
      ...noFeedbackCounts(Date.now() - 60_000),
      total: 2045,
      accepted: 2000,
      fieldIssues: 3,
      badJson: 20,
      schema: 5,
      tooLarge: 2,
      unknownSerial: 18,
      last: {
        at: Date.now() - 5000,
        serial: 'SG1-9999',
        kind: 'unknownSerial',
        reason: 'not an installation',
      },
    });
    const text = counts.textContent ?? '';
    expect(text).toContain('2,045 messages · 2,000 applied (3 with unusable values)');
    expect(text).toContain(
      '45 malformed: 20 not JSON, 5 not feedback-shaped, 2 too large, 18 unknown serial',
    );
    expect(text).toMatch(/Last problem .* from SG1-9999 \(unknown serial\): not an installation/);
  });

  it('lists implausible and empty feedback among the malformed, not as applied', async () => {
    const { counts } = await openControl({
      ...noFeedbackCounts(Date.now() - 60_000),
      total: 12,
      accepted: 10,
      implausible: 1,
      empty: 1,
      last: {
        at: Date.now() - 5000,
        serial: 'SG1-000001',
        kind: 'implausible',
        reason: 'storage power 99999999 W is beyond the plausible 15000 W',
      },
    });
    const text = counts.textContent ?? '';
    expect(text).toContain('12 messages · 10 applied');
    expect(text).toContain('2 malformed: 1 empty, 1 implausible value');
    expect(text).toMatch(/from SG1-000001 \(implausible value\): storage power 99999999 W/);
  });

  it('says how many old retained messages the broker replayed, as not applied and not malformed', async () => {
    const { counts } = await openControl({
      ...noFeedbackCounts(Date.now() - 60_000),
      total: 5,
      accepted: 2,
      retained: 3,
    });
    const text = counts.textContent ?? '';
    expect(text).toContain(
      '5 messages · 2 applied · 3 old retained messages replayed by the broker, not applied',
    );
    expect(text).toContain('none malformed');
  });

  it('updates when the core says live control changed', async () => {
    const { fake } = await openControl(noFeedbackCounts(Date.now()));
    fake.state.control.link = {
      ...fake.state.control.link,
      feedback: { ...fake.state.control.link.feedback, total: 1, badJson: 1 },
    };
    act(() => fake.emit('control.changed', { at: Date.now() }));
    await waitFor(() =>
      expect(screen.getByTestId('feedback-counts').textContent).toContain('1 malformed: 1 not JSON'),
    );
  });
});
