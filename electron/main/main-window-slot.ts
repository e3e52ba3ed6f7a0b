/** What the slot needs of the app's window (a BrowserWindow). */
export type MainWindow = {
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  on(event: 'closed', listener: () => void): unknown;
};

/**
 * The app's one main window. Every way the operator asks for Fleetdesk (launching it again, a
 * click on an alarm, the macOS dock) goes through `show()`: the window comes forward, or opens
 * again if it was closed while something else (the demo window, macOS) kept the app running.
 */
export class MainWindowSlot<W extends MainWindow> {
  private window: W | undefined;
  private open: (() => W) | undefined;

  current(): W | undefined {
    return this.window;
  }

  /** Start-up is done: `open` makes the window (IPC is in place); the first one opens now. */
  openWith(open: () => W): void {
    this.open = open;
    this.show();
  }

  /** Brings the window forward, opening it if there is none. Before start-up is done, nothing: the window opens then. */
  show(): void {
    if (this.window) {
      if (this.window.isMinimized()) this.window.restore();
      this.window.focus();
      return;
    }
    if (!this.open) return;
    const window = this.open();
    window.on('closed', () => {
      if (this.window === window) this.window = undefined;
    });
    this.window = window;
  }
}
