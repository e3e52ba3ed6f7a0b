/** A backup that failed validation; the message says what is wrong. Nothing was replaced. */
export class BackupInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}
