/**
 * The rules a card's content passes before it reaches the page, where they need no browser: its inline
 * styles, the URLs it may show media from or open, and the text taken out before parsing. The sanitiser
 * as a whole runs in real Chromium in test/e2e/xss.spec.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanStyle } from '../../renderer/lib/card-style';
import { linkVerdict, mediaFileName } from '../../renderer/lib/card-urls';
import { dropCspTriggers } from '../../renderer/lib/csp-quiet';

describe('cleanStyle', () => {
  it('keeps what honest cards style: colours, fonts, alignment, table borders, contained positions', () => {
    expect(cleanStyle('color:#c0362c;font-family:Georgia,serif;text-align:center;font-size:22px')).toBe(
      'color: #c0362c; font-family: Georgia,serif; text-align: center; font-size: 22px',
    );
    expect(cleanStyle('background-color: rgb(238, 242, 255); border: 1px solid #999')).toBe(
      'background-color: rgb(238, 242, 255); border: 1px solid #999',
    );
    expect(cleanStyle('font-family: \'Noto Serif JP\', "ＭＳ 明朝"')).toBe(
      'font-family: \'Noto Serif JP\', "ＭＳ 明朝"',
    );
    expect(cleanStyle('position: relative; top: -0.2em')).toBe('position: relative; top: -0.2em');
    expect(cleanStyle('position:absolute !important')).toBe('position: absolute !important');
    // KaTeX's own inline styles
    expect(cleanStyle('height:1.0833em;vertical-align:-0.25em;')).toBe('height: 1.0833em; vertical-align: -0.25em');
    expect(cleanStyle('width: calc(100% - 2em); -webkit-text-stroke: 1px red')).toBe(
      'width: calc(100% - 2em); -webkit-text-stroke: 1px red',
    );
  });

  it('drops what escapes the box or stacks above Cue, and keeps the rest of the style', () => {
    expect(cleanStyle('position:fixed;inset:0;z-index:99999;background:rgba(200,0,0,0.35)')).toBe(
      'inset: 0; background: rgba(200,0,0,0.35)',
    );
    expect(cleanStyle('POSITION: FIXED !IMPORTANT; color: red')).toBe('color: red');
    expect(cleanStyle('position: sticky; bottom: 0')).toBe('bottom: 0');
    expect(cleanStyle('position-anchor: --x; anchor-name: --x; position-area: bottom')).toBeNull();
  });

  it('drops every function that can fetch, and legacy script hooks', () => {
    for (const style of [
      'background:url(/xss-beacon/1)',
      "background-image: URL( '/x' )",
      "background-image:image-set('/x' 1x)",
      "background-image:-webkit-image-set('/x' 1x)",
      'list-style-image:url(x)',
      'cursor:url(x),auto',
      'border-image:url(x) 30',
      'mask-image:url(x)',
      'filter:url(#f)',
      'width:expression(alert(1))',
      'behavior:url(x.htc)',
      '-moz-binding:url(x.xml#x)',
      'background: var(--x, red)',
      '--surface: red',
      'background: cross-fade(red, blue)',
      'content: attr(data-x)',
    ]) {
      expect(cleanStyle(style), style).toBeNull();
    }
  });

  it('drops the whole style when escapes, comments, braces or at-rules could hide a declaration', () => {
    for (const style of [
      'position:f\\ixed;color:red',
      'background:u\\72l(/x);color:red',
      'position:/**/fixed;color:red',
      '@import url(/x);color:red',
      'color:red} body{background:url(/x)',
      'color: red\u0000; position: fixed',
    ]) {
      expect(cleanStyle(style), style).toBeNull();
    }
  });

  it('never lets url(), image-set(), fixed or sticky positions, z-index or an escape through, whatever the input', () => {
    const pieces = fc.constantFrom(
      'position',
      'fixed',
      'sticky',
      'z-index',
      'url',
      'image-set',
      '(',
      ')',
      ':',
      ';',
      '"',
      "'",
      '\\',
      '/*',
      '*/',
      ' ',
      '!important',
      'color',
      'red',
      'u',
      'rl',
      'background',
      '\n',
      '-',
      '%',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const clean = cleanStyle(parts.join(''));
        if (clean === null) return;
        expect(clean).not.toMatch(/url\s*\(|image-set\s*\(|\\/i);
        for (const declaration of clean.split('; ')) {
          const [name, value] = declaration.split(': ');
          expect(name).not.toBe('z-index');
          if (name === 'position') expect(value).toMatch(/^(static|relative|absolute)( !important)?$/i);
        }
        // what comes out reads back as the same declarations
        expect(cleanStyle(clean)).toBe(clean);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mediaFileName', () => {
  it('names a file of the media folder only for a plain file name with an extension', () => {
    expect(mediaFileName('honest.png')).toBe('honest.png');
    expect(mediaFileName('my%20picture.v2.JPG')).toBe('my picture.v2.JPG');
    expect(mediaFileName('日本語.mp3')).toBe('日本語.mp3');
    for (const src of [
      'x',
      '',
      '/xss-beacon/1',
      '../up.png',
      '..%2Fup.png',
      'a/b.png',
      'a\\b.png',
      '.hidden.png',
      'https://example.org/x.png',
      '//example.org/x.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'cue-media://media/x.png',
      '%E0%A4%A.png',
      '#x.png',
      '?x.png',
    ]) {
      expect(mediaFileName(src), src).toBeNull();
    }
  });
});

describe('linkVerdict', () => {
  it('opens absolute http, https and mailto links, with the full normalised address', () => {
    expect(linkVerdict(' https://example.org/cue/path?q=1&lang=en#part ')).toEqual({
      open: true,
      url: 'https://example.org/cue/path?q=1&lang=en#part',
    });
    expect(linkVerdict('mailto:someone@example.org')).toEqual({ open: true, url: 'mailto:someone@example.org' });
    // a look-alike international name shows as the punycode it really is
    expect(linkVerdict('http://exаmple.org/')).toEqual({ open: true, url: 'http://xn--exmple-4nf.org/' });
  });

  it('refuses other schemes and relative links, saying why and showing what the link is', () => {
    const tel = linkVerdict('tel:+15550100');
    expect(tel).toEqual({ open: false, shown: 'tel:+15550100', reason: expect.stringContaining('tel: link') });
    for (const href of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://example.org/']) {
      expect(linkVerdict(href).open, href).toBe(false);
    }
    for (const href of ['/api/decks.list', '?token=x', '#top', '//example.org/x', 'relative']) {
      expect(linkVerdict(href), href).toMatchObject({ open: false, reason: expect.stringContaining('not a full') });
    }
    const long = linkVerdict(`data:text/html,${'x'.repeat(5000)}`);
    expect(long.open === false && long.shown.length).toBe(2001);
  });
});

describe('dropCspTriggers', () => {
  it('takes event handlers and <base> out of tags and leaves everything else as it was', () => {
    expect(dropCspTriggers('<img src=x onerror="alert(1)">')).toBe('<img src=x>');
    expect(dropCspTriggers('<IMG SRC=x ONERROR=alert(1) alt=a>')).toBe('<IMG SRC=x alt=a>');
    expect(dropCspTriggers('<a href="https://x.org"onclick=\'y()\'/onmouseover=z>t</a>')).toBe(
      '<a href="https://x.org">t</a>',
    );
    expect(dropCspTriggers('<img title="a>b" onerror=x>')).toBe('<img title="a>b">');
    expect(dropCspTriggers('x<base href="https://example.org/">y<BASE/>z')).toBe('xyz');
    const honest = 'a < b, 2<3, <b title="on=1">bold</b> onclick=x <!-- <img onerror=x> --> &lt;img onerror&gt;';
    expect(dropCspTriggers(honest)).toBe(honest);
  });

  it('cleans quoted values the browser may read as markup (raw text, namespace confusion)', () => {
    expect(dropCspTriggers('<svg></p><style><a id="</style><img src=x onerror=alert(1)>">')).toBe(
      '<svg></p><style><a id="</style><img src=x>">',
    );
  });
});
