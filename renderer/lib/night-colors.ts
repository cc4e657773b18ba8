/**
 * Night mode for imported cards: an Anki deck made for a white page colours its text dark (`color:#333`,
 * `<font color="navy">`) and its boxes light (`background:#ffffcc`), which on Cue's dark theme is dark text
 * on a dark page or light text (Cue's own) on a light box. As Anki's night mode does, the inline colours
 * are adjusted: a light background becomes a dark one of the same hue, and a text colour keeps its hue
 * but moves in lightness until it reads at WCAG's 4.5:1 against the background it is drawn on.
 * Colours that already read well, and values this reader does not know (`inherit`, gradients, var()), stay.
 */
import { NAMED_COLORS } from './css-named-colors';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A parsed colour, channels 0-255, alpha 0-1. */
export interface Rgba extends Rgb {
  a: number;
}

/** WCAG AA for body text. */
export const MIN_CONTRAST = 4.5;
/** The lightest surface the dark theme puts a card on (styles.css --surface), the worst case for dark text. */
export const DARK_BACKGROUND: Rgb = { r: 0x1f, g: 0x20, b: 0x23 };
/** The dark theme's text colour (styles.css --text), which a card's uncoloured text inherits. */
export const DARK_TEXT: Rgb = { r: 0xe4, g: 0xe3, b: 0xdf };

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTIONAL = /^(rgba?|hsla?)\(\s*([^()]*)\)$/i;

/** The colour a CSS value names, or null for anything else (keywords such as `inherit`, functions, typos). */
export function parseColor(value: string): Rgba | null {
  const text = value.trim().toLowerCase();
  const named = NAMED_COLORS[text];
  if (named) return parseHex(named);
  if (text === 'transparent') return null;
  if (HEX.test(text)) return parseHex(text.slice(1));
  const match = FUNCTIONAL.exec(text);
  if (!match) return null;
  const parts = match[2].split(/\s*[,/]\s*|\s+/).filter((p) => p !== '');
  if (parts.length !== 3 && parts.length !== 4) return null;
  const alpha = parts.length === 4 ? parseNumber(parts[3], 1) : 1;
  if (alpha === null) return null;
  const rgb = match[1].startsWith('rgb') ? parseRgb(parts) : parseHsl(parts);
  return rgb && { ...rgb, a: clamp(alpha, 0, 1) };
}

function parseHex(hex: string): Rgba {
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
  const channel = (i: number) => Number.parseInt(full.slice(i * 2, i * 2 + 2), 16);
  return { r: channel(0), g: channel(1), b: channel(2), a: full.length === 8 ? channel(3) / 255 : 1 };
}

/** A number, or a percentage of `percentOf`; null when it is neither. */
function parseNumber(text: string, percentOf: number): number | null {
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(%?)$/.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return match[2] ? (n / 100) * percentOf : n;
}

function parseRgb(parts: string[]): Rgb | null {
  const [r, g, b] = parts.slice(0, 3).map((p) => parseNumber(p, 255));
  if (r === null || g === null || b === null) return null;
  return { r: clamp(r, 0, 255), g: clamp(g, 0, 255), b: clamp(b, 0, 255) };
}

function parseHsl(parts: string[]): Rgb | null {
  const hue = /^([+-]?(?:\d+\.?\d*|\.\d+))(deg)?$/.exec(parts[0]);
  const s = parseNumber(parts[1], 1);
  const l = parseNumber(parts[2], 1);
  if (!hue || s === null || l === null || !parts[1].endsWith('%') || !parts[2].endsWith('%')) return null;
  return hslToRgb({ h: Number(hue[1]), s: clamp(s, 0, 1), l: clamp(l, 0, 1) });
}

interface Hsl {
  h: number;
  s: number;
  l: number;
}

function hslToRgb({ h, s, l }: Hsl): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => 255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1)));
  return { r: f(0), g: f(8), b: f(4) };
}

function rgbToHsl({ r, g, b }: Rgb): Hsl {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  let h = max === rn ? ((gn - bn) / d) % 6 : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  h *= 60;
  return { h: h < 0 ? h + 360 : h, s, l };
}

/** WCAG 2 relative luminance. */
export function luminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour with alpha as it looks over an opaque background. */
export function composite(top: Rgba, under: Rgb): Rgb {
  const mix = (t: number, u: number) => t * top.a + u * (1 - top.a);
  return { r: mix(top.r, under.r), g: mix(top.g, under.g), b: mix(top.b, under.b) };
}

/** Rounded to whole channels, as the hex the card will carry. */
function rounded({ r, g, b }: Rgb): Rgb {
  return { r: Math.round(r), g: Math.round(g), b: Math.round(b) };
}

export function toHex(color: Rgb): string {
  const { r, g, b } = rounded(color);
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour with the same hue and saturation and the lightness nearest its own (searched towards `target`
 * lightness, 0 or 1) that makes `fits` true; the far end when nothing nearer does.
 */
function shiftLightness(color: Rgb, target: 0 | 1, fits: (c: Rgb) => boolean): Rgb {
  const hsl = rgbToHsl(color);
  const at = (l: number) => rounded(hslToRgb({ ...hsl, l }));
  let near = hsl.l;
  let far: number = target;
  if (!fits(at(far))) return at(far);
  for (let i = 0; i < 24; i++) {
    const mid = (near + far) / 2;
    if (fits(at(mid))) far = mid;
    else near = mid;
  }
  return at(far);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/**
 * A text colour readable on `background` (already opaque): null when the value is no colour this reader
 * knows or already reads at 4.5:1, else the adjusted colour. It moves towards white on a dark background.
 */
export function nightTextColor(value: string, background: Rgb): Rgb | null {
  const color = parseColor(value);
  if (!color || color.a === 0) return null;
  const seen = composite(color, background);
  const fits = (c: Rgb) => contrastRatio(c, background) >= MIN_CONTRAST;
  if (fits(rounded(seen))) return null;
  const towards =
    contrastRatio({ r: 255, g: 255, b: 255 }, background) >= contrastRatio({ r: 0, g: 0, b: 0 }, background);
  return shiftLightness(seen, towards ? 1 : 0, fits);
}

/**
 * A background colour over `under` (the background it sits on) that the dark theme's text reads on:
 * null when the value is no known colour or the theme's text already reads on it, else a dark colour of
 * the same hue (lightness mirrored, as inverting would, then darkened until the text reads at 4.5:1).
 */
export function nightBackgroundColor(value: string, under: Rgb): Rgb | null {
  const color = parseColor(value);
  if (!color || color.a === 0) return null;
  const seen = composite(color, under);
  const fits = (c: Rgb) => contrastRatio(DARK_TEXT, c) >= MIN_CONTRAST;
  if (fits(rounded(seen))) return null;
  const hsl = rgbToHsl(seen);
  const mirrored = rounded(hslToRgb({ ...hsl, l: 1 - hsl.l }));
  return fits(mirrored) ? mirrored : shiftLightness(mirrored, 0, fits);
}

/** What night mode makes of one element's inline colours. */
export interface NightStyle {
  /** The rewritten style attribute (the same text when nothing changed). */
  style: string;
  /** The opaque background the element's content is drawn on, for its children. */
  background: Rgb;
}

const BACKGROUND_PROPERTIES = new Set(['background', 'background-color']);

/**
 * A style attribute as card-style.ts leaves it (`name: value` declarations joined by `;`, no `;` inside a
 * value) with its colours adjusted for night mode over `under`. A `background` shorthand changes only
 * when its one layer is a colour with at most keywords and sizes beside it: under a gradient or an image
 * the colour is not what the text is drawn on, so such a background stays as written.
 */
export function nightStyle(style: string, under: Rgb): NightStyle {
  const declarations = style.split(';').map(splitDeclaration);
  let background = under;
  for (const d of declarations) {
    if (!d || !BACKGROUND_PROPERTIES.has(d.name)) continue;
    const tokens = d.name === 'background' ? plainLayer(d.value) : [d.value];
    const at = tokens?.findIndex((t) => parseColor(t) !== null) ?? -1;
    if (!tokens || at < 0) continue;
    const adjusted = nightBackgroundColor(tokens[at], background);
    if (adjusted) tokens[at] = toHex(adjusted);
    d.value = tokens.join(' ');
    background = adjusted ?? composite(parseColor(tokens[at]) as Rgba, background);
  }
  for (const d of declarations) {
    if (d?.name !== 'color') continue;
    const adjusted = nightTextColor(d.value, background);
    if (adjusted) d.value = toHex(adjusted);
  }
  const text = declarations.flatMap((d) => (d ? [`${d.name}: ${d.value}${d.important}`] : [])).join('; ');
  return { style: text, background };
}

/** The words of a one-layer background without functions other than a colour's own; null otherwise. */
function plainLayer(value: string): string[] | null {
  const tokens = value.trim().split(/\s+(?![^(]*\))/);
  const image = (t: string) => t.includes('(') && parseColor(t) === null;
  if (tokens.some(image) || tokens.some((t) => t.includes(',') && parseColor(t) === null)) return null;
  return tokens;
}

interface Declaration {
  name: string;
  value: string;
  important: string;
}

function splitDeclaration(text: string): Declaration | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const raw = text.slice(colon + 1).trim();
  const important = /\s*!important$/i.exec(raw);
  return {
    name: text.slice(0, colon).trim().toLowerCase(),
    value: important ? raw.slice(0, important.index) : raw,
    important: important ? ' !important' : '',
  };
}
