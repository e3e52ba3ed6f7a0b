import { z } from 'zod';

/** Asset groups a SmartgridOne controller is steered by (protocol.md §2): control is per group. */
export const AssetGroupSchema = z.enum(['storage', 'solar', 'ev', 'hvac']);
export type AssetGroup = z.infer<typeof AssetGroupSchema>;

/** What an operator asks of one group: a policy from the profile's vocabulary and maybe a setpoint. */
export const GroupCommandSchema = z.object({
  policy: z.string().min(1).max(100),
  /** Watts; sign convention per the protocol profile (default: storage positive = discharge). */
  setpointW: z.number().finite().optional(),
});
export type GroupCommand = z.infer<typeof GroupCommandSchema>;

/** One live command for one installation: the groups it names; groups it leaves out keep their state. */
export const LiveCommandSchema = z
  .object({
    storage: GroupCommandSchema.optional(),
    solar: GroupCommandSchema.optional(),
    ev: GroupCommandSchema.optional(),
    hvac: GroupCommandSchema.optional(),
  })
  .refine((c) => Object.values(c).some((g) => g !== undefined), 'name at least one asset group');
export type LiveCommand = z.infer<typeof LiveCommandSchema>;

/** The exact bytes that will go on the wire, shown in the dry-run preview. */
export type EncodedMessage = { topic: string; payload: string };
