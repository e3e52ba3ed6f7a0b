import { Alert, Text } from '@mantine/core';
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
