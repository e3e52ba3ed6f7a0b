import type { FormEvent } from 'react';
import { Alert, Button, Divider, Group, Paper, Stack, Text } from '@mantine/core';
import { AppInfoCard } from '../../components/app-info-card';
import { PageHeader } from '../../components/page-header';
import { useAppData } from '../boot';
import { ControlSection } from './control-section';
import { DataSection } from './data-section';
import { GeneralSection } from './general-section';
import { JournalSection } from './journal-section';
import { ListenerSection } from './listener-section';
import { TokensSection } from './tokens-section';
import { BrokerSection } from './broker-section';
import { ProtocolSection } from './protocol-section';
import { useSettingsForm } from './use-settings-form';

/** Reads and writes the core's settings; every save sends only what changed. */
export function SettingsPage() {
  const { info, settings, replaceSettings } = useAppData();
  const form = useSettingsForm(settings, replaceSettings);
  const saving = form.status.kind === 'saving';
  const sections = { values: form.values, errors: form.errors, disabled: saving, onChange: form.setField };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.save();
  };

  return (
    <>
      <PageHeader title="Settings" summary="How this desk behaves and how Eniris reaches it." />
      <Stack gap="lg" maw={760}>
        <Paper
          withBorder
          p="md"
          radius="md"
          component="form"
          onSubmit={onSubmit}
          aria-label="Settings"
          noValidate
        >
          <Stack gap="lg">
            <GeneralSection {...sections} />
            <Divider />
            <ListenerSection {...sections} />
            <Divider />
            <ControlSection {...sections} />
            <Divider />
            <JournalSection {...sections} />
            <SaveFeedback status={form.status} formError={form.errors.form} />
            <Group>
              <Button type="submit" loading={saving} disabled={!form.dirty}>
                Save settings
              </Button>
              <Button variant="default" onClick={form.discard} disabled={!form.dirty || saving}>
                Discard changes
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <BrokerSection />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <ProtocolSection settings={settings} onSaved={replaceSettings} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <TokensSection />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <DataSection />
        </Paper>
        <AppInfoCard info={info} />
      </Stack>
    </>
  );
}

type SaveFeedbackProps = {
  status: ReturnType<typeof useSettingsForm>['status'];
  formError: string | undefined;
};

/** The outcome of the last save, next to the button that caused it. */
function SaveFeedback({ status, formError }: SaveFeedbackProps) {
  if (formError !== undefined) {
    return (
      <Alert color="red" title="Settings not saved" role="alert">
        {formError}
      </Alert>
    );
  }
  switch (status.kind) {
    case 'idle':
    case 'saving':
      return null;
    case 'saved':
      return (
        <Text c="teal" size="sm" role="status">
          Settings saved.
        </Text>
      );
    case 'failed':
      return (
        <Alert color="red" title="Settings not saved" role="alert">
          {status.message}
        </Alert>
      );
  }
}
