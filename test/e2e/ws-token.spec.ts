import WebSocket from 'ws';
import { API_PATH, TOKEN_PARAM } from '../../shared/contract/wire';
import { test, expect } from './fixtures/test';

/** Opens a WebSocket to the host's API and reports how the handshake ended. */
function handshake(uiUrl: string, token: string | null, origin?: string): Promise<'open' | number> {
  const url = new URL(API_PATH, uiUrl);
  if (token !== null) url.searchParams.set(TOKEN_PARAM, token);
  const ws = new WebSocket(url.href.replace(/^http/, 'ws'), origin === undefined ? {} : { origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

const tokenOf = (uiUrl: string) => new URL(uiUrl).searchParams.get(TOKEN_PARAM) ?? '';

test.describe('the WebSocket API', () => {
  test('accepts the per-run token', async ({ host }) => {
    expect(await handshake(host.uiUrl, tokenOf(host.uiUrl))).toBe('open');
  });

  test('refuses a wrong or missing token', async ({ host }) => {
    const token = tokenOf(host.uiUrl);
    // Same length, last character changed (never to itself): only the content differs.
    const wrong = `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`;
    expect(await handshake(host.uiUrl, wrong)).toBe(401);
    expect(await handshake(host.uiUrl, '')).toBe(401);
    expect(await handshake(host.uiUrl, null)).toBe(401);
  });

  test("refuses the right token from another site's page", async ({ host }) => {
    expect(await handshake(host.uiUrl, tokenOf(host.uiUrl), 'http://evil.example')).toBe(401);
  });

  test('a UI opened with a wrong token says its link is from an earlier run', async ({ host, page }) => {
    const url = new URL(host.uiUrl);
    url.searchParams.set(TOKEN_PARAM, 'wrong-token');
    await page.goto(url.href);
    // The boot fails on the refused socket and says why (as for a tab opened before a restart),
    // instead of showing an empty app or "could not connect" as if the host were down.
    await page.locator('html[data-app-state="error"]').waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'Fleetdesk could not start' });
    await expect(alert).toContainText('from an earlier run of the Fleetdesk host');
    await expect(alert).toContainText('Open the new link the host printed');
  });
});
