import { Badge } from '@mantine/core';
import type { FleetRow, HealthView } from '../../../shared/domain/fleet/fleet-row';

const HEALTH: Record<HealthView, { color: string; label: string }> = {
  error: { color: 'red', label: 'Error' },
  stale: { color: 'grape', label: 'Stale' },
  warning: { color: 'yellow', label: 'Warning' },
  unknown: { color: 'gray', label: 'Unknown' },
  ok: { color: 'teal', label: 'OK' },
};

const ONBOARDING: Record<FleetRow['onboarding'], { color: string; label: string }> = {
  pending: { color: 'orange', label: 'Pending' },
  linked: { color: 'teal', label: 'Linked' },
  rejected: { color: 'red', label: 'Rejected' },
  offboarded: { color: 'gray', label: 'Offboarded' },
};

/** Health in one coloured word; `stale` means reports stopped coming, not that one was bad. */
export function HealthBadge({ health }: { health: HealthView }) {
  const { color, label } = HEALTH[health];
  return (
    <Badge color={color} variant="light" style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}

/** Where the installation stands in onboarding. */
export function OnboardingBadge({ state }: { state: FleetRow['onboarding'] }) {
  const { color, label } = ONBOARDING[state];
  return (
    <Badge color={color} variant="outline">
      {label}
    </Badge>
  );
}

export const HEALTH_LABELS: Record<HealthView, string> = Object.fromEntries(
  Object.entries(HEALTH).map(([key, value]) => [key, value.label]),
) as Record<HealthView, string>;

export const ONBOARDING_LABELS: Record<FleetRow['onboarding'], string> = Object.fromEntries(
  Object.entries(ONBOARDING).map(([key, value]) => [key, value.label]),
) as Record<FleetRow['onboarding'], string>;
