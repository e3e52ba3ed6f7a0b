import { Alert, Button, Stack, Text } from '@mantine/core';
import type { ImportProblem } from '../../../../shared/domain/fleet/contracts-view';
import type { CsvEncoding } from './read-csv-file';

const READ_AS: Partial<Record<CsvEncoding, string>> = {
  'windows-1252':
    'Read as Windows-1252 (Western European): the file is not UTF-8. If names look wrong, save it as CSV UTF-8.',
};

/** Says how the file was read when it was not UTF-8, so a wrong guess is seen before importing. */
export function EncodingNotice({ encoding }: { encoding: CsvEncoding | undefined }) {
  const text = encoding && READ_AS[encoding];
  if (!text) return null;
  return (
    <Alert color="yellow" aria-label="File encoding">
      <Text size="sm">{text}</Text>
    </Alert>
  );
}

const TITLE: Record<ImportProblem['kind'], string> = {
  'empty-file': 'Nothing to import',
  'no-rows': 'Nothing to import',
  mapping: 'Column mapping',
};

/** Why nothing can be imported, when that is about the whole file or the mapping rather than a row. */
export function ImportProblemNotice({ problem }: { problem: ImportProblem }) {
  return (
    <Alert color="yellow" title={TITLE[problem.kind]}>
      <Text size="sm">{problem.message}</Text>
    </Alert>
  );
}

/** A required column is unmapped: why no preview is shown and Import is off. */
export function UnmappedNote() {
  return (
    <Text size="sm" c="orange.8">
      Choose the columns that hold the contract number and the customer name to preview the import.
    </Text>
  );
}

/** The preview of the mapping shown failed: the reason, and a retry; nothing is imported meanwhile. */
export function PreviewFailedNotice({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry(): void;
}) {
  return (
    <Alert color="red" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Text size="sm">Nothing can be imported until a preview of these columns succeeds.</Text>
        <Button variant="light" color="red" size="xs" onClick={onRetry}>
          Preview again
        </Button>
      </Stack>
    </Alert>
  );
}
