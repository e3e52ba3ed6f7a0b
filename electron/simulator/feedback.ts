import type { ResolvedControl, ResolvedGroup } from './control-resolver';
import type { PhysicsState } from './physics';
import type { ModelSpec } from './spec';

const round = (v: number, digits = 0): number => {
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** Policy and control source per group: extra fields (allowed by §2) that make tests and demos readable. */
const controlFields = (g: ResolvedGroup | undefined): Record<string, unknown> =>
  g === undefined
    ? {}
    : {
        policy: g.policy,
        control_source: g.source,
        ...(g.setpointW !== undefined ? { power_setpoint_W: g.setpointW } : {}),
      };

/**
 * Builds the live-control feedback payload of protocol.md §2: `time` in Unix seconds (as the controller's
 * possibly skewed clock reads it), state per group, and the response code of the last command.
 */
export function buildFeedback(
  spec: ModelSpec,
  s: PhysicsState,
  control: ResolvedControl,
  responseCode: number,
  timeS: number,
): Record<string, unknown> {
  const g = control.groups;
  const state: Record<string, unknown> = {
    grid: {
      active_power_W: round(s.gridW),
      today_imported_energy_Wh: round(s.today.importedWh),
      today_exported_energy_Wh: round(s.today.exportedWh),
      import_limit_W: control.importLimitW ?? spec.gridConnectionW,
      export_limit_W: control.exportLimitW ?? spec.gridConnectionW,
    },
    vpp_id: '',
    storage: {
      mean_soc_perc: round((100 * s.socWh) / spec.storage.capacityWh, 1),
      active_power_W: round(s.batteryW),
      energy_stored_Wh: round(s.socWh),
      today_charged_Wh: round(s.today.chargedWh),
      today_discharged_Wh: round(s.today.dischargedWh),
      ...controlFields(g.storage),
    },
    solar: { active_power_W: round(s.pvW), today_energy_Wh: round(s.today.pvWh), ...controlFields(g.solar) },
  };
  if (spec.hvac !== undefined) {
    state['heat_pump'] = {
      operation_modes: [s.hvacW > 0 ? 'heating' : 'idle'],
      active_power_W: round(s.hvacW),
      ...controlFields(g.hvac),
    };
  }
  if (spec.ev !== undefined) state['ev'] = { active_power_W: round(s.evW), ...controlFields(g.ev) };
  return {
    extraTags: { nodeId: spec.siteNodeId },
    time: timeS,
    fields: { state, response_code: responseCode },
  };
}
