import { vi } from 'vitest';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Fake from './fake-main-electron';

export const root = resolve(import.meta.dirname, '../../..');
export type FakeElectron = typeof Fake;

/** Polls `condition` every 20 ms; fails naming `what` after `ms`. */
export async function until(what: string, condition: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Runs electron/main/index.ts afresh against the fake electron, as `bootMain` does, without waiting
 * for anything: for what happens during start-up.
 */
export async function startMain(appData: string): Promise<FakeElectron> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as FakeElectron;
  fake.resetFake();
  fake.config.appPath = root;
  fake.config.appData = appData;
  await import('../../../electron/main/index');
  return fake;
}

/**
 * Runs electron/main/index.ts afresh against the fake electron (the test file must
 * `vi.mock('electron', () => import('./support/fake-main-electron'))` and
 * `vi.mock('electron-store', () => import('./support/fake-electron-store'))`), with the app's real
 * package.json and `appData` as Electron's appData folder. Resolves once the window loaded the UI.
 */
export async function bootMain(appData: string) {
  const fake = await startMain(appData);
  await until('the window to load', () => fake.BrowserWindow.all[0]?.loadedFile !== undefined);
  const main = fake.BrowserWindow.all[0]!;
  const appUrl = pathToFileURL(main.loadedFile!).href;
  /** An IPC call as the app's page in the app's window makes it. */
  const call = async <T = unknown>(method: string, request?: unknown): Promise<T> => {
    const handler = fake.ipcMain.handlers.get(method);
    if (!handler) throw new Error(`no handler for ${method}`);
    const window = fake.BrowserWindow.all.find((w) => !w.destroyed && w.loadedFile !== undefined) ?? main;
    const answer = (await handler(
      { sender: window.webContents, senderFrame: { url: appUrl, parent: null } },
      request,
    )) as { ok: boolean; value?: T; error?: { message: string } };
    if (!answer.ok) throw new Error(`${method}: ${answer.error?.message}`);
    return answer.value as T;
  };
  /** Quits as Electron does and waits until the process would have ended (cleanly or not). */
  const quit = async (ms = 30_000) => {
    fake.app.quit();
    await until(
      'the quit to end',
      () => fake.record.calls.includes('exited') || fake.record.exitCode !== undefined,
      ms,
    );
  };
  return { fake, main, appUrl, call, quit };
}
