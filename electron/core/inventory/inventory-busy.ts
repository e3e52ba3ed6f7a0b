/**
 * Thrown by `commit` while a restore replaces the data (the listener answers 503), and by
 * backups and restores when the other is under way.
 */
export class InventoryBusyError extends Error {
  constructor(message = 'the inventory is being restored from a backup; try again shortly') {
    super(message);
    this.name = 'InventoryBusyError';
  }
}
