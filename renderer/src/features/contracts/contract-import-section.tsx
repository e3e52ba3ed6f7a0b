import { useId } from 'react';
import { Alert, Button, Group, Input, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { ActionError } from '../../components/load-states';
import { percentDone, TaskProgress } from '../../components/task-progress';
import { useDataProgress } from '../../hooks/use-data-progress';
import type { ImportReport } from '../../../../shared/domain/fleet/contracts-view';
import { plural } from '../../../../shared/domain/plural';
import { ColumnMappingForm } from './column-mapping';
import { EncodingNotice, ImportProblemNotice, PreviewFailedNotice, UnmappedNote } from './import-notices';
import { ImportReportView } from './import-report-view';
import { completeMapping, useContractImport } from './use-contract-import';

/** Choose a CSV, check the mapping and the preview, then import. */
export function ContractImportSection({ onImported }: { onImported(): void }) {
  const flow = useContractImport(onImported);
  const inputId = useId();
  const { phase, report } = flow;
  const busy = phase.kind === 'reading' || phase.kind === 'importing';
  // Import only what the preview shown was made with: not while it updates, failed, or waits for a column.
  const ready =
    phase.kind === 'previewed' &&
    completeMapping(flow.mapping) !== undefined &&
    report !== undefined &&
    report.valid > 0;
  // The last report is not this mapping's: it only lends its columns to the form.
  const stale = phase.kind === 'unmapped' || phase.kind === 'preview-failed';
  // The first read of a file, before any report: later previews (a changed mapping) keep the last one shown.
  const firstPreview = phase.kind === 'previewing' && report === undefined;
  // A large file takes the core a while to read (100,000 rows: about half a second), each time.
  const checking = useDataProgress('contracts-preview', firstPreview);
  const importing = useDataProgress('contracts-import', phase.kind === 'importing');
  // An empty file, or one with no rows, has nothing to map or preview: its problem is all there is to say.
  const problem = report?.problem ?? null;
  const fileProblem = problem !== null && problem.kind !== 'mapping';

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Import contracts">
      <Stack gap="md">
        <Title order={3}>Import contracts</Title>
        <Text size="sm" c="dimmed">
          Import your customer contracts from a CSV file exported from your billing or CRM system. You check
          the columns and a preview before anything is stored; importing a contract number again replaces the
          stored contract with the file's row.
        </Text>
        <Input.Wrapper
          label="Contract CSV file"
          id={inputId}
          description="Comma, semicolon or tab separated, with a header row."
        >
          <input
            id={inputId}
            type="file"
            accept=".csv,.txt,text/csv"
            disabled={busy}
            // Clear the value so choosing the same file again (after fixing it) reads it anew.
            onClick={(e) => (e.currentTarget.value = '')}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void flow.choose(file);
            }}
            style={{ display: 'block', marginTop: 6 }}
          />
        </Input.Wrapper>
        {phase.kind === 'reading' && <Text size="sm">Reading {phase.fileName}…</Text>}
        {firstPreview && (
          <TaskProgress
            label={`Checking ${flow.fileName ?? 'the file'}`}
            detail={percentDone}
            progress={checking}
          />
        )}
        <ActionError message={flow.error} />
        {phase.kind === 'preview-failed' && report === undefined && (
          <PreviewFailedNotice
            title={`Could not preview ${flow.fileName ?? 'the file'}`}
            message={phase.message}
            onRetry={flow.retryPreview}
          />
        )}
        {report && (
          <>
            <EncodingNotice encoding={flow.encoding} />
            {problem !== null && fileProblem ? (
              <ImportProblemNotice problem={problem} />
            ) : (
              <>
                <Title order={4}>
                  Columns in {flow.fileName}{' '}
                  {phase.kind === 'previewing' && <Loader size="xs" aria-label="Updating the preview" />}
                </Title>
                <ColumnMappingForm
                  columns={report.columns}
                  mapping={flow.mapping}
                  disabled={busy}
                  onChange={flow.setMapping}
                />
                {phase.kind === 'unmapped' && <UnmappedNote />}
                {phase.kind === 'preview-failed' && (
                  <PreviewFailedNotice
                    title="Could not preview the import with these columns"
                    message={phase.message}
                    onRetry={flow.retryPreview}
                  />
                )}
                {!stale && problem !== null && <ImportProblemNotice problem={problem} />}
                {!stale && <ImportReportView report={report} />}
              </>
            )}
            {phase.kind === 'importing' &&
              (importing !== undefined && importing.done >= importing.total ? (
                // Read: what is left is storing them durably, in one step.
                <Text size="sm" role="status">
                  Saving {plural(report.valid, 'contract')}…
                </Text>
              ) : (
                <TaskProgress
                  label={`Importing ${flow.fileName ?? 'the file'}`}
                  detail={percentDone}
                  progress={importing}
                />
              ))}
            {phase.kind === 'imported' ? (
              <Alert color="teal" title="Import done" role="status">
                {importedSummary(phase.report, flow.fileName)}{' '}
                <Button variant="subtle" size="xs" onClick={flow.reset}>
                  Import another file
                </Button>
              </Alert>
            ) : (
              <Group>
                <Button
                  onClick={() => void flow.runImport()}
                  loading={phase.kind === 'importing'}
                  disabled={!ready}
                >
                  {stale ? 'Import contracts' : `Import ${plural(report.valid, 'contract')}`}
                </Button>
                <Button variant="default" onClick={flow.reset} disabled={busy}>
                  Cancel
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** "Imported 3 contracts from x.csv (1 new, 1 updated, 1 unchanged)." */
function importedSummary(report: ImportReport, fileName: string | undefined): string {
  const added = report.imported - report.updates;
  const updated = report.updates - report.unchanged;
  const same = report.unchanged > 0 ? `, ${report.unchanged} unchanged` : '';
  const split = report.updates > 0 ? ` (${added} new, ${updated} updated${same})` : '';
  return `Imported ${plural(report.imported, 'contract')} from ${fileName ?? 'the file'}${split}.`;
}
