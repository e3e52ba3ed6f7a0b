import { NativeSelect, SimpleGrid } from '@mantine/core';
import type { ColumnMapping } from '../../../../shared/domain/fleet/contracts-view';
import type { MappingDraft } from './use-contract-import';

const FIELDS: Array<{ field: keyof ColumnMapping; label: string; required?: boolean }> = [
  { field: 'contractNumber', label: 'Contract number', required: true },
  { field: 'customerName', label: 'Customer name', required: true },
  { field: 'street', label: 'Street' },
  { field: 'postalCode', label: 'Postal code' },
  { field: 'city', label: 'City' },
  { field: 'country', label: 'Country' },
  { field: 'email', label: 'Email' },
  { field: 'address', label: 'Address (one column)' },
];

export interface ColumnMappingProps {
  columns: readonly string[];
  mapping: MappingDraft;
  disabled?: boolean;
  onChange(mapping: MappingDraft): void;
}

/**
 * Which CSV column feeds which contract field. The address comes either from street, postal code,
 * city and country, or from one column holding it all; columns left unmapped are kept as extras.
 */
export function ColumnMappingForm({ columns, mapping, disabled = false, onChange }: ColumnMappingProps) {
  const data = [
    { value: '', label: '— not in this file —' },
    ...columns.map((c) => ({ value: c, label: c })),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" role="group" aria-label="Column mapping">
      {FIELDS.map(({ field, label, required }) => (
        <NativeSelect
          key={field}
          label={label}
          withAsterisk={required === true}
          data={data}
          value={mapping[field] ?? ''}
          disabled={disabled}
          error={required === true && !mapping[field] ? 'Choose a column' : undefined}
          onChange={(e) => {
            const value = e.currentTarget.value;
            const { [field]: _old, ...rest } = mapping;
            onChange(value === '' ? rest : { ...rest, [field]: value });
          }}
        />
      ))}
    </SimpleGrid>
  );
}
