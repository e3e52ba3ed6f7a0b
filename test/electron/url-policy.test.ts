import { describe, expect, it } from 'vitest';
import { isAppUrl, isDemoPage, isSafeExternalUrl } from '../../electron/main/url-policy';

const app = 'file:///opt/Fleetdesk/resources/app.asar/dist/renderer/index.html';

describe('isAppUrl', () => {
  it.each([
    [app],
    [`${app}#/settings`],
    [`${app}?tab=2`],
    ['file:///opt/Fleetdesk/resources/app.asar/dist/renderer/%69ndex.html'],
  ])('accepts the app page %s', (url) => {
    expect(isAppUrl(url, app)).toBe(true);
  });

  it.each([
    ['https://evil.example/'],
    ['http://localhost:5173/'],
    ['file:///opt/Fleetdesk/resources/app.asar/dist/renderer/other.html'],
    ['file:///opt/Fleetdesk/resources/app.asar/dist/renderer/index.html.evil'],
    ['file:///etc/passwd'],
    ['file://evil.example/opt/Fleetdesk/resources/app.asar/dist/renderer/index.html'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>1</script>'],
    ['about:blank'],
    [''],
    ['not a url'],
    ['file:///opt/Fleetdesk/resources/app.asar/dist/renderer/%E0%A4%A.html'],
  ])('refuses %s', (url) => {
    expect(isAppUrl(url, app)).toBe(false);
  });

  it('treats spellings of one Windows file alike', () => {
    expect(
      isAppUrl(
        'file:///c:/Program%20Files/Fleetdesk/index.html',
        'file:///C:/Program Files/Fleetdesk/index.html',
      ),
    ).toBe(true);
  });

  it('accepts nothing when the app URL is not a file URL', () => {
    expect(isAppUrl('https://evil.example/', 'https://evil.example/')).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([['https://eniris.be/'], ['https://docs.example/path?q=1#x']])('opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['http://eniris.be/'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['smb://server/share'],
    ['ms-msdt:/id PCWDiagnostic'],
    ['vscode://file/x'],
    ['data:text/html,hi'],
    ['https://bank.example@evil.example/'],
    ['https://user:pass@eniris.be/'],
    [' https'],
    [''],
  ])('never opens %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});

describe('isDemoPage', () => {
  const demo = 'http://127.0.0.1:41234/?token=abc';

  it.each([
    [demo],
    ['http://127.0.0.1:41234/'],
    ['http://127.0.0.1:41234/assets/index.js'],
    [`${demo}#/fleet`],
  ])('lets the demo window show %s', (url) => {
    expect(isDemoPage(url, demo)).toBe(true);
  });

  it.each([
    ['http://127.0.0.1:41235/'],
    ['http://localhost:41234/'],
    ['https://127.0.0.1:41234/'],
    ['http://user:pw@127.0.0.1:41234/'],
    ['file:///etc/passwd'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    [''],
  ])('keeps the demo window off %s', (url) => {
    expect(isDemoPage(url, demo)).toBe(false);
  });

  it('accepts nothing when the demo URL is not plain HTTP on loopback', () => {
    expect(isDemoPage('https://evil.example/', 'https://evil.example/')).toBe(false);
    expect(isDemoPage('http://10.0.0.5:80/', 'http://10.0.0.5:80/')).toBe(false);
  });
});
