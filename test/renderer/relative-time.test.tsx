import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatUntil, RelativeTime } from '../../renderer/src/components/relative-time';

describe('relative times', () => {
  it('shows an event slightly ahead of the page clock as just happened (clock skew), in the default mode', () => {
    render(<RelativeTime at={Date.now() + 20_000} />);
    expect(screen.getByText(/ago/).textContent).toBe('a few seconds ago');
  });

  it('shows a time expected ahead (a lapse) as ahead, counted in seconds, never as past', () => {
    render(<RelativeTime at={Date.now() + 48_000} expect="future" />);
    expect(screen.getByText(/^in /).textContent).toMatch(/^in 4[78] s$/);
  });

  it('words times ahead by their size, and one that passed as past, not "now"', () => {
    const now = 1_764_300_000_000;
    expect(formatUntil(now + 21_000, now)).toBe('in 21 s');
    expect(formatUntil(now + 5 * 60_000, now)).toBe('in 5 min');
    expect(formatUntil(now + 3 * 3_600_000, now)).toBe('in 3 h');
    expect(formatUntil(now + 300, now)).toBe('now');
    expect(formatUntil(now - 12_000, now)).toBe('12 s ago');
  });
});
