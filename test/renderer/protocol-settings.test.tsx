import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE, type ProtocolProfile } from '../../shared/protocol/profile';
import { createFakeApi, type FakeApi } from './fake-api';
import { renderApp } from './render-app';

async function openProtocol(protocolProfile: ProtocolProfile | null = null) {
  window.location.hash = '#/settings';
  const fake = createFakeApi({ settings: { protocolProfile } });
  await renderApp(fake);
  const section = within(await screen.findByRole('region', { name: 'Protocol profile' }));
  const editor = section.getByLabelText('Profile (JSON)') as HTMLTextAreaElement;
  const edit = (change: (p: ProtocolProfile) => void) => {
    const draft = JSON.parse(editor.value) as ProtocolProfile;
    change(draft);
    fireEvent.change(editor, { target: { value: JSON.stringify(draft, null, 2) } });
  };
  return { fake, section, editor, edit };
}

const updates = (fake: FakeApi) =>
  fake.calls.filter((c) => c.method === 'settings.update').map((c) => c.request);

// Whole-app renders with Mantine are slow on a loaded 2-core machine; the default 5 s is too tight.
describe('Settings: protocol profile', { timeout: 20_000 }, () => {
  it('previews the exact command for the sample serial and follows edits', async () => {
    const { section, edit } = await openProtocol();
    expect(section.getByTestId('preview-command-topic').textContent).toBe(
      'standard1/rp_one_s/remoteControlMetrics/SN-000123',
    );
    expect(section.getByTestId('preview-command-payload').textContent).toContain(
      '"storage_power_setpoint_W":-2500',
    );
    edit((p) => {
      p.topics.command = 'lab/cmd/{serial}';
      p.groups.storage.setpointKey = 'battery_W';
    });
    expect(section.getByTestId('preview-command-topic').textContent).toBe('lab/cmd/SN-000123');
    expect(section.getByTestId('preview-command-payload').textContent).toContain('"battery_W":-2500');
    fireEvent.change(section.getByLabelText('Sample installation serial'), { target: { value: 'XYZ-9' } });
    expect(section.getByTestId('preview-command-topic').textContent).toBe('lab/cmd/XYZ-9');
  });

  it('decodes a sample feedback through the edited paths and sign convention', async () => {
    const { section, edit } = await openProtocol();
    edit((p) => {
      p.feedbackPaths.storageW = 'fields.battery.power';
      p.signs.storageDischargePositive = false;
    });
    const table = within(section.getByRole('table', { name: 'Decoded sample feedback' }));
    const row = table.getByText('storageW').closest('tr');
    expect(row?.textContent).toBe('storageW25002500');
    // On the wire the charge/discharge sign is flipped and the value sits at the new path.
    expect(section.getByText(/"battery":\{"power":-2500\}/)).toBeTruthy();
  });

  it('names each invalid setting and will not save it', async () => {
    const { fake, section, edit } = await openProtocol();
    edit((p) => {
      p.topics.command = 'lab/cmd';
      p.groups.solar.policyKey = 'storage_policy';
    });
    const alert = within(section.getByRole('alert'));
    expect(alert.getByText('topics.command')).toBeTruthy();
    expect(alert.getByText('groups.solar.policyKey')).toBeTruthy();
    expect(alert.getByText(/already used by groups\.storage\.policyKey/)).toBeTruthy();
    const save = section.getByRole('button', { name: 'Save protocol profile' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(section.getByLabelText('Profile (JSON)'), { target: { value: '{ "topics": ' } });
    expect(section.getByText(/not valid JSON/)).toBeTruthy();
    expect(updates(fake)).toEqual([]);
  });

  it('saves an edited profile, and saves null after a reset to the default', async () => {
    const edited = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
    edited.topics.feedback = 'lab/{serial}/fb';
    const { fake, section, edit } = await openProtocol(edited);
    expect(section.getByTestId('preview-feedback-topic').textContent).toBe('lab/SN-000123/fb');
    edit((p) => {
      p.commandValiditySeconds = 45;
    });
    fireEvent.click(section.getByRole('button', { name: 'Save protocol profile' }));
    await section.findByText(/uses an edited profile/);
    expect(updates(fake)).toEqual([{ protocolProfile: { ...edited, commandValiditySeconds: 45 } }]);

    fireEvent.click(section.getByRole('button', { name: 'Reset to default' }));
    expect(section.getByTestId('preview-feedback-topic').textContent).toBe(
      'standard1/outbound/remoteControlMetrics/feedback/SN-000123',
    );
    fireEvent.click(section.getByRole('button', { name: 'Save protocol profile' }));
    await section.findByText(/uses the documented default/);
    expect(updates(fake)[1]).toEqual({ protocolProfile: null });
  });

  it('shows the profile in force after it changed elsewhere (another window / the headless UI)', async () => {
    const { fake, section, editor } = await openProtocol();
    const elsewhere = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
    elsewhere.topics.command = 'lab/cmd/{serial}';
    act(() => fake.emit('settings.changed', { ...fake.state.settings, protocolProfile: elsewhere }));
    await section.findByText(/This desk uses an edited profile/);
    // The editor and its preview show the profile Fleetdesk now publishes with; nothing to save.
    expect(section.getByTestId('preview-command-topic').textContent).toBe('lab/cmd/SN-000123');
    expect((JSON.parse(editor.value) as ProtocolProfile).topics.command).toBe('lab/cmd/{serial}');
    const save = section.getByRole('button', { name: 'Save protocol profile' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(section.queryByText('The profile in force changed elsewhere')).toBeNull();
  });

  it('keeps unsaved edits when the profile changes elsewhere, and says so', async () => {
    const { fake, section, editor, edit } = await openProtocol();
    edit((p) => {
      p.commandValiditySeconds = 45;
    });
    const elsewhere = structuredClone(DEFAULT_PROFILE) as ProtocolProfile;
    elsewhere.topics.command = 'lab/cmd/{serial}';
    act(() => fake.emit('settings.changed', { ...fake.state.settings, protocolProfile: elsewhere }));
    await section.findByText('The profile in force changed elsewhere');
    expect((JSON.parse(editor.value) as ProtocolProfile).commandValiditySeconds).toBe(45);

    fireEvent.click(section.getByRole('button', { name: 'Discard profile edits' }));
    expect((JSON.parse(editor.value) as ProtocolProfile).topics.command).toBe('lab/cmd/{serial}');
    expect(section.queryByText('The profile in force changed elsewhere')).toBeNull();
  });
});
