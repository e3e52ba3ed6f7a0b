import { describe, expect, it } from 'vitest';
import { ControllerModel } from '../../electron/simulator/controller-model';
import { constantEnvironment } from '../../electron/simulator/environment';
import { ScheduleStore } from '../../electron/simulator/schedule-store';
import { T0, modelSpec, setSchedules } from './fixtures';

const s = T0 / 1000;
const entry = (over: Record<string, unknown> = {}) => ({
  device_type: 'storage',
  start_time: s + 3600,
  end_time: s + 7200,
  policy: 'cost',
  site_import: 5000,
  site_export: 0,
  ...over,
});
const fieldsOf = (...entries: Record<string, unknown>[]) =>
  Object.fromEntries(entries.map((e, i) => [String(i), JSON.stringify(e)]));

describe('set_schedules', () => {
  it('assigns ids and lists future windows', () => {
    const store = new ScheduleStore(modelSpec());
    const result = store.set(fieldsOf(entry(), entry({ start_time: s + 7200, end_time: s + 9000 })), T0);
    expect(result).toEqual({ ok: true, scheduleIds: [1, 2], deletedIds: [] });
    expect(store.future(T0).map((e) => e.id)).toEqual([1, 2]);
    expect(store.future((s + 7200) * 1000).map((e) => e.id)).toEqual([2]);
  });

  it.each([
    ['an entry that is not JSON', { 0: '{' }, 1],
    ['end before start', fieldsOf(entry({ end_time: s + 3600 })), 3],
    ['a window in the past', fieldsOf(entry({ start_time: s - 7200, end_time: s - 3600 })), 3],
    ['an unknown device type', fieldsOf(entry({ device_type: 'fridge' })), 2],
    ['an unknown policy', fieldsOf(entry({ policy: 'turbo' })), 2],
    ['a device the site lacks', fieldsOf(entry({ device_type: 'ev', policy: 'off' })), 4],
    ['a negative limit', fieldsOf(entry({ site_import: -1 })), 1],
  ])('rejects %s with code %i and stores nothing', (_name, bad, code) => {
    const store = new ScheduleStore(modelSpec());
    // A valid entry "1" next to the bad entry "0": the request is all or nothing.
    const valid = JSON.stringify(entry({ start_time: s + 100, end_time: s + 200 }));
    expect(store.set({ ...bad, 1: valid }, T0)).toMatchObject({ ok: false, code });
    expect(store.size).toBe(0);
  });

  it('rejects a request without entries', () => {
    expect(new ScheduleStore(modelSpec()).set({}, T0)).toMatchObject({ ok: false, code: 1 });
    expect(new ScheduleStore(modelSpec()).set('x', T0)).toMatchObject({ ok: false, code: 1 });
  });

  it('removes overlapping windows of the same device type when asked', () => {
    const store = new ScheduleStore(modelSpec());
    store.set(
      fieldsOf(entry(), entry({ device_type: 'solar', policy: 'curtail', power_setpoint_W: 1000 })),
      T0,
    );
    const result = store.set(
      fieldsOf(
        entry({ start_time: s + 5000, end_time: s + 8000, policy: 'self-consumption', remove_overlap: true }),
      ),
      T0,
    );
    expect(result).toEqual({ ok: true, scheduleIds: [3], deletedIds: [1] });
    expect(store.future(T0).map((e) => e.id)).toEqual([2, 3]);
  });

  it('keeps every window of one request whose own entries overlap (remove_overlap spares the request)', () => {
    const store = new ScheduleStore(modelSpec());
    const result = store.set(
      fieldsOf(
        entry({ start_time: s, end_time: s + 3600, remove_overlap: true }),
        entry({ start_time: s + 1800, end_time: s + 5400, policy: 'self-consumption', remove_overlap: true }),
      ),
      T0,
    );
    expect(result).toEqual({ ok: true, scheduleIds: [1, 2], deletedIds: [] });
    expect(store.future(T0).map((e) => e.id)).toEqual([1, 2]);
  });

  it('never deletes a window the same request sends again and acks as stored', () => {
    const store = new ScheduleStore(modelSpec());
    store.set(fieldsOf(entry(), entry({ start_time: s + 9000, end_time: s + 9900 })), T0);
    // Entry "0" resends window 1; entry "1" overlaps it and asks to remove overlaps: only the other,
    // earlier window it overlaps (2) goes, window 1 stays because this request acks it.
    const result = store.set(
      fieldsOf(
        entry(),
        entry({ start_time: s + 5000, end_time: s + 9500, policy: 'self-consumption', remove_overlap: true }),
      ),
      T0,
    );
    expect(result).toEqual({ ok: true, scheduleIds: [1, 3], deletedIds: [2] });
    expect(store.future(T0).map((e) => e.id)).toEqual([1, 3]);
  });

  it('is idempotent: the same window sent three times is stored once', () => {
    const store = new ScheduleStore(modelSpec());
    for (let k = 0; k < 3; k++) {
      expect(store.set(fieldsOf(entry({ remove_overlap: true })), T0)).toEqual({
        ok: true,
        scheduleIds: [1],
        deletedIds: [],
      });
    }
    expect(store.size).toBe(1);
  });

  it('lets the latest window win while two overlap', () => {
    const store = new ScheduleStore(modelSpec());
    store.set(fieldsOf(entry(), entry({ policy: 'self-consumption' })), T0);
    expect(store.active((s + 4000) * 1000).storage?.id).toBe(2);
  });
});

describe('schedule topic replies', () => {
  it('acks set_schedules and reports the windows with get_future_schedules', () => {
    const model = new ControllerModel({ spec: modelSpec(), env: constantEnvironment(0, 0), startMs: T0 });
    const ack = model.handleSchedule(setSchedules([entry({ custom_tag: 'kept' })]), T0, s + 5);
    expect(ack).toEqual({
      extraTags: { nodeId: 'SG1-000042_site_0' },
      time: s + 5,
      data: {
        message_type: 'set_schedules_ack',
        responseCode: 0,
        state: { schedule_ids: [1], deleted_ids: [] },
      },
    });
    const list = model.handleSchedule(
      JSON.stringify({ message_type: 'get_future_schedules', fields: {} }),
      T0,
      s,
    );
    expect(list).toMatchObject({
      data: {
        message_type: 'get_future_schedules_ack',
        state: {
          schedules: [
            {
              id: 1,
              device_type: 'storage',
              start_time: s + 3600,
              end_time: s + 7200,
              policy: 'cost',
              custom_tag: 'kept',
            },
          ],
        },
      },
    });
  });

  it('answers errors with a non-zero responseCode and an error text', () => {
    const model = new ControllerModel({ spec: modelSpec(), env: constantEnvironment(0, 0), startMs: T0 });
    expect(model.handleSchedule(setSchedules([entry({ end_time: s })]), T0, s)).toMatchObject({
      data: {
        message_type: 'set_schedules_ack',
        responseCode: 3,
        error: expect.stringContaining('end_time'),
      },
    });
    expect(model.handleSchedule('garbage', T0, s)).toMatchObject({ data: { responseCode: 1 } });
    expect(
      model.handleSchedule(JSON.stringify({ message_type: 'delete_all', fields: {} }), T0, s),
    ).toMatchObject({
      data: { message_type: 'delete_all_ack', responseCode: 1 },
    });
  });
});
