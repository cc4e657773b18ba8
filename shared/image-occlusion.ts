/**
 * Anki's Image Occlusion notes, drawn without Anki's script. The note's Occlusion field holds one cloze
 * per mask, `{{c1::image-occlusion:rect:left=.2:top=.3:width=.1:height=.1:oi=1}}`; Anki's reviewer
 * (ts/routes/image-occlusion/review.ts) paints them on a canvas over the image. Here they become an SVG
 * laid over the image whose viewBox is the image itself (0 0 1 1, stretched with it), so the masks stay
 * on what they hide at any size. What is drawn follows rslib's render_image_occlusion: on the question the
 * card's own masks are "active" and the note's other masks show only on hide-all-guess-one notes
 * (`oi=1`); on the answer the card's masks turn into outlines; masks numbered 0 (Anki's text labels)
 * show on every card.
 */

export type OcclusionShape = RectShape | EllipseShape | PolygonShape | TextShape;

interface ShapeBase {
  /** Hide all, guess one: the note's other masks cover their parts on this shape's cards too. */
  occludeInactive: boolean;
}

/** Positions and sizes are fractions of the image's width (x) and height (y). */
export interface RectShape extends ShapeBase {
  kind: 'rect';
  left: number;
  top: number;
  width: number;
  height: number;
  /** Degrees clockwise about the top-left corner, as Anki's editor rotates. */
  angle: number;
}

export interface EllipseShape extends ShapeBase {
  kind: 'ellipse';
  left: number;
  top: number;
  rx: number;
  ry: number;
  angle: number;
}

export interface PolygonShape extends ShapeBase {
  kind: 'polygon';
  points: { x: number; y: number }[];
}

export interface TextShape extends ShapeBase {
  kind: 'text';
  left: number;
  top: number;
  text: string;
  /** Font size as a fraction of the image's height, scale included. */
  fontSize: number;
  angle: number;
}

/** One cloze of the field: its shape and the cloze numbers it belongs to (`{{c1,2::…}}` has two). */
export interface OcclusionMask {
  ordinals: number[];
  shape: OcclusionShape;
}

export interface ParsedOcclusions {
  /** The drawable masks in field order, the order Anki paints them in. */
  masks: OcclusionMask[];
  /** Shapes by cloze ordinal; a shape in `{{c1,2::…}}` is under both. 0 holds masks shown on every card. */
  byOrdinal: Map<number, OcclusionShape[]>;
  /** Why shapes were left out or drawn differently, each naming the shape ("mask 3 (rect)"). */
  notes: string[];
}

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * More masks than a drawn note has; beyond it a field is input to refuse, not to draw. Each card draws
 * every mask of its note, so a note's output grows with the square of this.
 */
export const MAX_OCCLUSION_SHAPES = 100;
export const MAX_POLYGON_POINTS = 500;
export const MAX_LABEL_LENGTH = 1000;
/** Anki's editor has no mask this far outside the image (fractions). */
const MAX_EXTENT = 10;
/** Anki's default label size (40px) on a typical 800px-high canvas, for labels saved without `fs`. */
const DEFAULT_FONT_FRACTION = 0.05;
/** Anki draws a label's lines 1.5 times the height of an "M" apart, about 1.07em in Arial. */
const LINE_SPACING = 1.07;
/** Anki stores angles in steps of 1/10000 of a turn. */
const ANGLE_STEPS = 10000;
/** Before Anki stored fractions, masks were pixels on a canvas of at most a million pixels. */
const LEGACY_CANVAS_PIXELS = 1_000_000;
/** Any coordinate above this means the note is in pixels (fractions of a mask in the image stay near 1). */
const PIXEL_THRESHOLD = 2;

const OPEN = /\{\{c([\d,]+)::image-occlusion:/y;

interface RawShape {
  /** 1-based position in the field, for notes. */
  index: number;
  ordinals: number[];
  kind: string;
  props: Map<string, string>;
}

/** The Occlusion field's masks by ordinal. Never throws; whatever cannot be drawn is named in `notes`. */
export function parseOcclusions(field: string, imageSize?: ImageSize): ParsedOcclusions {
  const notes: string[] = [];
  const read = scanClozes(field, notes).flatMap((raw) => {
    const shape = toShape(raw, notes);
    return shape ? [{ raw, shape }] : [];
  });
  const scale = coordinateScale(
    read.map((r) => r.shape),
    imageSize,
    notes,
  );
  const masks: OcclusionMask[] = [];
  if (scale) {
    const aspect = aspectOf(
      read.map((r) => r.shape),
      imageSize,
      notes,
    );
    for (const { raw, shape } of read) {
      const placed = place(shape, scale, aspect);
      if (placed) masks.push({ ordinals: raw.ordinals, shape: placed });
      else notes.push(`${maskName(raw)} is outside the image: left out`);
    }
  }
  return { masks, byOrdinal: byOrdinalOf(masks), notes };
}

/** Fractions stay; pixels (an early note) become fractions of the image, if its size is known. */
function coordinateScale(
  shapes: OcclusionShape[],
  imageSize: ImageSize | undefined,
  notes: string[],
): { x: number; y: number } | null {
  if (!shapes.some((shape) => maxCoordinate(shape) > PIXEL_THRESHOLD)) return { x: 1, y: 1 };
  const scale = legacyScale(imageSize);
  notes.push(
    scale
      ? 'masks are in pixels (an early Image Occlusion note): placed on the image as Anki placed them then'
      : "masks are in pixels (an early Image Occlusion note) and the image's size is unknown: none can be placed",
  );
  return scale;
}

/** Width over height, which turning a mask needs; 1, with a note, when the size is unknown. */
function aspectOf(shapes: OcclusionShape[], imageSize: ImageSize | undefined, notes: string[]): number {
  if (imageSize && imageSize.width > 0 && imageSize.height > 0) return imageSize.width / imageSize.height;
  if (shapes.some((shape) => shape.kind !== 'polygon' && shape.kind !== 'text' && shape.angle)) {
    notes.push("masks are turned and the image's size is unknown: turned as on a square image");
  }
  return 1;
}

function byOrdinalOf(masks: OcclusionMask[]): Map<number, OcclusionShape[]> {
  const byOrdinal = new Map<number, OcclusionShape[]>();
  for (const { ordinals, shape } of masks) {
    for (const ordinal of ordinals) {
      const list = byOrdinal.get(ordinal);
      if (list) list.push(shape);
      else byOrdinal.set(ordinal, [shape]);
    }
  }
  return byOrdinal;
}

/** The image-occlusion clozes of `field`, read in one pass (no backtracking on hostile text). */
function scanClozes(field: string, notes: string[]): RawShape[] {
  const found: RawShape[] = [];
  let at = field.indexOf('{{c');
  while (at !== -1) {
    OPEN.lastIndex = at;
    const open = OPEN.exec(field);
    if (!open) {
      at = field.indexOf('{{c', at + 3);
      continue;
    }
    const start = at + open[0].length;
    const end = field.indexOf('}}', start);
    if (end === -1) {
      notes.push(`mask ${found.length + 1} has no closing "}}": left out with the rest of the field`);
      break;
    }
    if (found.length === MAX_OCCLUSION_SHAPES) {
      notes.push(`more than ${MAX_OCCLUSION_SHAPES} masks: the rest are left out`);
      break;
    }
    found.push(rawShape(found.length + 1, open[1], field.slice(start, end), notes));
    at = field.indexOf('{{c', end + 2);
  }
  return found;
}

function rawShape(index: number, ordinalText: string, body: string, notes: string[]): RawShape {
  const ordinals = [
    ...new Set(
      ordinalText
        .split(',')
        .filter((s) => s !== '')
        .map(Number),
    ),
  ]
    .filter((n) => Number.isSafeInteger(n))
    .sort((a, b) => a - b);
  const colon = body.indexOf(':');
  const kind = colon === -1 ? body : body.slice(0, colon);
  const props = new Map<string, string>();
  if (colon !== -1) {
    const pairs = splitEscaped(body.slice(colon + 1));
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq <= 0) {
        notes.push(`mask ${index} (${kind}) has a property without a name and value: "${clip(pair)}" ignored`);
        continue;
      }
      props.set(pair.slice(0, eq), unescapeValue(pair.slice(eq + 1)));
    }
  }
  return { index, ordinals, kind, props };
}

/** Splits on the colons Anki's to-cloze.ts did not escape (it writes `\:` and `\\` inside values). */
function splitEscaped(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === ':') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unescapeValue(value: string): string {
  return value.replace(/\\([\\:])/g, '$1');
}

function maskName(r: RawShape): string {
  return `mask ${r.index} (${clip(r.kind)})`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function toShape(r: RawShape, notes: string[]): OcclusionShape | null {
  const fail = (why: string): null => {
    notes.push(`${maskName(r)} ${why}: left out`);
    return null;
  };
  if (r.ordinals.length === 0) return fail('has no cloze number');
  const occludeInactive = r.props.get('oi') === '1';
  // Anki reads a missing or unreadable position as 0 (from-cloze.ts), but a size it cannot read draws nothing.
  const left = position(r.props.get('left'));
  const top = position(r.props.get('top'));
  const angle = storedAngle(r.props.get('angle'));
  switch (r.kind) {
    case 'rect': {
      const width = size(r.props.get('width'));
      const height = size(r.props.get('height'));
      if (width === null || height === null) return fail('has no width and height');
      return { kind: 'rect', occludeInactive, left, top, width, height, angle };
    }
    case 'ellipse': {
      const rx = size(r.props.get('rx'));
      const ry = size(r.props.get('ry'));
      if (rx === null || ry === null) return fail('has no radii (rx, ry)');
      return { kind: 'ellipse', occludeInactive, left, top, rx, ry, angle };
    }
    case 'polygon':
      return polygon(r, occludeInactive, fail);
    case 'text': {
      const text = r.props.get('text') ?? '';
      if (text.trim() === '') return fail('has no text');
      if (text.length > MAX_LABEL_LENGTH) return fail(`has more than ${MAX_LABEL_LENGTH} characters`);
      const scale = size(r.props.get('scale')) ?? 1;
      const fs = size(r.props.get('fs'));
      if (fs === null && r.props.has('fs')) return fail('has an unreadable font size');
      // SVG attributes alone cannot turn text; the label stays level where Anki's editor turned it.
      if (angle) notes.push(`${maskName(r)} is turned ${Math.round(angle)}°: drawn level`);
      return { kind: 'text', occludeInactive, left, top, text, fontSize: (fs ?? DEFAULT_FONT_FRACTION) * scale, angle };
    }
    default:
      return fail('is not a shape Anki draws (rect, ellipse, polygon, text)');
  }
}

function polygon(r: RawShape, occludeInactive: boolean, fail: (why: string) => null): PolygonShape | null {
  const pairs = (r.props.get('points') ?? '').split(' ').filter((p) => p !== '');
  if (pairs.length < 3) return fail('has fewer than 3 points');
  if (pairs.length > MAX_POLYGON_POINTS) return fail(`has more than ${MAX_POLYGON_POINTS} points`);
  const points: { x: number; y: number }[] = [];
  for (const pair of pairs) {
    const [x, y, extra] = pair.split(',').map(number);
    if (x === null || y === null || x === undefined || y === undefined || extra !== undefined) {
      return fail(`has a point that is not "x,y": "${clip(pair)}"`);
    }
    points.push({ x, y });
  }
  // Anki moves the points so that their top-left corner is at (left, top), the polygon's position in
  // the editor; a polygon written without a position stays where its points are.
  if (r.props.has('left') || r.props.has('top')) {
    const dx = (r.props.has('left') ? position(r.props.get('left')) : minOf(points, 'x')) - minOf(points, 'x');
    const dy = (r.props.has('top') ? position(r.props.get('top')) : minOf(points, 'y')) - minOf(points, 'y');
    for (const p of points) {
      p.x += dx;
      p.y += dy;
    }
  }
  return { kind: 'polygon', occludeInactive, points };
}

function minOf(points: { x: number; y: number }[], axis: 'x' | 'y'): number {
  return points.reduce((min, p) => Math.min(min, p[axis]), Number.POSITIVE_INFINITY);
}

/** A finite number written the way Anki writes them (".2", "12.5", "-3"), else null. */
function number(text: string | undefined): number | null {
  if (text === undefined || !/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function position(text: string | undefined): number {
  return number(text) ?? 0;
}

function size(text: string | undefined): number | null {
  const value = number(text);
  return value !== null && value > 0 ? value : null;
}

function storedAngle(text: string | undefined): number {
  const steps = number(text);
  return steps === null ? 0 : ((steps % ANGLE_STEPS) / ANGLE_STEPS) * 360;
}

function maxCoordinate(shape: OcclusionShape): number {
  switch (shape.kind) {
    case 'rect':
      return Math.max(shape.left, shape.top, shape.left + shape.width, shape.top + shape.height);
    case 'ellipse':
      return Math.max(shape.left + 2 * shape.rx, shape.top + 2 * shape.ry);
    case 'polygon':
      return Math.max(...shape.points.flatMap((p) => [p.x, p.y]));
    case 'text':
      return Math.max(shape.left, shape.top);
  }
}

/** Pixels to fractions for a note from before fractions: its canvas was the image, shrunk to a million pixels. */
function legacyScale(image: ImageSize | undefined): { x: number; y: number } | null {
  if (!image || !(image.width > 0 && image.height > 0)) return null;
  const pixels = image.width * image.height;
  const shrink = pixels > LEGACY_CANVAS_PIXELS ? Math.sqrt(LEGACY_CANVAS_PIXELS / pixels) : 1;
  return { x: 1 / Math.floor(image.width * shrink), y: 1 / Math.floor(image.height * shrink) };
}

/**
 * The shape in fractions of the image, or null when it lies far outside. A rotated rectangle or ellipse
 * becomes a polygon: the rotation happens in pixels (`aspect` is width / height), which fractions stretch.
 */
function place(shape: OcclusionShape, scale: { x: number; y: number }, aspect: number): OcclusionShape | null {
  const placed = scaled(shape, scale);
  const rotated = placed.kind !== 'polygon' && placed.kind !== 'text' && placed.angle ? rotate(placed, aspect) : placed;
  const extent = Math.max(maxCoordinate(rotated), -minCoordinate(rotated));
  return extent > MAX_EXTENT ? null : rotated;
}

function minCoordinate(shape: OcclusionShape): number {
  if (shape.kind === 'polygon') return Math.min(...shape.points.flatMap((p) => [p.x, p.y]));
  return Math.min(shape.left, shape.top);
}

function scaled(shape: OcclusionShape, s: { x: number; y: number }): OcclusionShape {
  if (s.x === 1 && s.y === 1) return shape;
  switch (shape.kind) {
    case 'rect':
      return {
        ...shape,
        left: shape.left * s.x,
        top: shape.top * s.y,
        width: shape.width * s.x,
        height: shape.height * s.y,
      };
    case 'ellipse':
      return { ...shape, left: shape.left * s.x, top: shape.top * s.y, rx: shape.rx * s.x, ry: shape.ry * s.y };
    case 'polygon':
      return { ...shape, points: shape.points.map((p) => ({ x: p.x * s.x, y: p.y * s.y })) };
    case 'text':
      return { ...shape, left: shape.left * s.x, top: shape.top * s.y, fontSize: shape.fontSize * s.y };
  }
}

const ELLIPSE_SEGMENTS = 48;

function rotate(shape: RectShape | EllipseShape, aspect: number): PolygonShape {
  const outline =
    shape.kind === 'rect'
      ? [
          { x: shape.left, y: shape.top },
          { x: shape.left + shape.width, y: shape.top },
          { x: shape.left + shape.width, y: shape.top + shape.height },
          { x: shape.left, y: shape.top + shape.height },
        ]
      : Array.from({ length: ELLIPSE_SEGMENTS }, (_, i) => {
          const t = (2 * Math.PI * i) / ELLIPSE_SEGMENTS;
          return { x: shape.left + shape.rx * (1 + Math.cos(t)), y: shape.top + shape.ry * (1 + Math.sin(t)) };
        });
  const radians = (shape.angle * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const points = outline.map((p) => {
    // in units of the image's height, where a turn is a turn
    const dx = (p.x - shape.left) * aspect;
    const dy = p.y - shape.top;
    return { x: shape.left + (dx * cos - dy * sin) / aspect, y: shape.top + dx * sin + dy * cos };
  });
  return { kind: 'polygon', occludeInactive: shape.occludeInactive, points };
}

/** The cloze numbers that have cards: each with at least one mask that can be drawn (0 is on every card). */
export function occlusionOrdinals(field: string, imageSize?: ImageSize): number[] {
  return [...parseOcclusions(field, imageSize).byOrdinal.keys()].filter((n) => n > 0).sort((a, b) => a - b);
}

// Rendering
// ----------------------------------------

export interface OcclusionFields {
  occlusion: string;
  /** The Image field: its first <img> is the picture the masks cover. */
  image: string;
  header: string;
  backExtra: string;
}

export interface OcclusionCardOptions {
  /** The image's size in pixels: needed only for notes whose masks are in pixels, and for rotated masks. */
  imageSize?: ImageSize;
}

type Role = 'active' | 'inactive' | 'revealed';

/**
 * The question and answer HTML of the card for cloze `ordinal` (1-based) of an Image Occlusion note, or
 * null when no mask of the note can be drawn for that ordinal. Fields are Anki HTML and go through the
 * card sanitiser like any other card.
 */
export function renderOcclusionCard(
  fields: OcclusionFields,
  ordinal: number,
  options: OcclusionCardOptions = {},
): { question: string; answer: string } | null {
  if (!Number.isSafeInteger(ordinal) || ordinal < 1) return null;
  const { masks, byOrdinal } = parseOcclusions(fields.occlusion, options.imageSize);
  if (!byOrdinal.get(ordinal)?.length) return null;
  const header = fields.header.trim() === '' ? '' : `<div class="io-header">${fields.header}</div>`;
  const side = (question: boolean) => `${header}${container(fields.image, overlay(masks, ordinal, question))}`;
  const backExtra = fields.backExtra.trim() === '' ? '' : `<div class="io-back-extra">${fields.backExtra}</div>`;
  return { question: side(true), answer: `${side(false)}${backExtra}` };
}

/** The first <img> of the Image field (attribute values may hold ">"). */
const IMG_TAG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/i;

function container(imageField: string, svg: string): string {
  const img = pictureOf(imageField);
  // Anki shows this when the Image field has no picture; the masks would cover nothing.
  if (!img) return '<div class="image-occlusion io-no-image">No image to show</div>';
  return `<div class="image-occlusion">${img}${svg}</div>`;
}

/**
 * The picture as a bare <img src alt>: the overlay covers the image's box only while the image fills it,
 * which a width, margin or style of the field's own could undo.
 */
function pictureOf(imageField: string): string | null {
  const tag = IMG_TAG.exec(imageField)?.[0];
  const src = tag === undefined ? null : attribute(tag, 'src');
  if (tag === undefined || src === null || src.trim() === '') return null;
  const alt = attribute(tag, 'alt');
  return `<img src="${src}"${alt === null ? '' : ` alt="${alt}"`}>`;
}

/** An attribute's value as written (entities and all), ready to stand in double quotes. */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i').exec(tag);
  if (!match) return null;
  return (match[1] ?? match[2] ?? match[3]).replace(/"/g, '&quot;');
}

/** Anki paints the card's masks first, then the others over them, then the answer's outlines. */
const PAINT_ORDER: Role[] = ['active', 'inactive', 'revealed'];

function overlay(masks: OcclusionMask[], ordinal: number, question: boolean): string {
  const drawn = masks.map((mask) => ({ mask, role: roleOf(mask, ordinal, question) }));
  const svg = PAINT_ORDER.flatMap((role) =>
    drawn.filter((d) => d.role === role).map((d) => svgShape(d.mask.shape, role)),
  );
  return `<svg class="io-overlay" viewBox="0 0 1 1" preserveAspectRatio="none">${svg.join('')}</svg>`;
}

/** rslib's render_image_occlusion and review.ts's drawShapes: what a mask is on this side, if drawn. */
function roleOf(mask: OcclusionMask, ordinal: number, question: boolean): Role | null {
  if (mask.ordinals.includes(0)) return 'active';
  if (mask.ordinals.includes(ordinal)) return question ? 'active' : 'revealed';
  return mask.shape.occludeInactive ? 'inactive' : null;
}

const MASK_CLASS: Record<Role, string> = {
  active: 'io-mask io-active',
  inactive: 'io-mask',
  revealed: 'io-mask io-revealed',
};

function svgShape(shape: OcclusionShape, role: Role): string {
  const cls = MASK_CLASS[role];
  switch (shape.kind) {
    case 'rect':
      return `<rect class="${cls}" x="${num(shape.left)}" y="${num(shape.top)}" width="${num(shape.width)}" height="${num(shape.height)}"></rect>`;
    case 'ellipse':
      return `<ellipse class="${cls}" cx="${num(shape.left + shape.rx)}" cy="${num(shape.top + shape.ry)}" rx="${num(shape.rx)}" ry="${num(shape.ry)}"></ellipse>`;
    case 'polygon':
      return `<polygon class="${cls}" points="${shape.points.map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}"></polygon>`;
    case 'text':
      // A label is drawn as itself whatever its role, as Anki draws it; one <text> a line.
      return shape.text
        .split('\n')
        .map(
          (line, i) =>
            `<text class="io-text" x="${num(shape.left)}" y="${num(shape.top + i * LINE_SPACING * shape.fontSize)}" font-size="${num(shape.fontSize)}">${escapeText(line)}</text>`,
        )
        .join('');
  }
}

/** Plain decimals, at most 6 places (a millionth of the image), never exponents or "-0". */
function num(value: number): string {
  const fixed = Number(value.toFixed(6));
  return Object.is(fixed, -0) ? '0' : String(fixed);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
