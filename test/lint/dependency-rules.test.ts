import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it lived at `filePath` and returns the import-rule violations. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the dependency table is enforced by lint', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import fs from 'fs';"],
    ['shared/domain/x.ts', "import { app } from 'electron';"],
    ['shared/domain/x.ts', "import { useState } from 'react';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import { startHost } from '../host/start-host';"],
    ['electron/host/x.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/preload/x.ts', "import { createCore } from '../core/create-core';"],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/simulator/x.ts', "import { methods } from '../../shared/contract';"],
    ['electron/simulator/x.ts', "import { dispatch } from '../core/api/dispatch';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { join } from 'node:path';"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/create-core';"],
    ['electron/main/x.ts', "import { App } from '../../renderer/src/app/app';"],
  ])('%s may not %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/contract/x.ts', "import { SettingsSchema } from '../domain/settings';"],
    ['electron/core/x.ts', "import { join } from 'node:path';"],
    ['electron/host/x.ts', "import { createCore } from '../core/create-core';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['electron/preload/x.ts', "import { buildClient } from '../../shared/contract/client';"],
    ['electron/simulator/x.ts', "import mqtt from 'mqtt';"],
    ['renderer/src/x.ts', "import { methods } from '../../shared/contract';"],
  ])('%s may %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
