import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { Device } from '../../../shared/domain/inventory/installation';

dayjs.extend(relativeTime);

// Fixed to English formatting so numbers read the same on every workstation (and in tests);
// the translations that follow will pass their own locale.
const NUMBER = new Intl.NumberFormat('en-US');

/** A whole count with thousands separators: 10,000. */
export function formatCount(n: number): string {
  return NUMBER.format(n);
}

/** A power in watts, or a dash when the installation has not reported one. */
export function formatWatts(watts: number | null | undefined): string {
  return watts === null || watts === undefined ? '—' : `${NUMBER.format(Math.round(watts))} W`;
}

const FRESH_MS = 60_000;

/** "5 minutes ago" (or "in 2 hours" for a clock ahead of ours); `never` when there is no time. */
export function formatRelative(at: number | null | undefined, now: number = Date.now()): string {
  if (at === null || at === undefined) return 'never';
  // The page's clock ticks every 30 s, so an event up to a tick newer than it just happened; only a
  // time further ahead means a clock really is ahead of ours.
  return dayjs(at - now < FRESH_MS ? Math.min(at, now) : at).from(now);
}

/** A local date and time, minutes precision: 2025-01-02 14:05. */
export function formatDateTime(at: number | string | null | undefined): string {
  return at === null || at === undefined ? '—' : dayjs(at).format('YYYY-MM-DD HH:mm');
}

/** A file size for people: 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** One line for an address, structured or not (the same wording as the core's CSV export). */
export { formatAddress } from '../../../shared/domain/fleet/format-address';

/** A device in a few words: "storage · BYD HVS · 5,000 W · 10,240 Wh". */
export function formatDevice(device: Device): string {
  return [
    device.type,
    device.model,
    device.nominalPowerW !== undefined ? formatWatts(device.nominalPowerW) : undefined,
    device.capacityWh !== undefined ? `${NUMBER.format(device.capacityWh)} Wh` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}
