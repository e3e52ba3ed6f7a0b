import { useCallback, useRef, useState } from 'react';
import type { ColumnMapping, ImportReport } from '../../../../shared/domain/fleet/contracts-view';
import { useApi } from '../../api';
import { readCsvFile, type CsvEncoding } from './read-csv-file';

/** The mapping as the operator edits it: any field may be unset while they choose. */
export type MappingDraft = Partial<ColumnMapping>;

export type ImportPhase =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'previewing' }
  | { kind: 'previewed' }
  | { kind: 'importing' }
  | { kind: 'imported'; report: ImportReport };

export interface ContractImport {
  phase: ImportPhase;
  fileName: string | undefined;
  /** How the file's bytes were read: the preview says so when it was not UTF-8. */
  encoding: CsvEncoding | undefined;
  /** The last preview: columns, the mapping used, the first rows and an error per bad row. */
  report: ImportReport | undefined;
  mapping: MappingDraft;
  error: string | undefined;
  choose(file: File): Promise<void>;
  setMapping(mapping: MappingDraft): void;
  runImport(): Promise<void>;
  reset(): void;
}

const MAX_BYTES = 50 * 1024 * 1024; // what the contract accepts

type LoadedFile = { name: string; csv: string; encoding: CsvEncoding };

/** A mapping the core accepts: both required columns chosen. */
export function completeMapping(draft: MappingDraft): ColumnMapping | undefined {
  if (!draft.contractNumber || !draft.customerName) return undefined;
  const entries = Object.entries(draft).filter(([, column]) => column !== undefined && column !== '');
  return Object.fromEntries(entries) as ColumnMapping;
}

/**
 * Contract import as the core does it: read the file here, let the core preview it (it guesses the
 * mapping), preview again after each mapping change, then import with the mapping shown.
 */
export function useContractImport(onImported: () => void): ContractImport {
  const api = useApi();
  const [phase, setPhase] = useState<ImportPhase>({ kind: 'idle' });
  const [file, setFile] = useState<LoadedFile>();
  const [report, setReport] = useState<ImportReport>();
  const [mapping, setDraft] = useState<MappingDraft>({});
  const [error, setError] = useState<string>();
  // Only the newest preview may land: an older answer would show a mapping no longer chosen.
  const generation = useRef(0);

  const preview = useCallback(
    async (next: LoadedFile, chosen?: ColumnMapping) => {
      const mine = ++generation.current;
      setPhase({ kind: 'previewing' });
      const result = await api.contracts.preview({
        csv: next.csv,
        fileName: next.name,
        ...(chosen ? { mapping: chosen } : {}),
      });
      if (mine !== generation.current) return;
      setPhase({ kind: 'previewed' });
      if (!result.ok) return setError(result.error.message);
      setError(undefined);
      setReport(result.value);
      setDraft(result.value.mapping ?? chosen ?? {});
    },
    [api],
  );

  const choose = useCallback(
    async (chosen: File) => {
      setError(undefined);
      setReport(undefined);
      if (chosen.size > MAX_BYTES)
        return setError(`${chosen.name} is larger than 50 MB; split it into smaller files.`);
      setPhase({ kind: 'reading', fileName: chosen.name });
      const { text, encoding } = await readCsvFile(chosen);
      const loaded = { name: chosen.name, csv: text, encoding };
      setFile(loaded);
      await preview(loaded);
    },
    [preview],
  );

  const setMapping = useCallback(
    (draft: MappingDraft) => {
      setDraft(draft);
      const complete = completeMapping(draft);
      if (file && complete) void preview(file, complete);
    },
    [file, preview],
  );

  const runImport = useCallback(async () => {
    const complete = completeMapping(mapping);
    if (!file || !complete) return;
    setPhase({ kind: 'importing' });
    const result = await api.contracts.import({ csv: file.csv, fileName: file.name, mapping: complete });
    if (!result.ok) {
      setPhase({ kind: 'previewed' });
      return setError(result.error.message);
    }
    setPhase({ kind: 'imported', report: result.value });
    onImported();
  }, [api, file, mapping, onImported]);

  const reset = useCallback(() => {
    ++generation.current;
    setPhase({ kind: 'idle' });
    setFile(undefined);
    setReport(undefined);
    setDraft({});
    setError(undefined);
  }, []);

  return {
    phase,
    fileName: file?.name,
    encoding: file?.encoding,
    report,
    mapping,
    error,
    choose,
    setMapping,
    runImport,
    reset,
  };
}
