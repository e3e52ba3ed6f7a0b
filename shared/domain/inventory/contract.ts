import { z } from 'zod';
import { AddressSchema } from './installation';

/** A customer contract, imported from the supplier's systems; unknown columns are kept in `extra`. */
export const ContractSchema = z.object({
  contractNumber: z.string().min(1),
  customerName: z.string(),
  address: AddressSchema,
  email: z.string().optional(),
  extra: z.record(z.string(), z.unknown()),
});
export type Contract = z.infer<typeof ContractSchema>;
