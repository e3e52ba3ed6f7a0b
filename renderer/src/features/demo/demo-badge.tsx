import { Badge, Tooltip } from '@mantine/core';
import { useAppData } from '../boot';

/** Marks every screen of the demo instance, so simulated data is never mistaken for the real fleet. */
export function DemoBadge() {
  const { info } = useAppData();
  if (!info.demo) return null;
  return (
    <Tooltip label={`Simulated controllers; data in ${info.dataDir}`}>
      <Badge color="grape" variant="filled" size="lg">
        Demo fleet: simulated data
      </Badge>
    </Tooltip>
  );
}
