import { fail, ok, type MethodName, type Result } from '../../shared/contract';
import {
  brokerMethods,
  SaveBrokerProfileSchema,
  TestBrokerProfileSchema,
  type BrokerProfilesView,
  type BrokerTestResult,
} from '../../shared/contract/broker-methods';
import type { LinkView } from '../../shared/contract/control-methods';
import { noFeedbackCounts } from '../../shared/domain/live/feedback-counts';
import type { BrokerProfile } from '../../shared/domain/broker/broker-profile';

export type FakeBrokers = {
  profiles: Array<{ profile: BrokerProfile; password?: string }>;
  activeId: string | null;
  persistent: boolean;
  testAnswer: BrokerTestResult;
};

const link = (url: string): LinkView => ({
  state: 'connected',
  url,
  since: Date.now(),
  protocolVersion: 5,
  lastError: null,
  reconnects: 0,
  latencyMs: 3,
  subscriptions: { total: 0, confirmed: 0, refused: [] },
  feedback: noFeedbackCounts(0),
});

function view(s: FakeBrokers): BrokerProfilesView {
  return {
    profiles: s.profiles.map((p) => ({
      profile: p.profile,
      passwordStored: p.password !== undefined,
      active: p.profile.id === s.activeId,
    })),
    activeId: s.activeId,
    passwords: {
      persistent: s.persistent,
      keptWhere: s.persistent
        ? 'saved encrypted with the operating system keychain (Electron safeStorage)'
        : 'not saved: the headless host keeps typed passwords for this run only; set FLEETDESK_BROKER_PASSWORD_FILE',
    },
  };
}

/** The broker-profile methods in memory, validated with the contract's schemas like the core does. */
export function handleBrokers(s: FakeBrokers, method: MethodName, request: unknown): Result<unknown> {
  switch (method) {
    case 'broker.listProfiles':
      return ok(view(s));
    case 'broker.saveProfile': {
      const r = SaveBrokerProfileSchema.safeParse(request);
      if (!r.success) return fail('invalid-request', r.error.message);
      const before = s.profiles.find((p) => p.profile.id === r.data.profile.id);
      const password = r.data.forgetPassword ? undefined : (r.data.password ?? before?.password);
      const entry = { profile: r.data.profile, ...(password !== undefined && { password }) };
      s.profiles = before ? s.profiles.map((p) => (p === before ? entry : p)) : [...s.profiles, entry];
      return ok(view(s));
    }
    case 'broker.deleteProfile':
      s.profiles = s.profiles.filter((p) => p.profile.id !== (request as { id: string }).id);
      return ok(view(s));
    case 'broker.connectProfile': {
      const found = s.profiles.find((p) => p.profile.id === (request as { id: string }).id);
      if (!found) return fail('invalid-request', 'no such profile');
      s.activeId = found.profile.id;
      return ok(link(found.profile.url));
    }
    case 'broker.testProfile': {
      const r = TestBrokerProfileSchema.safeParse(request);
      return r.success ? ok(s.testAnswer) : fail('invalid-request', r.error.message);
    }
    default:
      return fail('unknown-method', `the fake API does not implement ${method}`);
  }
}

export const isBrokerProfileMethod = (m: MethodName): boolean => Object.hasOwn(brokerMethods, m);

export function brokerState(state: Partial<FakeBrokers> = {}): FakeBrokers {
  return {
    profiles: [],
    activeId: null,
    persistent: false,
    testAnswer: {
      ok: true,
      summary: 'mqtt://x:1883: connected with MQTT 5.',
      attempts: [],
      offerBackupUrl: null,
    },
    ...state,
  };
}
