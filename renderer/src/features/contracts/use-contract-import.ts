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
  /** The report is the preview of the mapping shown: the only phase Import is offered in. */
  | { kind: 'previewed' }
  /** A required column is unmapped: nothing is previewed for it; the last report only lends its columns. */
  | { kind: 'unmapped' }
  /** The preview of the mapping shown failed: nothing can be imported until one succeeds. */
  | { kind: 'preview-failed'; message: string }
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
  /** Asks for the preview of the mapping shown again, after it failed. */
  retryPreview(): void;
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
  // Only the newest preview may land: an older answer would show a mapping no longer chosen. Every
  // change of file or mapping bumps it, also one that asks for no preview (an incomplete mapping).
  const generation = useRef(0);

  const preview = useCallback(
    async (next: LoadedFile, chosen?: ColumnMapping) => {
      const mine = ++generation.current;
      setPhase({ kind: 'previewing' });
      setError(undefined);
      const result = await api.contracts.preview({
        csv: next.csv,
        fileName: next.name,
        ...(chosen ? { mapping: chosen } : {}),
      });
      if (mine !== generation.current) return;
      if (!result.ok) return setPhase({ kind: 'preview-failed', message: result.error.message });
      setReport(result.value);
      setDraft(result.value.mapping ?? chosen ?? {});
      setPhase({ kind: 'previewed' });
    },
    [api],
  );

  const choose = useCallback(
    async (chosen: File) => {
      ++generation.current; // a preview of the file before must not land on this one
      setError(undefined);
      setReport(undefined);
      setDraft({});
      if (chosen.size > MAX_BYTES) {
        setPhase({ kind: 'idle' });
        return setError(`${chosen.name} is larger than 50 MB; split it into smaller files.`);
      }
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
      if (!file) return;
      const complete = completeMapping(draft);
      if (complete) return void preview(file, complete);
      // Nothing to preview, and an answer still on its way is for a mapping no longer chosen.
      ++generation.current;
      setPhase({ kind: 'unmapped' });
    },
    [file, preview],
  );

  const retryPreview = useCallback(() => {
    if (file) void preview(file, completeMapping(mapping));
  }, [file, mapping, preview]);

  const runImport = useCallback(async () => {
    const complete = completeMapping(mapping);
    if (!file || !complete || phase.kind !== 'previewed') return;
    setPhase({ kind: 'importing' });
    const result = await api.contracts.import({ csv: file.csv, fileName: file.name, mapping: complete });
    if (!result.ok) {
      setPhase({ kind: 'previewed' });
      return setError(result.error.message);
    }
    setPhase({ kind: 'imported', report: result.value });
    onImported();
  }, [api, file, mapping, phase.kind, onImported]);

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
    retryPreview,
    runImport,
    reset,
  };
}
