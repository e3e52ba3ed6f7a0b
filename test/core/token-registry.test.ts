import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { TokenRegistry } from '../../electron/core/tokens/token-registry';
import { hashTokenSecret } from '../../electron/core/listener/token-store';
import { NoticeBoard } from '../../electron/core/notices/notice-board';
import { CoreEvents } from '../../electron/core/events';
import { systemClock } from '../../electron/core/clock';
import { confStoreOpener } from '../../electron/host/conf-store';
import { tempDir } from '../support/temp-dir';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function open(dataDir: string): TokenRegistry {
  const events = new CoreEvents();
  const notices = new NoticeBoard(events, systemClock);
  const pathOf = (name: string) => join(dataDir, `${name}.json`);
  return TokenRegistry.open(confStoreOpener(dataDir), pathOf, { clock: systemClock, notices });
}

function dataDir(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
}

const active = (r: TokenRegistry) => r.list().filter((t) => t.revokedAt === undefined);

describe('TokenRegistry.ensure (a token supplied from outside)', () => {
  it('adds a supplied token once, however often the run restarts with it', () => {
    const dir = dataDir();
    open(dir).ensure('automation-secret-1', 'command line (--listener-token)');
    const again = open(dir);
    again.ensure('automation-secret-1', 'command line (--listener-token)');
    expect(again.list()).toHaveLength(1);
    expect(again.findByHash(hashTokenSecret('automation-secret-1'))?.label).toBe(
      'command line (--listener-token)',
    );
  });

  it('keeps earlier command-line tokens valid: automation may still hold them', () => {
    const dir = dataDir();
    open(dir).ensure('automation-secret-1', 'command line (--listener-token)');
    const next = open(dir);
    next.ensure('automation-secret-2', 'command line (--listener-token)');
    expect(active(next)).toHaveLength(2);
  });

  it("revokes the demo's token of an earlier run, whose secret nobody holds any more, and no other", () => {
    const dir = dataDir();
    const first = open(dir);
    first.ensure('demo_run_1_secret_abcdef', 'demo fleet (simulated controllers)', {
      revokeOthersLabelled: true,
    });
    const mine = first.create('my own test token', null);
    const second = open(dir);
    second.ensure('demo_run_2_secret_abcdef', 'demo fleet (simulated controllers)', {
      revokeOthersLabelled: true,
    });
    expect(
      active(second)
        .map((t) => t.label)
        .sort(),
    ).toEqual(['demo fleet (simulated controllers)', 'my own test token']);
    expect(second.findByHash(hashTokenSecret('demo_run_1_secret_abcdef'))?.revokedAt).toBeDefined();
    expect(second.findByHash(hashTokenSecret('demo_run_2_secret_abcdef'))?.revokedAt).toBeUndefined();
    expect(second.findByHash(hashTokenSecret(mine.secret))?.revokedAt).toBeUndefined();
    // Kept revoked, not deleted: the Activity page still names the earlier run's calls by it.
    expect(second.list()).toHaveLength(3);
  });
});
