import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsService } from '../../electron/core/settings/settings-service';
import { NoticeBoard } from '../../electron/core/notices/notice-board';
import { CoreEvents } from '../../electron/core/events';
import { systemClock } from '../../electron/core/clock';
import { confStoreOpener } from '../../electron/host/conf-store';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function load(dataDir: string) {
  const events = new CoreEvents();
  const notices = new NoticeBoard(events, systemClock);
  const pathOf = (name: string) => join(dataDir, `${name}.json`);
  const service = SettingsService.load(confStoreOpener(dataDir), pathOf, {
    events,
    notices,
    clock: systemClock,
  });
  return { service, notices, events };
}

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

describe('SettingsService', () => {
  it('starts on defaults when there is no file, and writes one', () => {
    const dir = dataDir();
    const { service, notices } = load(dir);
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(notices.list()).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps a change across a reopen and announces it', () => {
    const dir = dataDir();
    const first = load(dir);
    const seen: string[] = [];
    first.events.on('settings.changed', (s) => seen.push(s.operatorName));
    first.service.update({ operatorName: 'Ann', listener: { port: 9001 } });
    expect(seen).toEqual(['Ann']);
    const again = load(dir).service.get();
    expect(again.operatorName).toBe('Ann');
    expect(again.listener.port).toBe(9001);
  });

  it.each([
    ['truncated JSON', '{"operatorName": "Ann"'],
    ['NUL bytes', '\0\0\0\0\0\0\0\0'],
    ['an empty file', ''],
    ['valid JSON failing the schema', JSON.stringify({ schemaVersion: 1, theme: 'purple' })],
    ['a file from a newer build', JSON.stringify({ schemaVersion: 99, operatorName: 'Ann' })],
    // Valid JSON but no settings object (a bad `jq` edit, a half-restored file): conf made these `{}`.
    ['JSON null', 'null'],
    ['a JSON array', '[{"listener":{"host":"0.0.0.0"}}]'],
    ['a JSON string', '"settings"'],
  ])('moves %s aside with its bytes intact, tells the operator, and starts', (_name, content) => {
    const dir = dataDir();
    writeFileSync(join(dir, 'settings.json'), content);
    const { service, notices } = load(dir);
    const moved = readdirSync(dir).filter((f) => /^settings\.corrupt-.*\.json$/.test(f));
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(dir, moved[0] ?? ''), 'utf8')).toBe(content);
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    expect(notices.list()).toHaveLength(1);
    expect(notices.list()[0]?.detail).toContain(moved[0]);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
    service.update({ operatorName: 'After' });
    expect(load(dir).service.get().operatorName).toBe('After');
  });
});
