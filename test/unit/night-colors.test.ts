import { describe, expect, it } from 'vitest';
import {
  composite,
  contrastRatio,
  DARK_BACKGROUND,
  DARK_TEXT,
  MIN_CONTRAST,
  nightBackgroundColor,
  nightStyle,
  nightTextColor,
  parseColor,
  type Rgb,
  type Rgba,
  toHex,
} from '../../renderer/lib/night-colors';

const hex = (value: string): Rgba => {
  const color = parseColor(value);
  if (!color) throw new Error(`not a colour: ${value}`);
  return color;
};

/** Hue of an opaque colour in degrees, for "keeps the hue" (undefined for greys). */
function hue({ r, g, b }: Rgb): number | undefined {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 1) return undefined;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('parseColor', () => {
  it.each([
    ['#333', { r: 0x33, g: 0x33, b: 0x33, a: 1 }],
    ['#1f2023', { r: 0x1f, g: 0x20, b: 0x23, a: 1 }],
    ['#ffffcc80', { r: 255, g: 255, b: 0xcc, a: 0x80 / 255 }],
    ['navy', { r: 0, g: 0, b: 0x80, a: 1 }],
    ['DarkSlateGray', { r: 0x2f, g: 0x4f, b: 0x4f, a: 1 }],
    ['rgb(10, 20, 30)', { r: 10, g: 20, b: 30, a: 1 }],
    ['rgba(0,0,0,0.5)', { r: 0, g: 0, b: 0, a: 0.5 }],
    ['rgb(100% 0% 0% / 25%)', { r: 255, g: 0, b: 0, a: 0.25 }],
    ['hsl(120, 100%, 25%)', { r: 0, g: 127.5, b: 0, a: 1 }],
    ['hsla(0deg 0% 100% / 1)', { r: 255, g: 255, b: 255, a: 1 }],
  ])('reads %s', (value, expected) => {
    expect(parseColor(value)).toEqual(expected);
  });

  it.each(['transparent', 'inherit', 'currentColor', 'var(--x)', '#12', 'rgb(1,2)', 'hsl(1, 2, 3)', 'bleu', ''])(
    'knows no colour in %j',
    (value) => {
      expect(parseColor(value)).toBeNull();
    },
  );
});

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself, either way round', () => {
    expect(contrastRatio(hex('#000'), hex('#fff'))).toBeCloseTo(21, 5);
    expect(contrastRatio(hex('#fff'), hex('#000'))).toBeCloseTo(21, 5);
    expect(contrastRatio(hex('#777'), hex('#777'))).toBe(1);
  });
});

describe('nightTextColor', () => {
  // Dark text a deck made for a white page uses, each unreadable on the dark theme's background.
  const darkTexts = ['#333', '#000000', 'black', 'navy', 'rgb(51, 51, 51)', 'hsl(240, 100%, 25%)', 'darkred', '#555'];

  it.each(darkTexts)('lifts %s to at least 4.5:1 on the dark background, keeping its hue', (value) => {
    const before = contrastRatio(hex(value), DARK_BACKGROUND);
    expect(before).toBeLessThan(MIN_CONTRAST);
    const after = nightTextColor(value, DARK_BACKGROUND);
    expect(after).not.toBeNull();
    expect(contrastRatio(after as Rgb, DARK_BACKGROUND)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    const [h0, h1] = [hue(hex(value)), hue(after as Rgb)];
    if (h0 === undefined) expect(h1).toBeUndefined();
    else expect(Math.abs((h1 ?? Number.NaN) - h0)).toBeLessThan(3);
  });

  it('moves no further than it needs to: just over 4.5:1, not to white', () => {
    const after = nightTextColor('navy', DARK_BACKGROUND) as Rgb;
    expect(contrastRatio(after, DARK_BACKGROUND)).toBeLessThan(5);
    expect(toHex(after)).not.toBe('#ffffff');
  });

  it('reads a half-transparent colour as it shows over the background', () => {
    const after = nightTextColor('rgba(0, 0, 0, 0.5)', DARK_BACKGROUND) as Rgb;
    expect(contrastRatio(after, DARK_BACKGROUND)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('darkens instead on a light background that stayed light', () => {
    const light = hex('#f0f0f0');
    const after = nightTextColor('#bbbbbb', light) as Rgb;
    expect(contrastRatio(after, light)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(after.r).toBeLessThan(0xbb);
  });

  it.each(['#ffffff', '#e4e3df', 'yellow', 'rgb(111, 168, 255)', 'lightgreen'])(
    'leaves %s, already readable',
    (value) => {
      expect(contrastRatio(hex(value), DARK_BACKGROUND)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(nightTextColor(value, DARK_BACKGROUND)).toBeNull();
    },
  );

  it.each(['transparent', 'inherit', 'initial', 'currentcolor', 'not-a-colour', 'rgba(0,0,0,0)'])(
    'leaves %s alone',
    (value) => {
      expect(nightTextColor(value, DARK_BACKGROUND)).toBeNull();
    },
  );
});

describe('nightBackgroundColor', () => {
  it.each(['white', '#fff', '#ffffcc', 'lightyellow', 'rgb(238, 242, 255)', 'hsl(200, 80%, 90%)', '#c0c0c0'])(
    'turns light %s dark enough for the theme text to read at 4.5:1',
    (value) => {
      expect(contrastRatio(DARK_TEXT, hex(value))).toBeLessThan(MIN_CONTRAST);
      const after = nightBackgroundColor(value, DARK_BACKGROUND) as Rgb;
      expect(after).not.toBeNull();
      expect(contrastRatio(DARK_TEXT, after)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    },
  );

  it('keeps the hue of a tinted box (#ffffcc stays yellowish)', () => {
    const after = nightBackgroundColor('#ffffcc', DARK_BACKGROUND) as Rgb;
    expect(hue(after)).toBeCloseTo(60, 0);
  });

  it('leaves dark and faint backgrounds, on which the theme text already reads', () => {
    expect(nightBackgroundColor('#000', DARK_BACKGROUND)).toBeNull();
    expect(nightBackgroundColor('#1a2b3c', DARK_BACKGROUND)).toBeNull();
    // a 10% tint over the dark page is still dark
    expect(nightBackgroundColor('rgba(13, 71, 161, 0.1)', DARK_BACKGROUND)).toBeNull();
  });

  it.each(['transparent', 'inherit', 'none', 'linear-gradient(#fff, #eee)'])('leaves %s alone', (value) => {
    expect(nightBackgroundColor(value, DARK_BACKGROUND)).toBeNull();
  });
});

describe('nightStyle', () => {
  it('darkens the box and lifts the text drawn on it, and passes the box to the children', () => {
    const night = nightStyle('background-color: #ffffff; color: #333333; font-weight: bold', DARK_BACKGROUND);
    const [, bg, fg] = /background-color: (#\w+); color: (#\w+); font-weight: bold$/.exec(night.style) ?? [];
    expect(bg).toBeDefined();
    expect(toHex(night.background)).toBe(bg);
    expect(contrastRatio(hex(fg), hex(bg))).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(DARK_TEXT, hex(bg))).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('keeps !important and every other declaration as written', () => {
    const night = nightStyle('color: navy !important; text-align: center', DARK_BACKGROUND);
    expect(night.style).toMatch(/^color: #[0-9a-f]{6} !important; text-align: center$/);
    expect(night.background).toBe(DARK_BACKGROUND);
  });

  it('measures text against the background it sits on, its own or the one passed down', () => {
    const box = hex('#3a3a00');
    const night = nightStyle('color: #666600', box);
    const color = hex(/color: (#\w+)/.exec(night.style)?.[1] ?? '');
    expect(contrastRatio(color, box)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('takes a half-transparent background as it shows over the one below', () => {
    const night = nightStyle('background: rgba(255, 255, 255, 0.05)', DARK_BACKGROUND);
    expect(night.style).toBe('background: rgba(255, 255, 255, 0.05)');
    expect(night.background).toEqual(composite(hex('rgba(255, 255, 255, 0.05)'), DARK_BACKGROUND));
  });

  it('changes nothing in a style that reads already or has no colour it knows', () => {
    const styles = ['color: #ffffff', 'background: linear-gradient(#fff, #eee); color: inherit', 'font-size: 22px'];
    for (const style of styles) expect(nightStyle(style, DARK_BACKGROUND).style).toBe(style);
  });
});

describe('nightStyle on the background shorthand', () => {
  it('adjusts the colour of a one-layer shorthand and keeps its other words', () => {
    const night = nightStyle('background: #ffffcc no-repeat; color: #333', DARK_BACKGROUND);
    const [, bg, fg] = /^background: (#\w+) no-repeat; color: (#\w+)$/.exec(night.style) ?? [];
    expect(contrastRatio(DARK_TEXT, hex(bg))).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(hex(fg), hex(bg))).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('reads rgb() with spaces inside as one word', () => {
    const night = nightStyle('background: rgb(255, 255, 255) padding-box', DARK_BACKGROUND);
    expect(night.style).toMatch(/^background: #[0-9a-f]{6} padding-box$/);
    expect(contrastRatio(DARK_TEXT, night.background)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it.each([
    'background: #fff linear-gradient(#fff, #eee)',
    'background: linear-gradient(rgb(255, 255, 255), #eee) #fff',
    'background: #fff, #eee',
  ])('leaves %s, whose colour is not what the text is drawn on', (style) => {
    const night = nightStyle(style, DARK_BACKGROUND);
    expect(night.style).toBe(style);
    expect(night.background).toBe(DARK_BACKGROUND);
  });
});
