import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core/create-core';
import { systemClock } from '../core/clock';
import { createLogger } from '../core/logger';
import { demoLauncher } from '../demo/demo-launcher';
import { createDemoWindow } from './demo-window';
import { desktopDemo } from './desktop-demo';
import { AlarmNotifier } from './alarm-notifier';
import { describeDataFolder, settleDataFolder } from './data-folder';
import { MainWindowSlot } from './main-window-slot';
import { osNotifier } from './os-notifications';
import { registerIpc } from './ipc';
import { listenerFromEnv } from './listener-env';
import { electronStoreOpener } from './store';
import { openSecretStore } from './secrets';
import { stopOnQuit } from './stop-on-quit';
import { createMainWindow } from './window';

const log = createLogger();
// Every renderer sandboxed, including any the window options might miss.
app.enableSandbox();

start();

function start(): void {
  let folderWarning: string | undefined;
  try {
    folderWarning = useDataFolder();
  } catch (error) {
    return failed(error);
  }
  if (!app.requestSingleInstanceLock()) {
    // Another Fleetdesk owns the data directory and the listener port; it has been asked to come forward.
    app.quit();
    return;
  }
  const window = new MainWindowSlot<BrowserWindow>();
  // Launched again: the window comes forward, or opens again if the operator had closed it.
  app.on('second-instance', () => window.show());
  app
    .whenReady()
    .then(() => run(window, folderWarning))
    .catch(failed);
}

/**
 * Points `userData` at the folder `npm run serve` uses, not Electron's default (named after
 * package.json's lower-case name), moving an earlier version's data there. Before `ready` and
 * before the single-instance lock, which Chromium keeps in userData. Returns what the operator must
 * be told, if anything.
 */
function useDataFolder(): string | undefined {
  const folder = settleDataFolder(app.getPath('appData'));
  const told = describeDataFolder(folder);
  if (told.warn) log.warn(told.log);
  else log.info(told.log);
  app.setPath('userData', folder.dir);
  return told.warn;
}

function failed(error: unknown): void {
  log.error({ err: error }, 'start-up failed');
  dialog.showErrorBox('Fleetdesk could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

/** Builds the core on the user-data directory, wires IPC and opens the window. */
async function run(window: MainWindowSlot<BrowserWindow>, folderWarning: string | undefined): Promise<void> {
  const dataDir = app.getPath('userData');
  const appDir = app.getAppPath();
  const indexHtml = join(appDir, 'dist/renderer/index.html');
  const appUrl = pathToFileURL(indexHtml).href;
  const openStore = electronStoreOpener(dataDir);
  // After `ready`: before it, safeStorage cannot tell which Linux keyring backend it has.
  const secrets = openSecretStore(() => openStore('secrets'), safeStorage, { log });
  // The demo fleet beside this instance, never on its data: `<userData>-demo`, as the headless host does.
  const demo = desktopDemo({
    launcher: demoLauncher({
      dataDir: `${dataDir}-demo`,
      rendererDir: join(appDir, 'dist/renderer'),
      version: app.getVersion(),
      log,
    }),
    openWindow: (url) => createDemoWindow(url, log),
  });
  const core = createCore({
    dataDir,
    clock: systemClock,
    openStore,
    secrets,
    log,
    host: 'electron',
    version: app.getVersion(),
    listener: listenerFromEnv(process.env),
    launchDemo: demo.launch,
  });
  const started = core.start();
  const quit = stopOnQuit({ started, parts: [core, demo], log });
  await started;
  // Quit while the data was opening: the stop is under way, no window to open.
  if (quit.quitting()) return;

  quit.beforeStop(registerIpc({ core, appUrl, target: () => window.current()?.webContents, log }));
  window.openWith(() =>
    createMainWindow({ indexHtml, appUrl, preload: join(appDir, 'dist-electron/preload/index.cjs'), log }),
  );
  if (folderWarning)
    void dialog.showMessageBox({ type: 'warning', title: 'Fleetdesk data folder', message: folderWarning });
  quit.beforeStop(watchAlarms(core, () => window.show()));
  // macOS keeps the app running without windows; clicking the dock icon brings one back.
  app.on('activate', () => window.show());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

/** Desktop notifications for installations that turn to error (Settings → General). */
function watchAlarms(core: Core, showWindow: () => void): () => void {
  const alarms = new AlarmNotifier({
    show: osNotifier(showWindow, log),
    enabled: () => core.services().settings.get().alarmNotifications,
    reportedHealth: (serial) => core.services().inventory.getInstallation(serial)?.health.status,
  });
  alarms.baseline(core.services().fleet.list().rows);
  const off = core.events.on('fleet.changed', (delta) => alarms.observe(delta));
  return () => {
    off();
    alarms.stop();
  };
}
