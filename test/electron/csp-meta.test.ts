/**
 * The built page carries its Content Security Policy itself: Electron loads it from `file://`, where
 * the header set in `onHeadersReceived` is not applied by every Electron version (electron#14768,
 * #23485). Reads the page `npm test` builds first (`npm run build:renderer`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/core/csp';

const page = join(resolve(import.meta.dirname, '../..'), 'dist/renderer/index.html');

describe('the CSP in the built index.html', () => {
  it('is a meta tag ahead of every script, with the header policy minus what a meta tag ignores', () => {
    if (!existsSync(page)) throw new Error(`${page} is missing: run \`npm run build:renderer\` first`);
    const html = readFileSync(page, 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta, 'no CSP meta tag in the built page').not.toBeNull();
    const content = (meta?.[1] ?? '').replaceAll('&#39;', "'");
    expect(content).toBe(META_CONTENT_SECURITY_POLICY);
    expect(html.indexOf(meta?.[0] ?? '')).toBeLessThan(html.indexOf('<script'));
    // Everything of the header's policy but frame-ancestors, which browsers ignore in a meta tag.
    expect(content.split('; ')).toEqual(
      CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')),
    );
    expect(content).toContain("script-src 'self'");
    expect(content).not.toContain('unsafe-eval');
  });
});
