import { vi } from 'vitest';

/**
 * happy-dom has no 2D canvas: a context and Path2D that accept every call, enough for uPlot to lay
 * out. Undone by `vi.restoreAllMocks()` and `vi.unstubAllGlobals()`.
 */
export function fakeCanvas(): void {
  const context = () =>
    new Proxy({ measureText: () => ({ width: 10 }) } as Record<string | symbol, unknown>, {
      get: (t, k) => (k in t ? t[k] : () => undefined),
      set: (t, k, v) => {
        t[k] = v;
        return true;
      },
    });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    context as unknown as HTMLCanvasElement['getContext'],
  );
  if (typeof globalThis.Path2D !== 'function') {
    vi.stubGlobal(
      'Path2D',
      class {
        moveTo() {}
        lineTo() {}
        rect() {}
        arc() {}
        closePath() {}
        bezierCurveTo() {}
        addPath() {}
      },
    );
  }
}
