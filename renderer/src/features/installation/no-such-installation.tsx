import { Alert, Anchor, Text } from '@mantine/core';
import { hrefOf } from '../../app/use-hash-route';

/**
 * The core has no installation with this serial: a link to one never onboarded, or a page left
 * open while a restore of an older backup removed it. Nothing of it is shown, so no action is
 * offered that could only fail "not found", and no retry either: asking again changes nothing.
 */
export function NoSuchInstallation({ serial }: { serial: string }) {
  return (
    <Alert color="gray" title={`No installation ${serial}`} role="alert">
      <Text size="sm">
        The inventory holds no installation with this serial: it never onboarded, or a restored backup does
        not hold it. Find it in the <Anchor href={hrefOf('fleet')}>Fleet</Anchor> table, or in the Inbox if it
        is still calling in.
      </Text>
    </Alert>
  );
}
