import { useState } from 'react';
import { Button, Group, Select } from '@mantine/core';
import { ActionError } from '../../components/load-states';
import { useBrokerProfiles } from './use-broker-profiles';

/**
 * On the Control page: connect with a broker saved in Settings (its stored password included),
 * beside the one-off form. Renders nothing until a broker is saved.
 */
export function SavedBrokerConnect({ onConnected }: { onConnected(): void }) {
  const { query, connect } = useBrokerProfiles();
  const [chosen, setChosen] = useState<string | null>(null);
  if (query.state.kind !== 'ready' || query.state.value.profiles.length === 0) return null;
  const { profiles, activeId } = query.state.value;
  const id = chosen ?? activeId ?? profiles[0]?.profile.id ?? null;
  return (
    <Group align="flex-end" aria-label="Connect a saved broker">
      <Select
        label="Saved broker"
        data={profiles.map((p) => ({ value: p.profile.id, label: `${p.profile.name} (${p.profile.url})` }))}
        value={id}
        allowDeselect={false}
        onChange={setChosen}
      />
      <Button
        variant="light"
        disabled={id === null}
        loading={connect.pending}
        onClick={() => id !== null && void connect.run(id).then((r) => r.ok && onConnected())}
      >
        Connect saved broker
      </Button>
      <ActionError message={connect.error} />
    </Group>
  );
}
