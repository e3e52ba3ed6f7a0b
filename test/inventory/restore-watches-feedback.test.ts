/**
 * Restoring a backup onto a desk (say a new PC after the old one died) while the broker link is up:
 * the restored installations' MQTT feedback must be watched, as it is for installations onboarded live.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callCore, makeCore } from '../support/core-harness';
import { tempDir } from '../support/temp-dir';
import { feedback, feedbackScene, onboard } from '../broker-settings/support';

const SERIAL = 'RST-0001';
const TOPIC = `standard1/outbound/remoteControlMetrics/feedback/${SERIAL}`;

const scene = feedbackScene();
const { cores, dirs } = scene;

describe('restore with the broker link up', () => {
  it("watches the restored installations' feedback without a restart", async () => {
    const oldDir = tempDir('fleetdesk-restore-old-');
    const newDir = tempDir('fleetdesk-restore-new-');
    dirs.push(oldDir, newDir);
    // The old desk: one onboarded installation, backed up.
    const old = makeCore(oldDir.path);
    await old.start();
    await onboard(old, SERIAL);
    const { path } = await callCore<{ path: string }>(old, 'data.backup');
    await old.stop();

    // The new desk, connected to the broker, restores that backup.
    const desk = makeCore(newDir.path, undefined, undefined, undefined, {
      broker: { id: 'cli', name: 'lab', url: scene.broker.url },
    });
    cores.push(desk);
    await desk.start();
    expect(desk.services().broker.state().kind).toBe('connected');
    mkdirSync(join(newDir.path, 'backups'), { recursive: true });
    const copy = join(newDir.path, 'backups', basename(path));
    copyFileSync(path, copy);
    await callCore(desk, 'data.restore', { path: copy });
    expect(desk.services().inventory.getInstallation(SERIAL)).toBeDefined();

    // The controller reports as always: its live values must show.
    await vi.waitFor(
      async () => {
        await scene.controller.publish(TOPIC, feedback(1234));
        await new Promise((r) => setTimeout(r, 50));
        expect(desk.services().live.get(SERIAL)?.values.storageW).toBe(1234);
      },
      { timeout: 6_000, interval: 200 },
    );
  });
});
