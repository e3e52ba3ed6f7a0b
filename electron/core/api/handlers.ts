import type { AppInfo, DemoLaunch } from '../../../shared/contract';
import { ApiFailure, type Handlers } from './dispatch';
import type { Services } from '../services';
import type { NoticeBoard } from '../notices/notice-board';
import { inboxItems } from '../onboarding/inbox-view';
import { installationView } from '../fleet/installation-view';
import {
  assertKnown,
  controlOverview,
  installationControl,
  linkView,
  sendCommand,
} from '../live/control-facade';
import { activityHandlers } from './activity-handlers';
import { installationHandlers } from './installation-handlers';
import { liveHandlers } from './live-handlers';
import { rolloutHandlers } from './rollout-handlers';
import { brokerHandlers } from './broker-handlers';
import { updateSettings } from './settings-update';
import { addressWithoutCredentials, recordOperatorAction } from './operator-audit';

/** Binds every contract method to the service that carries it out. */
export function createHandlers(
  s: () => Services,
  notices: NoticeBoard,
  info: () => AppInfo,
  launchDemo: (() => Promise<DemoLaunch>) | undefined,
): Handlers {
  return {
    'app.info': info,
    'demo.start': () => {
      if (info().demo) throw new ApiFailure('conflict', 'This is already the demo fleet.');
      if (!launchDemo)
        throw new ApiFailure(
          'unavailable',
          'This window cannot start the demo; run `npm run demo` in a terminal instead.',
        );
      return launchDemo();
    },
    'settings.get': () => s().settings.get(),
    'settings.update': (patch) => updateSettings(s(), patch),
    'notices.list': () => notices.list(),
    'notices.dismiss': ({ id }) => notices.dismiss(id),
    'fleet.list': () => s().fleet.list(),
    'installation.get': ({ serial }) =>
      installationView(s().inventory, s().fleet, serial, (x) => s().live.get(x)?.at),
    'installation.addNote': async ({ serial, text }) => {
      await s().onboarding.addNote(serial, text);
      return installationView(s().inventory, s().fleet, serial, (x) => s().live.get(x)?.at);
    },
    'inbox.list': () => inboxItems(s().inventory, s().matcher),
    'inbox.link': async (request) => {
      await s().onboarding.link(request);
      return inboxItems(s().inventory, s().matcher);
    },
    'inbox.linkClearMatches': async ({ links }) => {
      const outcome = await s().onboarding.linkClearMatches(links);
      return { ...outcome, items: await inboxItems(s().inventory, s().matcher) };
    },
    'inbox.addNote': async ({ serial, text }) => {
      await s().onboarding.addNote(serial, text);
      return inboxItems(s().inventory, s().matcher);
    },
    'inbox.reject': async ({ serial, reason, lastCallSeq }) => {
      await s().onboarding.reject(serial, reason, lastCallSeq);
      return inboxItems(s().inventory, s().matcher);
    },
    'links.end': async ({ serial, reason }) => {
      await s().onboarding.endLink(serial, reason);
      return installationView(s().inventory, s().fleet, serial, (x) => s().live.get(x)?.at);
    },
    'contracts.list': () => s().contracts.list(),
    'contracts.preview': (request) => s().contracts.preview(request),
    'contracts.import': (request) => s().contracts.import(request),
    'contracts.reconcile': () => s().contracts.reconcile(),
    'tokens.list': () => s().tokens.list(),
    'tokens.create': async ({ label, serial }) => {
      const created = s().tokens.create(label, serial);
      const bound = serial === null ? {} : { serial };
      await recordOperatorAction(s(), { type: 'token.created', tokenId: created.token.id, label, ...bound });
      return created;
    },
    'tokens.revoke': async ({ id }) => {
      const tokens = s().tokens.revoke(id);
      const token = tokens.find((t) => t.id === id);
      const bound = token?.serial === undefined || token.serial === null ? {} : { serial: token.serial };
      await recordOperatorAction(s(), {
        type: 'token.revoked',
        tokenId: id,
        label: token?.label ?? '',
        ...bound,
      });
      return tokens;
    },
    'data.exportCsv': ({ what }) => s().data.exportCsv(what),
    'data.backup': async () => {
      const written = await s().data.backup();
      await recordOperatorAction(s(), { type: 'backup.created', path: written.path });
      return written;
    },
    'data.listBackups': () => s().data.listBackups(),
    'data.archive': () => s().data.archive(),
    'broker.connect': async ({ url, username, password }) => {
      const { broker, sessionSecrets } = s();
      if (password !== undefined) sessionSecrets.set('session-password', password);
      await broker.connect({
        id: 'session',
        name: 'broker from the Control page',
        url,
        // This quick connect has no wildcard box: with wildcard feedback on (which Settings allows
        // only under a broker profile that permits `+`), it takes `+` as allowed, else the link
        // would drop the one feedback subscription and no live feedback would arrive.
        allowWildcard: s().settings.get().protocolProfile?.wildcardFeedback === true,
        ...(username && { username }),
        ...(password !== undefined && { passwordRef: 'session-password' }),
      });
      await recordOperatorAction(s(), {
        type: 'broker.changed',
        action: 'connected',
        url: addressWithoutCredentials(url),
      });
      return linkView(broker.diagnostics(), s().live.counts());
    },
    'broker.disconnect': async () => {
      await s().broker.disconnect();
      await recordOperatorAction(s(), { type: 'broker.changed', action: 'disconnected' });
      return linkView(s().broker.diagnostics(), s().live.counts());
    },
    'control.overview': () => controlOverview(s().broker, s().control, s().live.counts()),
    'control.installation': ({ serial }) => {
      assertKnown([serial], (x) => s().inventory.getInstallation(x) !== undefined);
      return installationControl(s().broker, s().control, serial);
    },
    'control.dryRun': ({ serials, command, hold }) => {
      assertKnown(serials, (serial) => s().inventory.getInstallation(serial) !== undefined);
      return s().control.dryRun(serials, { kind: 'live', command, hold });
    },
    'control.send': (request) => {
      assertKnown(request.serials, (serial) => s().inventory.getInstallation(serial) !== undefined);
      return sendCommand(s().control, request);
    },
    'control.release': async ({ serial, reason }) => ({
      released: (await s().control.release(serial, reason)).length,
    }),
    ...activityHandlers(() => s().activity),
    ...installationHandlers(s),
    ...liveHandlers(s),
    ...rolloutHandlers(s),
    ...brokerHandlers(s),
    'data.restore': async ({ path }) => {
      const result = await s().data.restore(path);
      s().fleet.reset();
      return result;
    },
  };
}
