/**
 * The hostile deck of test/fixtures/xss/ and the checks run wherever its cards show: what a card may have
 * become in the page (nothing that runs, fetches or escapes its box) and whether Cue's controls still get
 * the clicks meant for them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { DeckSummary } from '../../shared/domain';
import type { CardDetail, CardSearchResult } from '../../shared/search';
import { callHost, REPO_ROOT, type RunningHost } from '../helpers/cue-process';

const CORPUS = join(REPO_ROOT, 'test', 'fixtures', 'xss');
export const CORPUS_DECK = 'XSS corpus';

export interface Corpus {
  deckId: number;
  /** In deck order, which is the order study shows new cards in. */
  cards: CardDetail[];
}

/** Imports the corpus deck through the API, with the one media file its honest cards show. */
export async function importXssCorpus(host: RunningHost): Promise<Corpus> {
  const image = readFileSync(join(CORPUS, 'honest.png')).toString('base64');
  await callHost(host, 'media.add', { name: 'honest.png', dataBase64: image });
  const deck = readFileSync(join(CORPUS, 'xss-corpus.md')).toString('base64');
  const { upload } = await callHost<{ upload: string }>(host, 'files.upload', {
    name: 'xss-corpus.md',
    dataBase64: deck,
  });
  await callHost(host, 'import.apply', { upload });
  const decks = await callHost<DeckSummary[]>(host, 'decks.list');
  const imported = decks.find((d) => d.name === CORPUS_DECK);
  if (!imported) throw new Error(`the import made no deck called ${CORPUS_DECK}`);
  // Every card in one session: a new card a day limit would stop the walk at 20.
  await callHost(host, 'decks.setOptions', { deckId: imported.id, newPerDay: 9999 });
  const found = await callHost<CardSearchResult>(host, 'cards.search', {
    query: `deck:"${CORPUS_DECK}"`,
    limit: 500,
  });
  const cards = await Promise.all(
    found.cards.map((row) => callHost<CardDetail>(host, 'cards.get', { cardId: row.id })),
  );
  return { deckId: imported.id, cards };
}

/**
 * Collects every way a card could reach out of the page while the test runs: a request to another
 * origin or to the beacon path on Cue's own host, a JavaScript dialog, a popup, a navigation, a frame.
 */
export function watchForEscapes(page: Page, origin: string): string[] {
  const escapes: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:') return;
    if (url.origin !== origin) escapes.push(`request to another origin: ${request.url()}`);
    else if (url.pathname.startsWith('/xss-beacon')) escapes.push(`beacon request: ${url.pathname}`);
  });
  page.on('dialog', (dialog) => {
    escapes.push(`${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('popup', (popup) => escapes.push(`popup: ${popup.url()}`));
  page.on('frameattached', (frame) => escapes.push(`frame attached: ${frame.url()}`));
  page.on('framenavigated', (frame) => {
    const url = new URL(frame.url());
    if (frame === page.mainFrame() && url.origin === origin && url.pathname === '/') return;
    escapes.push(`navigation to ${frame.url()}`);
  });
  return escapes;
}

export interface PageCheck {
  /** Everything wrong on the page; empty when the cards are inert and contained and the controls free. */
  problems: string[];
  /** The centre of the element a step clicks next, once it is known to get the click. */
  target: { x: number; y: number } | null;
}

/** A state of the page to wait for: how many elements carry `testId`, or text the first one contains. */
export interface Shown {
  testId: string;
  count?: number;
  text?: string;
}

interface Probe {
  check(controls: string, cardsShown: boolean, target?: string): PageCheck;
  show(hash: string, testId: string): Promise<void>;
  until(states: Shown[]): Promise<void>;
}

declare global {
  interface Window {
    cueXssProbe?: Probe;
  }
}

/**
 * Puts the checks into the page, once per page load, so each step is one round trip. `check` looks at the
 * rendered cards (what they still carry, the containment of their boxes), at the page (the sentinel, the
 * title, a <base>), and at Cue's controls matching `controls`: each must get a click at its centre, and no
 * part of a card may be painted over their bars. The hit tests run with every card element made clickable,
 * since pointer-events: none would otherwise let an overlay that is painted over a control through.
 * `show` goes to a route in the same page load and waits for the newly mounted screen to show `testId`.
 */
export function installProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const HTML = 'http://www.w3.org/1999/xhtml';
    const FORBIDDEN =
      'script, style, iframe, frame, object, embed, base, meta, link, form, input, button, textarea, select, ' +
      'dialog, image, use, feImage, foreignObject, annotation-xml, maction';
    const BAD_STYLE = /url\s*\(|image-set|expression\s*\(|position\s*:\s*(fixed|sticky)|z-index|behavior|binding|\\|@/i;
    const BAD_ATTRIBUTES = [
      'srcset',
      'ping',
      'formaction',
      'action',
      'background',
      'popover',
      'autofocus',
      'data-testid',
    ];
    const tagOf = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}>`;
    const classOf = (el: Element) => `${el.localName}.${[...el.classList].join('.')}`;

    function cardProblems(cardsShown: boolean): string[] {
      const problems: string[] = [];
      const boxes = [...document.querySelectorAll('.card-content')];
      if (cardsShown && boxes.length === 0) problems.push('no card content on the page');
      for (const box of boxes) {
        const style = getComputedStyle(box);
        if (!/layout/.test(style.contain) || !/paint/.test(style.contain))
          problems.push(`contain is "${style.contain}"`);
        if (!/^(hidden|clip)$/.test(style.overflow)) problems.push(`overflow is "${style.overflow}"`);
        if (style.isolation !== 'isolate') problems.push(`isolation is "${style.isolation}"`);
        if (style.position !== 'relative') problems.push(`position is "${style.position}"`);
        for (const el of box.querySelectorAll('*')) problems.push(...elementProblems(el));
      }
      if ('__xss' in window) problems.push(`window.__xss is ${String((window as { __xss?: unknown }).__xss)}`);
      if (document.title !== 'Cue') problems.push(`document.title is "${String(document.title)}"`);
      if (document.querySelector('base')) problems.push('a <base> element is in the document');
      return problems;
    }

    function elementProblems(el: Element): string[] {
      const problems: string[] = [];
      if (el.matches(FORBIDDEN)) problems.push(`${tagOf(el)} survived`);
      const position = getComputedStyle(el).position;
      if (position === 'fixed' || position === 'sticky') problems.push(`${tagOf(el)} is position: ${position}`);
      for (const { name, value } of el.attributes) {
        const where = `${tagOf(el)} ${name}="${value.slice(0, 60)}"`;
        if (name.startsWith('on')) problems.push(`event handler ${where}`);
        else if (BAD_ATTRIBUTES.includes(name) || name === 'contenteditable') problems.push(`attribute ${where}`);
        else if (name === 'style' && BAD_STYLE.test(value)) problems.push(`style ${where}`);
        else if (/href$/.test(name) && el.namespaceURI !== HTML) problems.push(`SVG/MathML link ${where}`);
        else if (/href$/.test(name) && /^\s*(javascript|vbscript|data):/i.test(value)) problems.push(`link ${where}`);
        else if ((name === 'src' || name === 'poster') && !/^(media\/[^/?]+\?token=|data:image\/)/.test(value)) {
          problems.push(`source outside the media folder ${where}`);
        } else if (/url\s*\(/i.test(value) && name !== 'href' && name !== 'alt' && name !== 'title') {
          problems.push(`url() in ${where}`);
        }
      }
      return problems;
    }

    function controlProblems(selector: string): string[] {
      const problems: string[] = [];
      const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter(
        (el) => el.offsetParent !== null && !el.closest('.card-content'),
      );
      if (controls.length === 0) problems.push(`no control matches ${selector}`);
      const bars = new Set<Element>();
      for (const control of controls) {
        const r = control.getBoundingClientRect();
        const label = control.textContent?.trim().slice(0, 30) || classOf(control);
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !control.contains(hit)) problems.push(`"${label}" is covered by ${hit ? classOf(hit) : 'nothing'}`);
        bars.add(control.closest('header, footer') ?? control);
      }
      for (const bar of bars) {
        const b = bar.getBoundingClientRect();
        for (let x = b.left + 4; x < b.right; x += 40) {
          for (let y = b.top + 2; y < b.bottom; y += 12) {
            if (document.elementFromPoint(x, y)?.closest('.card-content')) {
              problems.push(`card content is painted over ${classOf(bar)}`);
            }
          }
        }
      }
      return problems;
    }

    function centreOf(selector: string | undefined): PageCheck['target'] {
      const el = selector ? document.querySelector(selector) : null;
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }

    /** Settles on the DOM change that makes `ready` true (at once if it is), or fails after 10 s without one. */
    function settle(ready: () => boolean, what: string, start?: () => void): Promise<void> {
      return new Promise((resolve, reject) => {
        const done = () => {
          if (!ready()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        };
        const observer = new MutationObserver(done);
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the page never reached ${what}`));
        }, 10_000);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        start?.();
        done();
      });
    }

    window.cueXssProbe = {
      check(controls, cardsShown, target) {
        const clickable = document.createElement('style');
        clickable.textContent = '.card-content, .card-content * { pointer-events: auto !important; }';
        document.head.append(clickable);
        try {
          const problems = [...cardProblems(cardsShown), ...controlProblems(controls)];
          return { problems: [...new Set(problems)], target: centreOf(target) };
        } finally {
          clickable.remove();
        }
      },
      show(hash, testId) {
        const old = document.querySelector('main');
        const shown = () => {
          const found = document.querySelector(`[data-testid="${testId}"]`);
          return found !== null && !old?.contains(found);
        };
        return settle(shown, `${hash} showing ${testId}`, () => {
          location.hash = hash;
        });
      },
      until(states) {
        const reached = () =>
          states.every(({ testId, count, text }) => {
            const found = document.querySelectorAll(`[data-testid="${testId}"]`);
            if (count !== undefined && found.length !== count) return false;
            return text === undefined || (found[0]?.textContent ?? '').includes(text);
          });
        return settle(reached, JSON.stringify(states));
      },
    };
  });
}

interface CheckOptions {
  /** The screen shows card content (the browser shows questions only as text). */
  cardsShown?: boolean;
  /** The element to return the centre of, for the click that follows. */
  target?: string;
  /** Wait for these first (see Shown). */
  when?: Shown[];
}

/** The page once it shows `when` (see installProbe), with the centre of `target` for the click that follows. */
export function checkPage(page: Page, controls: string, options: CheckOptions = {}): Promise<PageCheck> {
  return page.evaluate(
    async ([selector, shown, target, when]) => {
      if (!window.cueXssProbe) throw new Error('installProbe(page) first, after the page loads');
      await window.cueXssProbe.until(when);
      return window.cueXssProbe.check(selector, shown, target);
    },
    [controls, options.cardsShown ?? true, options.target, options.when ?? []] as const,
  );
}

/** Goes to `hash` in the same page load, waits for `testId` on the new screen, then checks the page. */
export function showAndCheck(page: Page, hash: string, testId: string, controls: string): Promise<PageCheck> {
  return page.evaluate(
    async ([route, id, selector]) => {
      if (!window.cueXssProbe) throw new Error('installProbe(page) first, after the page loads');
      await window.cueXssProbe.show(route, id);
      return window.cueXssProbe.check(selector, true);
    },
    [hash, testId, controls] as const,
  );
}
