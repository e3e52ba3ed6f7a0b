import { z } from 'zod';
import { ContractSchema } from '../inventory/contract';

export const ContractRowSchema = ContractSchema.extend({ linkedSerial: z.string().nullable() });
export type ContractRow = z.infer<typeof ContractRowSchema>;

/** Which CSV column feeds which contract field; unmapped columns are kept in `extra`. */
export const ColumnMappingSchema = z.object({
  contractNumber: z.string().min(1),
  customerName: z.string().min(1),
  street: z.string().optional(),
  postalCode: z.string().optional(),
  city: z.string().optional(),
  country: z.string().optional(),
  address: z.string().optional(),
  email: z.string().optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export const ImportRequestSchema = z.object({
  csv: z.string().max(50 * 1024 * 1024),
  fileName: z.string().max(500),
  mapping: ColumnMappingSchema.optional(),
});

export const RowErrorSchema = z.object({ row: z.number().int(), message: z.string() });

/** Why no row can be imported when the reason is the file or the mapping, not a row. */
export const ImportProblemSchema = z.object({
  kind: z.enum(['empty-file', 'no-rows', 'mapping']),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** A row as it will be stored; `existing`: a contract with its number is stored, and this replaces it. */
export const PreviewContractSchema = ContractSchema.extend({
  existing: z.boolean(),
  /** Stored exactly as this row has it: importing it changes nothing. */
  unchanged: z.boolean().optional(),
});

/** What an import would do, or did: the mapping used, a preview, and an error per bad row. */
export const ImportReportSchema = z.object({
  columns: z.array(z.string()),
  mapping: ColumnMappingSchema.nullable(),
  problem: ImportProblemSchema.nullable(),
  total: z.number().int(),
  valid: z.number().int(),
  /** Of the valid rows, those whose contract number is already stored: importing replaces those contracts. */
  updates: z.number().int(),
  /** Of the updates, those whose stored contract is exactly the row (an exported file read back). */
  unchanged: z.number().int(),
  preview: z.array(PreviewContractSchema),
  errors: z.array(RowErrorSchema),
  imported: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** Contracts and installations that do not line up. */
export const ReconciliationSchema = z.object({
  contractedNotOnboarded: z.array(z.string()),
  onboardedNeverHeard: z.array(z.string()),
  /** Onboarded, but never seen on MQTT (no feedback, no confirmed command), whatever the health calls. */
  onboardedNeverOnMqtt: z.array(z.string()),
  onboardedWithoutContract: z.array(z.string()),
  /**
   * Whether the broker link is up now. Without it nothing can be seen on MQTT, so the never-on-MQTT
   * list says nothing about the controllers yet: the page says so instead of raising an alarm.
   */
  brokerConnected: z.boolean(),
});
export type Reconciliation = z.infer<typeof ReconciliationSchema>;
