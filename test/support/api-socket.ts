import WebSocket from 'ws';

/** Opens the host's API WebSocket for the UI URL it printed (`…/?token=<t>`); resolves once open. */
export async function openApiSocket(uiUrl: string): Promise<WebSocket> {
  const ui = new URL(uiUrl);
  const ws = new WebSocket(
    `ws://${ui.host}/api?token=${encodeURIComponent(ui.searchParams.get('token') ?? '')}`,
  );
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
  return ws;
}
