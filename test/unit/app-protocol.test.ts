/**
 * The desktop app's protocol handlers (electron/app-protocol.ts) and the content types they send
 * (electron/served-content.ts). The handlers run as Electron runs them: a Request in, a Response out, over
 * real files in a temporary folder. Which paths they may name is shell-policy.test.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveAppFile, serveMediaFile } from '../../electron/app-protocol';
import { appContentType, CONTENT_SECURITY_POLICY, mediaContentType } from '../../electron/served-content';
import { tempDir } from '../helpers/collections';

describe('content types', () => {
  it('fit every kind of file the renderer build holds', () => {
    expect(
      ['index.html', 'a.js', 'a.mjs', 'a.css', 'KaTeX_Main.woff2', 'b.woff', 'c.ttf', 'd.svg', 'a.js.map', 'X.JS'].map(
        appContentType,
      ),
    ).toEqual([
      'text/html; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/css; charset=utf-8',
      'font/woff2',
      'font/woff',
      'font/ttf',
      'image/svg+xml',
      'application/json',
      'text/javascript; charset=utf-8',
    ]);
    expect(appContentType('setup.exe')).toBe('application/octet-stream');
  });

  it('fit the images and sounds cards hold', () => {
    expect(['a.png', 'a.JPG', 'a.avif', 'a.svg', 'a.mp3', 'a.ogg', 'a.webm'].map(mediaContentType)).toEqual([
      'image/png',
      'image/jpeg',
      'image/avif',
      'image/svg+xml',
      'audio/mpeg',
      'audio/ogg',
      'video/webm',
    ]);
    expect(mediaContentType('a.html')).toBe('application/octet-stream');
  });
});

describe('the app protocol handler', () => {
  function site() {
    const dir = tempDir('cue-shell-');
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Cue</title>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log("cue")');
    writeFileSync(join(renderer, 'assets', 'KaTeX_Main-Regular.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(dir, 'secret.txt'), 'SECRET');
    return renderer;
  }

  it('serves the renderer’s files with their type and the CSP', async () => {
    const renderer = site();
    const page = await serveAppFile(new Request('cue-app://app/'), renderer);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html><title>Cue</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await serveAppFile(new Request('cue-app://app/assets/index.js'), renderer);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("cue")');
    const font = await serveAppFile(new Request('cue-app://app/assets/KaTeX_Main-Regular.woff2'), renderer);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0x77, 0x4f, 0x46, 0x32]);
  });

  it('answers 404, with the CSP, for missing files, folders and every way out of the folder', async () => {
    const renderer = site();
    for (const url of [
      'cue-app://app/missing.js',
      'cue-app://app/assets',
      'cue-app://app/../secret.txt',
      'cue-app://app/..%2fsecret.txt',
      'cue-app://app/%2e%2e%2fsecret.txt',
      'cue-app://app/assets/..%2f..%2fsecret.txt',
      'cue-app://app/index.html%00',
      'cue-app://app/%E0%A4%A',
      'cue-app://app.evil/index.html',
    ]) {
      const response = await serveAppFile(new Request(url), renderer);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text(), url).not.toContain('SECRET');
    }
  });

  it('only reads: HEAD has no body, POST is refused', async () => {
    const renderer = site();
    const head = await serveAppFile(new Request('cue-app://app/index.html', { method: 'HEAD' }), renderer);
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await serveAppFile(new Request('cue-app://app/index.html', { method: 'POST', body: 'x' }), renderer);
    expect(post.status).toBe(405);
  });
});

describe('the media protocol handler', () => {
  it('streams a media file with its type, and refuses the database beside the folder', async () => {
    const dir = tempDir('cue-media-');
    const media = join(dir, 'media');
    mkdirSync(media);
    const image = Buffer.alloc(300_000, 7);
    writeFileSync(join(media, 'bloom.png'), image);
    writeFileSync(join(media, '.bloom.png.writing'), 'half');
    writeFileSync(join(dir, 'collection.sqlite'), 'SQLite format 3');
    const response = await serveMediaFile(new Request('cue-media://media/bloom.png'), media);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-length')).toBe('300000');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(Buffer.from(await response.arrayBuffer()).equals(image)).toBe(true);
    for (const url of [
      'cue-media://media/missing.png',
      'cue-media://media/.bloom.png.writing',
      'cue-media://media/..%2fcollection.sqlite',
      'cue-media://media/%2e%2e%2fcollection.sqlite',
      'cue-media://media/../collection.sqlite',
      'cue-media://evil/bloom.png',
    ]) {
      const refused = await serveMediaFile(new Request(url), media);
      expect(refused.status, url).toBe(404);
      expect(await refused.text(), url).not.toContain('SQLite');
    }
  });
});
