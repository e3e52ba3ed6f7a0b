import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { BrokerProfilesView, BrokerTestResult } from '../../../../shared/contract/broker-methods';
import { ActionError } from '../../components/load-states';
import { NumberField } from '../../components/number-field';
import {
  toSaveRequest,
  toTestRequest,
  urlProblem,
  type BrokerFormErrors,
  type BrokerFormField,
  type BrokerFormValues,
} from './broker-form-model';
import type { BrokerProfiles } from './use-broker-profiles';

type Props = {
  initial: BrokerFormValues;
  passwordStored: boolean;
  passwords: BrokerProfilesView['passwords'];
  brokers: BrokerProfiles;
  onDone(): void;
};

const PROTOCOLS = [
  { value: 'auto', label: 'Automatic: MQTT 5, falling back to 3.1.1' },
  { value: '5', label: 'MQTT 5 only' },
  { value: '4', label: 'MQTT 3.1.1 only' },
];

/** Add or edit one broker. The password is write-only: it is never shown, only whether one is stored. */
export function BrokerForm({ initial, passwordStored, passwords, brokers, onDone }: Props) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<BrokerFormErrors>({});
  const [tested, setTested] = useState<BrokerTestResult>();
  const set = <K extends BrokerFormField>(field: K, value: BrokerFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _field, form: _form, ...rest }) => rest);
  };
  const text = (field: BrokerFormField) => ({
    value: values[field] as string,
    error: errors[field],
    onChange: (e: { currentTarget: { value: string } }) => set(field, e.currentTarget.value),
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = toSaveRequest(values);
    if (!checked.ok) return setErrors(checked.errors);
    const result = await brokers.save.run(checked.request);
    if (result.ok) onDone();
  };
  const test = async () => {
    setTested(undefined);
    const checked = toTestRequest(values);
    if (!checked.ok) return setErrors(checked.errors);
    const result = await brokers.test.run(checked.request);
    if (result.ok) setTested(result.value);
  };

  return (
    <form onSubmit={(e) => void save(e)} aria-label="Broker profile" noValidate>
      <Stack gap="sm">
        <TextInput label="Name" placeholder="Eniris production" required {...text('name')} />
        <TextInput
          label="Broker URL"
          description="mqtt://, mqtts://, ws:// or wss://, with the port (1883 for plain MQTT)."
          required
          {...text('url')}
          error={errors.url ?? urlProblem(values.url, true)}
        />
        <TextInput
          label="Backup URL"
          description="Tried when the primary keeps failing, e.g. mqtt://mqtt.eniris.be:80 for networks that block 1883."
          {...text('fallbackUrl')}
          error={errors.fallbackUrl ?? urlProblem(values.fallbackUrl, false)}
        />
        <SimpleGrid cols={2}>
          <TextInput label="Username" autoComplete="off" {...text('username')} />
          <PasswordInput
            label="Password"
            description={
              passwordStored ? 'A password is stored; leave empty to keep it.' : passwords.keptWhere
            }
            placeholder={passwordStored ? 'stored' : ''}
            autoComplete="new-password"
            disabled={values.forgetPassword}
            {...text('password')}
          />
        </SimpleGrid>
        {passwordStored && (
          <Checkbox
            label="Forget the stored password"
            checked={values.forgetPassword}
            onChange={(e) => set('forgetPassword', e.currentTarget.checked)}
          />
        )}
        {!passwords.persistent && values.password !== '' && (
          <Text size="sm" c="orange" role="note">
            {passwords.keptWhere}
          </Text>
        )}
        <SimpleGrid cols={3}>
          <TextInput label="CA file" placeholder="/etc/fleetdesk/ca.pem" {...text('caFile')} />
          <TextInput label="Client certificate file" {...text('certFile')} />
          <TextInput label="Client key file" {...text('keyFile')} />
        </SimpleGrid>
        <Checkbox
          label="Check the broker's certificate (turn off for a lab broker only)"
          checked={values.rejectUnauthorized}
          onChange={(e) => set('rejectUnauthorized', e.currentTarget.checked)}
        />
        <SimpleGrid cols={2}>
          <Select
            label="MQTT version"
            data={PROTOCOLS}
            allowDeselect={false}
            value={values.protocol}
            onChange={(v) => set('protocol', (v ?? 'auto') as BrokerFormValues['protocol'])}
          />
          <NumberField
            whole
            label="Keep-alive (seconds)"
            value={values.keepaliveSeconds}
            error={errors.keepaliveSeconds}
            onChange={(v) => set('keepaliveSeconds', v)}
          />
        </SimpleGrid>
        <Switch
          label="Allow + wildcards in subscriptions (only if the broker's ACL permits them)"
          checked={values.allowWildcard}
          onChange={(e) => set('allowWildcard', e.currentTarget.checked)}
        />
        {errors.form !== undefined && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <TestOutcome result={tested} onUseBackup={(url) => set('fallbackUrl', url)} />
        <ActionError message={brokers.save.error ?? brokers.test.error} />
        <Group>
          <Button type="submit" loading={brokers.save.pending}>
            Save broker
          </Button>
          <Button variant="default" loading={brokers.test.pending} onClick={() => void test()}>
            Test connection
          </Button>
          <Button variant="subtle" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TestOutcome({
  result,
  onUseBackup,
}: {
  result: BrokerTestResult | undefined;
  onUseBackup(url: string): void;
}) {
  if (result === undefined) return null;
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      title={result.ok ? 'The broker answered' : 'No connection'}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{result.summary}</Text>
        {result.offerBackupUrl !== null && (
          <Button size="xs" variant="light" onClick={() => onUseBackup(result.offerBackupUrl ?? '')}>
            Use {result.offerBackupUrl} as the backup URL
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
