import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MainWindowSlot } from '../../electron/main/main-window-slot';

class Window extends EventEmitter {
  minimized = false;
  focused = 0;
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    this.focused += 1;
  }
}

describe('the main window', () => {
  it('opens no window when asked for during start-up, and exactly one when start-up is done', () => {
    const slot = new MainWindowSlot<Window>();
    const opened: Window[] = [];
    slot.show(); // a second launch while the data is still opening
    expect(slot.current()).toBeUndefined();
    slot.openWith(() => {
      const w = new Window();
      opened.push(w);
      return w;
    });
    expect(opened).toHaveLength(1);
    expect(slot.current()).toBe(opened[0]);
  });

  it('opens again when asked for after the operator closed it, and comes forward otherwise', () => {
    const slot = new MainWindowSlot<Window>();
    const opened: Window[] = [];
    slot.openWith(() => {
      const w = new Window();
      opened.push(w);
      return w;
    });
    opened[0]!.emit('closed');
    expect(slot.current()).toBeUndefined();
    slot.show();
    expect(opened).toHaveLength(2);
    opened[1]!.minimized = true;
    slot.show();
    expect(opened).toHaveLength(2);
    expect(opened[1]).toMatchObject({ minimized: false, focused: 1 });
  });
});
