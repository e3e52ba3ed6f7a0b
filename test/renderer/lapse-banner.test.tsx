import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControlOverview } from '../../shared/contract/control-methods';
import { formatClock } from '../../renderer/src/features/control/control-words';
import { createFakeApi, type FakeApi } from './fake-api';
import { CONNECTED, type ControlOptions } from './fake-control';
import { fleetRow, leaseView } from './fixtures';
import { renderApp } from './render-app';

const FLEET = [fleetRow({ serial: 'SG1-0001' }), fleetRow({ serial: 'SG1-0002' })];

/** A held lease the core reports at risk, lapsing `inMs` from now. */
function atRisk(serial: string, inMs: number): ControlOverview['atRisk'][number] {
  const lapsesAt = Date.now() + inMs;
  return { ...leaseView({ serial, lapsesAt }), lapsesAt, inMs };
}

/** Serials SG1-0001… lapsing a second apart, handed over in reverse (latest first). */
function manyAtRisk(n: number) {
  return Array.from({ length: n }, (_, i) =>
    atRisk(`SG1-${String(i + 1).padStart(4, '0')}`, 120_000 + i * 1000),
  ).reverse();
}

async function open(page: string, control: ControlOptions) {
  window.location.hash = `#/${page}`;
  const fake = createFakeApi({ fleet: FLEET, control });
  await renderApp(fake);
  return fake;
}

const banner = () => screen.queryByTestId('lapse-banner');
const overviewCalls = (fake: FakeApi) => fake.calls.filter((c) => c.method === 'control.overview').length;

/** The core's link changes, and it says so the way it does: `control.changed`. */
function linkChanges(fake: FakeApi, link: Partial<ControlOverview['link']>, risk: ControlOverview['atRisk']) {
  fake.state.control.link = { ...CONNECTED, ...link };
  fake.state.control.atRisk = risk;
  act(() => fake.emit('control.changed', { at: Date.now() }));
}

describe('lapse banner', () => {
  afterEach(() => vi.useRealTimers());

  it('shows on the Fleet page when the link is down, with when the lease lapses', async () => {
    const lease = atRisk('SG1-0001', 120_000);
    await open('fleet', { link: { state: 'reconnecting' }, atRisk: [lease] });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('1 installation lapses to local control');
    expect(alert.textContent).toContain(
      `The broker link is down: no refresh can reach it. It lapses at ${formatClock(lease.lapsesAt)} (in 2 min).`,
    );
    expect(within(alert).getByTestId('lapse-serials').textContent).toBe('SG1-0001');
    const link = within(alert).getByRole('link', { name: 'See every lease on the Control page' });
    expect(link.getAttribute('href')).toBe('#/control');
  });

  it('at fleet scale says how many, names the earliest five and counts the rest', async () => {
    const risk = manyAtRisk(1000);
    await open('inbox', { link: { state: 'stopped' }, atRisk: risk });
    const alert = await screen.findByTestId('lapse-banner');
    expect(alert.textContent).toContain('1,000 installations lapse to local control');
    const first = risk.at(-1)!;
    expect(first.serial).toBe('SG1-0001');
    expect(alert.textContent).toContain(`The first lapses at ${formatClock(first.lapsesAt)} (in 2 min).`);
    expect(within(alert).getByTestId('lapse-serials').textContent).toBe(
      'Earliest first: SG1-0001, SG1-0002, SG1-0003, SG1-0004, SG1-0005 and 995 more',
    );
    expect(alert.textContent).not.toContain('SG1-0006');
  });

  it('names all of a few, with no "more"', async () => {
    await open('activity', { link: { state: 'reconnecting' }, atRisk: manyAtRisk(3) });
    const serials = await screen.findByTestId('lapse-serials');
    expect(serials.textContent).toBe('Earliest first: SG1-0001, SG1-0002, SG1-0003');
    expect(screen.getByTestId('lapse-banner').textContent).toContain('3 installations lapse');
  });

  it('counts down to the first lapse while it is shown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const lease = atRisk('SG1-0001', 150_000);
    await open('fleet', { link: { state: 'reconnecting' }, atRisk: [lease] });
    const alert = await screen.findByTestId('lapse-banner');
    expect(alert.textContent).toContain('(in 3 min)');
    act(() => vi.advanceTimersByTime(40_000));
    expect(alert.textContent).toMatch(/\(in 1\d\d s\)/);
    expect(alert.textContent).toContain(`It lapses at ${formatClock(lease.lapsesAt)}`);
  });

  it('shows nothing while the link is connected', async () => {
    const fake = await open('fleet', { atRisk: [atRisk('SG1-0001', 60_000)] });
    await waitFor(() => expect(overviewCalls(fake)).toBe(1));
    await act(async () => {});
    expect(banner()).toBeNull();
  });

  it('shows nothing while the link is down but nothing held would lapse', async () => {
    const fake = await open('fleet', { link: { state: 'stopped' } });
    await waitFor(() => expect(overviewCalls(fake)).toBe(1));
    await act(async () => {});
    expect(banner()).toBeNull();
  });

  it('appears on the Activity page when the link drops, and goes when it comes back', async () => {
    const fake = await open('activity', {});
    await waitFor(() => expect(overviewCalls(fake)).toBe(1));
    expect(banner()).toBeNull();
    linkChanges(fake, { state: 'reconnecting' }, manyAtRisk(2));
    expect((await screen.findByTestId('lapse-banner')).textContent).toContain(
      '2 installations lapse to local control',
    );
    // A change within 2 s of the banner's last refetch is fetched when those 2 s are over.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    linkChanges(fake, { state: 'connected' }, []);
    act(() => vi.advanceTimersByTime(2000));
    await waitFor(() => expect(banner()).toBeNull());
  });

  it('goes when the link comes back', async () => {
    const fake = await open('installation/SG1-0001', {
      link: { state: 'reconnecting' },
      atRisk: [atRisk('SG1-0001', 90_000)],
    });
    await screen.findByTestId('lapse-banner');
    linkChanges(fake, { state: 'connected' }, []);
    await waitFor(() => expect(banner()).toBeNull());
  });

  it('is shown once on the Control page, without a link to itself', async () => {
    await open('control', { link: { state: 'reconnecting' }, atRisk: manyAtRisk(2) });
    await screen.findByRole('region', { name: 'Broker link' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('2 installations lapse to local control');
    expect(within(alert).queryByRole('link')).toBeNull();
  });

  it('refetches a burst of changes once at once and once after the gap, not per change', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fake = await open('fleet', {});
    await waitFor(() => expect(overviewCalls(fake)).toBe(1));
    // Six changes 250 ms apart, as the core sends them under a bulk send.
    for (let i = 0; i < 6; i++) {
      act(() => fake.emit('control.changed', { at: Date.now() }));
      act(() => vi.advanceTimersByTime(250));
    }
    // The first was fetched at once; the five within the 2 s gap wait for its end, together.
    expect(overviewCalls(fake)).toBe(2);
    act(() => vi.advanceTimersByTime(500));
    expect(overviewCalls(fake)).toBe(3);
    act(() => vi.advanceTimersByTime(10_000));
    expect(overviewCalls(fake)).toBe(3);
  });
});
