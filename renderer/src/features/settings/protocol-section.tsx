import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Code,
  Group,
  List,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { Settings } from '../../../../shared/domain/settings';
import { DEFAULT_PROFILE } from '../../../../shared/protocol/profile';
import { useApi } from '../../api';
import { ActionError } from '../../components/load-states';
import { useAction } from '../../hooks/use-action';
import {
  INFERRED_FIELDS,
  SAMPLE_VALUES,
  previewFor,
  profileText,
  readDraft,
  sameProfile,
  toSetting,
  type ProfileDraft,
} from './protocol-model';
import { useProfileEditor } from './use-profile-editor';

type Props = { settings: Settings; onSaved(settings: Settings): void };

/**
 * The protocol profile as JSON, validated as it is typed, with the exact command and a decoded
 * sample feedback for a sample installation. Saving applies it to the next command and message.
 */
export function ProtocolSection({ settings, onSaved }: Props) {
  const api = useApi();
  const saved = settings.protocolProfile ?? DEFAULT_PROFILE;
  const { text, setText, changedElsewhere, showSaved } = useProfileEditor(saved);
  const [serial, setSerial] = useState('SN-000123');
  const draft = useMemo(() => readDraft(text), [text]);
  const save = useAction(api.settings.update, (next) => {
    onSaved(next);
    showSaved(next.protocolProfile ?? DEFAULT_PROFILE);
  });
  const dirty = draft.kind !== 'valid' || !sameProfile(draft.profile, saved);

  return (
    <Stack gap="md" component="section" aria-label="Protocol profile">
      <Title order={3}>Protocol profile</Title>
      <Text size="sm" c="dimmed">
        The wire names Fleetdesk uses with the controllers: topic templates ({'{serial}'} is the controller
        serial), the node id, per group the key names and policies, the sign convention, where feedback values
        are read, and the response codes.{' '}
        {settings.protocolProfile === null
          ? 'This desk uses the documented default.'
          : 'This desk uses an edited profile.'}
      </Text>
      <InferredFields />
      {changedElsewhere && (
        <Alert color="yellow" title="The profile in force changed elsewhere" role="status">
          It was saved in another window or the headless UI while you were editing. Your edits are kept;
          saving them replaces that change. Discard profile edits to see the profile now in force.
        </Alert>
      )}
      <Textarea
        label="Profile (JSON)"
        rows={18}
        spellCheck={false}
        styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={draft.kind === 'json-error' ? draft.message : undefined}
      />
      <DraftErrors draft={draft} />
      <TextInput
        label="Sample installation serial"
        value={serial}
        onChange={(e) => setSerial(e.currentTarget.value)}
        maw={320}
      />
      {draft.kind === 'valid' && <Preview draft={draft} serial={serial.trim()} />}
      <ActionError message={save.error} />
      <Group>
        <Button
          disabled={!dirty || draft.kind !== 'valid'}
          loading={save.pending}
          onClick={() =>
            draft.kind === 'valid' && void save.run({ protocolProfile: toSetting(draft.profile) })
          }
        >
          Save protocol profile
        </Button>
        <Button variant="default" onClick={() => setText(profileText(DEFAULT_PROFILE))}>
          Reset to default
        </Button>
        <Button variant="subtle" disabled={!dirty} onClick={() => showSaved(saved)}>
          Discard profile edits
        </Button>
      </Group>
    </Stack>
  );
}

function DraftErrors({ draft }: { draft: ProfileDraft }) {
  if (draft.kind !== 'invalid') return null;
  return (
    <Alert color="red" title="The profile cannot be used yet" role="alert">
      <List size="sm" spacing={2}>
        {draft.errors.map((e) => (
          <List.Item key={`${e.field}: ${e.message}`}>
            <Code>{e.field}</Code>: {e.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function Preview({ draft, serial }: { draft: Extract<ProfileDraft, { kind: 'valid' }>; serial: string }) {
  const view = previewFor(draft.profile, serial);
  if (!view.ok) {
    return (
      <Alert color="orange" role="alert">
        {view.errors.join('; ')}
      </Alert>
    );
  }
  const { preview, feedback } = view;
  const rows: Array<[string, number | null, number | null]> = (
    ['storageW', 'socPct', 'storedWh', 'solarW', 'gridW'] as const
  ).map((k) => [k, SAMPLE_VALUES[k], feedback.decoded?.[k] ?? null]);
  return (
    <Stack gap="xs" aria-label="Protocol preview" component="section">
      <Title order={4}>Preview for {preview.serial}</Title>
      <Text size="sm">
        Command topic: <Code data-testid="preview-command-topic">{preview.topics.command}</Code>
      </Text>
      <Code block data-testid="preview-command-payload">
        {preview.exampleMessage.payload}
      </Code>
      <Text size="sm">
        Feedback topic: <Code data-testid="preview-feedback-topic">{preview.topics.feedback}</Code>{' '}
        (subscribed as <Code>{preview.feedbackSubscription}</Code>)
      </Text>
      <Code block>{feedback.payload}</Code>
      {feedback.problem !== null && (
        <Text size="sm" c="red">
          The sample feedback does not decode: {feedback.problem}
        </Text>
      )}
      <Table withTableBorder aria-label="Decoded sample feedback">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>value</Table.Th>
            <Table.Th>sent (Fleetdesk convention)</Table.Th>
            <Table.Th>decoded</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(([k, sent, got]) => (
            <Table.Tr key={k}>
              <Table.Td>{k}</Table.Td>
              <Table.Td>{sent ?? '–'}</Table.Td>
              <Table.Td>{got ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function InferredFields() {
  return (
    <details>
      <summary>
        <Text span size="sm">
          Inferred settings (not documented by Eniris; check these first)
        </Text>
      </summary>
      <List size="sm" spacing={2} mt="xs">
        {INFERRED_FIELDS.map((f) => (
          <List.Item key={f.field}>
            <Code>{f.field}</Code> [{f.source}]: {f.why}
          </List.Item>
        ))}
      </List>
    </details>
  );
}
