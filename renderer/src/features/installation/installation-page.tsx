import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { OnboardingState } from '../../../../shared/domain/inventory/installation';
import { EmptyState } from '../../components/empty-state';
import { LoadFailed, Loading } from '../../components/load-states';
import { PageHeader } from '../../components/page-header';
import { HealthBadge, OnboardingBadge } from '../../components/status-badges';
import { hrefOf, useHashSegment } from '../../app/use-hash-route';
import { ContractLinkSection } from './contract-link-section';
import { ControlSection } from './control-section';
import { HealthSection } from './health-section';
import { IdentitySection } from './identity-section';
import { NoSuchInstallation } from './no-such-installation';
import { OffboardedNotice, offboardingOf } from './offboarding';
import { PowerChart } from './power-chart';
import { TimelineSection } from './timeline-section';
import { useInstallation } from './use-installation';

/** `#/installation/<serial>`: the screen an operator opens when a customer phones. */
export function InstallationPage() {
  const serial = useHashSegment(1);
  if (serial === undefined) {
    return (
      <EmptyState title="No installation chosen">
        Open an installation from the <Anchor href={hrefOf('fleet')}>Fleet</Anchor> table.
      </EmptyState>
    );
  }
  // Keyed by serial so nothing of one installation's page (a half-typed note) leaks into the next.
  return <InstallationDetail key={serial} serial={serial} />;
}

function InstallationDetail({ serial }: { serial: string }) {
  const { query, addNote, endLink, setFallback } = useInstallation(serial);
  const { state } = query;
  const offboarding = state.kind === 'ready' ? offboardingOf(state.value) : undefined;
  return (
    <>
      <PageHeader title={`Installation ${serial}`} />
      <Anchor href={hrefOf('fleet')} size="sm" mb="sm" display="block">
        ← Back to the fleet
      </Anchor>
      {state.kind === 'loading' && <Loading what="the installation" />}
      {state.kind === 'failed' && state.code === 'not-found' && <NoSuchInstallation serial={serial} />}
      {state.kind === 'failed' && state.code !== 'not-found' && (
        <LoadFailed what={`installation ${serial}`} message={state.message} onRetry={query.reload} />
      )}
      {state.kind === 'ready' && (
        <Stack gap="md">
          {offboarding && <OffboardedNotice view={state.value} offboarding={offboarding} />}
          <Group gap="xs">
            <OnboardingBadge state={state.value.installation.onboarding.state} />
            <HealthBadge health={state.value.health} />
            <Text size="sm" c="dimmed">
              {onboardingNote(state.value.installation.onboarding)}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <IdentitySection
              installation={state.value.installation}
              lastFeedbackAt={state.value.lastFeedbackAt}
              setFallback={setFallback}
            />
            <HealthSection
              health={state.value.installation.health}
              view={state.value.health}
              overdue={state.value.overdue}
            />
          </SimpleGrid>
          <PowerChart serial={serial} />
          <ControlSection
            serial={serial}
            fallbackSince={state.value.installation.fallbackSince}
            offboardedAt={offboarding?.since}
          />
          <ContractLinkSection view={state.value} endLink={endLink} />
          <TimelineSection view={state.value} addNote={addNote} />
        </Stack>
      )}
    </>
  );
}

function onboardingNote(state: OnboardingState): string {
  switch (state.state) {
    case 'pending':
      return 'Waiting for an operator to link it to a contract (see the Inbox).';
    case 'linked':
      return `Linked to contract ${state.contractNumber}.`;
    case 'rejected':
      return `Rejected: ${state.reason}`;
    case 'offboarded':
      // Said in full by the notice above.
      return '';
  }
}
