import { describe, expect, it } from 'vitest';
import { scopeCardCss } from '../../renderer/lib/card-css';

const ROOT = '[data-card-css="c1"]';
const IN = ':where(:scope, :scope *)';
const scope = (css: string) => scopeCardCss(css, ROOT);

/** The rules of a scoped stylesheet's @scope block, one a line. */
function scopedRules(out: string): string[] {
  const match = /@scope \(\[data-card-css="c1"\]\) \{\n([\s\S]*)\n\}$/.exec(out);
  return match ? match[1].split('\n') : [];
}

/**
 * Every brace in the output is structure (the input's are escaped), so counting them is parsing it:
 * what stands at the top level must be the @scope, a renamed @keyframes or a @font-face, and nothing
 * may close more than was opened.
 */
function topLevelPreludes(out: string): string[] {
  const preludes: string[] = [];
  let depth = 0;
  let text = '';
  for (const c of out) {
    if (c === '{') {
      if (depth === 0) preludes.push(text.trim());
      depth++;
      text = '';
    } else if (c === '}') {
      depth--;
      if (depth < 0) throw new Error(`a brace closes nothing in ${out}`);
      text = '';
    } else if (depth === 0) text += c;
  }
  expect(depth).toBe(0);
  expect(text.trim()).toBe('');
  return preludes;
}

function expectContained(out: string): void {
  for (const prelude of topLevelPreludes(out)) {
    expect(prelude).toMatch(/^(@scope \(\[data-card-css="c1"\]\)|@keyframes cue-card-[\w-]+|@font-face)$/);
  }
  expect(out).not.toContain('<');
}

describe('note-type CSS scoped to the card', () => {
  it('drops what would load from outside the computer, keeping data: and the collection’s own files', () => {
    const out = scope(
      '.a { background: url(https://x.test/y.png); color: red } ' +
        '@font-face { font-family: F; src: url("https://fonts.test/f.woff2") format("woff2"); font-weight: 400 } ' +
        '.b { background-image: url(//x.test/y.png) } .c { background: url( HTTP://X.TEST/z ) } ' +
        '.d { background: url(data:image/png;base64,AAAA) } .e { background: url("_paper.png") }',
    );
    expect(out).not.toMatch(/x\.test|fonts\.test|X\.TEST/);
    expect(out).toContain('color: red');
    expect(out).toContain('font-family: F');
    expect(out).toContain('url("data:image/png;base64,AAAA")');
    expect(out).toContain('url("_paper.png")');
    expectContained(out);
  });

  it("Anki's stock .card rule styles the card's root and what is inside it", () => {
    const out = scope('.card { font-family: arial; font-size: 20px; text-align: center; color: black; }');
    expect(scopedRules(out)).toEqual([
      `.card${IN} { font-family: arial; font-size: 20px; text-align: center; color: black; }`,
    ]);
  });

  it('* reaches only the card: the root and its descendants', () => {
    expect(scopedRules(scope('* {display:none}'))).toEqual([`*${IN} { display: none; }`]);
  });

  it('body, html and :root are the card root; what stood above them is dropped', () => {
    const out = scope(
      'body {background:red} :root { --x: 1 } html { font-size: 10px } html body .x, html > body.nightMode .cloze { color: blue }',
    );
    expect(scopedRules(out)).toEqual([
      ':scope { background: red; }',
      ':scope { --x: 1; }',
      ':scope { font-size: 10px; }',
      `:scope .x${IN}, :scope.nightMode .cloze${IN} { color: blue; }`,
    ]);
  });

  it('html .x means .x anywhere in the card, the root included', () => {
    expect(scopedRules(scope('html .card { color: red }'))).toEqual([`.card${IN} { color: red; }`]);
  });

  it('night mode rules find the classes on the root', () => {
    expect(scopedRules(scope('.nightMode .cloze { color: lightblue }'))).toEqual([
      `.nightMode${IN} .cloze${IN} { color: lightblue; }`,
    ]);
  });

  it('no combinator reaches outside: every part of a selector must be in the card', () => {
    expect(scopedRules(scope('.card ~ * { color: red } .card + p { color: red }'))).toEqual([
      `.card${IN} ~ *${IN} { color: red; }`,
      `.card${IN} + p${IN} { color: red; }`,
    ]);
    // a relative selector has nothing to stand on at the top level
    expect(scope('> p { color: red } ~ * { color: red }')).toBe('');
  });

  it('pseudo-elements stay last, the old one-colon ones too', () => {
    expect(
      scopedRules(scope('.a::before { content: "x" } .b:after { content: "y" } ::selection { color: red }')),
    ).toEqual([
      `.a${IN}::before { content: "x"; }`,
      `.b${IN}:after { content: "y"; }`,
      `${IN}::selection { color: red; }`,
    ]);
  });

  it('drops @import, @charset, @namespace, @property, @counter-style, @page and nested @scope', () => {
    const out = scope(
      '@import url(http://x/a.css); @import "b.css"; @charset "utf-8"; @namespace svg url(http://www.w3.org/2000/svg);' +
        '@property --bg { syntax: "<color>"; inherits: false; initial-value: red }' +
        '@counter-style decimal { system: cyclic; symbols: x } @page { margin: 0 } @scope (html) { * { color: red } }' +
        '.a { color: green }',
    );
    expectContained(out);
    expect(out).not.toMatch(/@(import|charset|namespace|property|counter-style|page)|url\(http/);
    expect(scopedRules(out)).toEqual([`.a${IN} { color: green; }`]);
  });

  it('keeps @media, @supports and @layer with their rules scoped', () => {
    const out = scope(
      '@media (max-width: 600px) { body { font-size: 12px } } @supports (display: grid) { .g { x: y } }',
    );
    expect(scopedRules(out)).toEqual([
      '@media (max-width: 600px) {',
      ':scope { font-size: 12px; }',
      '}',
      '@supports (display: grid) {',
      `.g${IN} { x: y; }`,
      '}',
    ]);
  });

  it('renames @keyframes, which name things for the whole page, and the animations that use them', () => {
    const out = scope('.s { animation: spin 1s infinite } @keyframes spin { from { opacity: 0 } to { opacity: 1 } }');
    expect(out.split('\n')[0]).toBe('@keyframes cue-card-spin { from { opacity: 0; } to { opacity: 1; } }');
    expect(scopedRules(out)).toEqual([`.s${IN} { animation: cue-card-spin 1s infinite; }`]);
    expectContained(out);
  });

  it('a } in the CSS cannot close the scope: the rule it stands in is dropped, as CSS drops it', () => {
    const out = scope('.a { color: red } } body { background: red } .b { color: blue }');
    expectContained(out);
    expect(scopedRules(out)).toEqual([`.a${IN} { color: red; }`, `.b${IN} { color: blue; }`]);
    const early = scope('} body { background: red } .x {');
    expectContained(early);
    expect(early).not.toContain('background');
  });

  it('braces inside strings, URLs, escapes and parentheses are escaped or kept inside their rule', () => {
    const out = scope(
      '.a::before { content: "}" } .b { background: url(data:x}y) } .c\\} { color: red } a:is(}) { color: red } .ok { color: green }',
    );
    expectContained(out);
    expect(scopedRules(out)).toEqual([
      `.a${IN}::before { content: "\\7d "; }`,
      `.b${IN} { background: url("data:x\\7d y"); }`,
      `.c\\7d${IN} { color: red; }`,
      `.ok${IN} { color: green; }`,
    ]);
  });

  it('</style> and markup in the CSS are never written back as markup', () => {
    const markup = scope('</style><script>alert(1)</script>\n.a { color: red }');
    expectContained(markup);
    // the markup is part of the rule's selector, which CSS then drops whole
    expect(scopedRules(markup)[0]).toMatch(/^\\3c \/style/);
    expect(scopedRules(scope('.b { content: "</style>" }'))).toEqual([`.b${IN} { content: "\\3c /style>"; }`]);
  });

  it('an unterminated string ends at its line, as CSS ends it, and what follows is still scoped', () => {
    const out = scope('.a { color: "open\n } body { background: red }');
    expectContained(out);
    expect(scopedRules(out)).toEqual([`.a${IN} {  }`, ':scope { background: red; }']);
  });

  it("a string's trailing backslash cannot escape the quote written after it", () => {
    const out = scope('.a { content: "x\\');
    expectContained(out);
    expect(scopedRules(out)).toEqual([`.a${IN} { content: "x"; }`]);
  });

  it('a rule left open at the end closes, as CSS closes it', () => {
    expect(scopedRules(scope('.x { color: red'))).toEqual([`.x${IN} { color: red; }`]);
  });

  it('nested rules inside a rule are dropped; its declarations stay', () => {
    expect(scopedRules(scope('.a { color: red; & ~ * { color: blue } }'))).toEqual([`.a${IN} { color: red; }`]);
  });

  it('empty and whitespace-only CSS give no stylesheet', () => {
    expect(scope('')).toBe('');
    expect(scope('  /* nothing */  ')).toBe('');
  });

  it('whatever the input, the output has only the scope, renamed keyframes and fonts at its top level', () => {
    const pieces = [
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      '"',
      "'",
      '\\',
      '/*',
      '*/',
      ';',
      ':',
      ',',
      'body',
      '*',
      '.card',
      ' ',
      '\n',
    ];
    pieces.push('@import x;', '@media', '@keyframes k', '@font-face', '</style>', 'url(', ')', 'color: red', '~', '+');
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 3000; run++) {
      let css = '';
      const length = 1 + Math.floor(random() * 40);
      for (let i = 0; i < length; i++) css += pieces[Math.floor(random() * pieces.length)];
      const out = scope(css);
      try {
        expectContained(out);
      } catch (error) {
        throw new Error(`for ${JSON.stringify(css)}: ${(error as Error).message}`);
      }
    }
  });
});
