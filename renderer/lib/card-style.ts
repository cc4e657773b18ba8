/**
 * A card's `style` attribute, cut down to what cannot leave the card's box or fetch anything. Anki cards
 * use inline styles for colours, fonts, alignment and tables, and those stay; what goes is stacking above
 * Cue (z-index), fixed and sticky positioning, every CSS function that loads a resource (url(),
 * image-set() and the rest: only the functions listed below are kept) and legacy script hooks.
 *
 * The result is rebuilt from the declarations that passed, never the text as given, so the browser reads
 * exactly what was checked. Anything this reader cannot be sure of (escapes, comments, braces, at-rules)
 * drops the whole attribute.
 */

/** CSS functions that compute a value from their arguments and load nothing. */
const SAFE_FUNCTIONS = new Set([
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'color',
  'color-mix',
  'calc',
  'min',
  'max',
  'clamp',
  'linear-gradient',
  'radial-gradient',
  'conic-gradient',
  'repeating-linear-gradient',
  'repeating-radial-gradient',
  'repeating-conic-gradient',
  'translate',
  'translatex',
  'translatey',
  'rotate',
  'scale',
  'scalex',
  'scaley',
  'skew',
  'skewx',
  'skewy',
  'matrix',
  'cubic-bezier',
  'steps',
  'blur',
  'brightness',
  'contrast',
  'drop-shadow',
  'grayscale',
  'hue-rotate',
  'invert',
  'opacity',
  'saturate',
  'sepia',
  'minmax',
  'repeat',
  'fit-content',
]);

/**
 * Properties that stack content above Cue or tie it to something outside the card (anchor positioning),
 * and the old script hooks of IE and Firefox.
 */
const BLOCKED_PROPERTY =
  /^(z-index|behavior|-ms-behavior|-moz-binding|anchor-name|anchor-scope|position-.+|inset-area)$/;

/** `position` values that stay inside the card: its box is the containing block of absolute children. */
const CONTAINED_POSITIONS = new Set(['static', 'relative', 'absolute']);

/** Characters a style may hold at all; a backslash (a CSS escape), braces, `@`, `<`, `;` inside values… are out. */
const UNSURE = /[\\{}@<>]|\/\*|\*\//;
/** Control characters other than the white space a style written over several lines has. */
const CONTROL = /(?![\t\n\r\f])\p{Cc}/u;
const DECLARATION = /^\s*([a-zA-Z-]+)\s*:\s*([\s\S]*?)\s*$/;
const VALUE_CHARACTERS = /^[\p{L}\p{N}\s#%.,+\-*/()'"!_]*$/u;
const FUNCTION_NAME = /([a-zA-Z_-][a-zA-Z0-9_-]*)\s*\(/g;
const IMPORTANT = /\s*!\s*important$/i;

/** The style with only the declarations that keep content in its box and load nothing; null when none. */
export function cleanStyle(style: string): string | null {
  if (UNSURE.test(style) || CONTROL.test(style)) return null;
  const kept: string[] = [];
  for (const part of style.split(';')) {
    if (part.trim() === '') continue;
    const declaration = cleanDeclaration(part);
    if (declaration) kept.push(declaration);
  }
  return kept.length > 0 ? kept.join('; ') : null;
}

function cleanDeclaration(text: string): string | null {
  const match = DECLARATION.exec(text);
  if (!match) return null;
  const name = match[1].toLowerCase();
  // Vendor prefixes (-webkit-…) pass; custom properties (--x) do not: they exist to be read by var().
  if (name.startsWith('-') && !/^-[a-z]+-[a-z]/.test(name)) return null;
  if (BLOCKED_PROPERTY.test(name)) return null;
  const important = IMPORTANT.test(match[2]);
  const value = match[2].replace(IMPORTANT, '').trim();
  if (value === '' || !VALUE_CHARACTERS.test(value) || value.includes('!') || !balanced(value)) return null;
  for (const [, fn] of value.matchAll(FUNCTION_NAME)) {
    if (!SAFE_FUNCTIONS.has(fn.toLowerCase())) return null;
  }
  if (name === 'position' && !CONTAINED_POSITIONS.has(value.toLowerCase())) return null;
  return `${name}: ${value}${important ? ' !important' : ''}`;
}

/** Quotes paired and parentheses nested properly, so a value cannot run on into the next declaration. */
function balanced(value: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (const c of value) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0 && quote === null;
}
