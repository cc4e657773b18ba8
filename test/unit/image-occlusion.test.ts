import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unpackAnkiPackage } from '../../electron/core/io/anki/read-package';
import {
  MAX_OCCLUSION_SHAPES,
  MAX_POLYGON_POINTS,
  type OcclusionFields,
  occlusionOrdinals,
  parseOcclusions,
  renderOcclusionCard,
} from '../../shared/image-occlusion';
import { imageSizeOf } from '../../shared/image-size';
import {
  IMAGE_OCCLUSION_FIELD,
  IMAGE_OCCLUSION_IMAGE,
  IMAGE_OCCLUSION_NOTE,
  imageOcclusionPackage,
  twoTonePng,
} from '../helpers/anki-packages';
import { fuzzParameters } from '../helpers/fuzz';

const OPEN_SVG = '<svg class="io-overlay" viewBox="0 0 1 1" preserveAspectRatio="none">';

function fields(occlusion: string, more: Partial<OcclusionFields> = {}): OcclusionFields {
  return { occlusion, image: '<img src="heart.png">', header: '', backExtra: '', ...more };
}

/** The SVG of one side, without the image around it. */
function svgOf(html: string): string {
  const start = html.indexOf(OPEN_SVG);
  return html.slice(start + OPEN_SVG.length, html.indexOf('</svg>', start));
}

function only(field: string, ordinal = 1) {
  const parsed = parseOcclusions(field);
  return { shapes: parsed.byOrdinal.get(ordinal), notes: parsed.notes };
}

describe('Image Occlusion fields', () => {
  it('reads each shape Anki writes, in fractions of the image', () => {
    expect(only('{{c1::image-occlusion:rect:left=.2325:top=.3261:width=.202:height=.0975:oi=1}}')).toEqual({
      shapes: [
        { kind: 'rect', occludeInactive: true, left: 0.2325, top: 0.3261, width: 0.202, height: 0.0975, angle: 0 },
      ],
      notes: [],
    });
    expect(only('{{c1::image-occlusion:ellipse:left=.5:top=.25:rx=.1:ry=.05}}').shapes).toEqual([
      { kind: 'ellipse', occludeInactive: false, left: 0.5, top: 0.25, rx: 0.1, ry: 0.05, angle: 0 },
    ]);
    // Anki moves the points so that their top-left corner is the polygon's left and top.
    expect(only('{{c1::image-occlusion:polygon:left=.3:top=.4:points=.1,.2 .5,.2 .3,.6}}').shapes).toEqual([
      {
        kind: 'polygon',
        occludeInactive: false,
        points: [
          { x: 0.3, y: 0.4 },
          { x: 0.7, y: 0.4 },
          { x: 0.5, y: 0.8 },
        ],
      },
    ]);
    // to-cloze.ts escapes ":" and "\" in values; the font size is a fraction of the height, times the scale.
    expect(only('{{c0::image-occlusion:text:left=.1:top=.2:text=a\\:b \\\\ c:scale=1.5:fs=.04}}', 0).shapes).toEqual([
      { kind: 'text', occludeInactive: false, left: 0.1, top: 0.2, text: 'a:b \\ c', fontSize: 0.06, angle: 0 },
    ]);
  });

  it('places masks of notes from before fractions, in pixels of the canvas Anki drew then', () => {
    const field = '{{c1::image-occlusion:rect:left=100:top=60:width=200:height=120:hideinactive=false}}';
    const small = parseOcclusions(field, { width: 800, height: 600 });
    expect(small.byOrdinal.get(1)).toEqual([
      { kind: 'rect', occludeInactive: false, left: 0.125, top: 0.1, width: 0.25, height: 0.2, angle: 0 },
    ]);
    expect(small.notes).toEqual([expect.stringMatching(/^masks are in pixels .*placed on the image/)]);
    // A 2000 x 1500 image was drawn on a canvas of at most a million pixels: 1154 x 866.
    const large = parseOcclusions('{{c1::image-occlusion:polygon:points=0,0 1154,0 577,866}}', {
      width: 2000,
      height: 1500,
    });
    expect(large.byOrdinal.get(1)?.[0]).toEqual({
      kind: 'polygon',
      occludeInactive: false,
      points: [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 0.5, y: 1 },
      ],
    });
    const unknown = parseOcclusions(field);
    expect(unknown.byOrdinal.size).toBe(0);
    expect(unknown.notes).toEqual([expect.stringContaining("the image's size is unknown: none can be placed")]);
    expect(renderOcclusionCard(fields(field), 1)).toBeNull();
    expect(
      svgOf(renderOcclusionCard(fields(field), 1, { imageSize: { width: 800, height: 600 } })?.question ?? ''),
    ).toBe('<rect class="io-mask io-active" x="0.125" y="0.1" width="0.25" height="0.2"></rect>');
  });

  it('turns a rotated rectangle as Anki does, about its top-left corner in pixels', () => {
    // 2500 steps of 10000 are a quarter turn; on a 2:1 image a square of 100px (.25 x .5) turns onto the left.
    const field = '{{c1::image-occlusion:rect:left=.5:top=.25:width=.25:height=.5:angle=2500}}';
    const [shape] = parseOcclusions(field, { width: 400, height: 200 }).byOrdinal.get(1) ?? [];
    expect(shape.kind).toBe('polygon');
    const points = shape.kind === 'polygon' ? shape.points : [];
    const rounded = points.map((p) => ({ x: Number(p.x.toFixed(6)) + 0, y: Number(p.y.toFixed(6)) + 0 }));
    expect(rounded).toEqual([
      { x: 0.5, y: 0.25 },
      { x: 0.5, y: 0.75 },
      { x: 0.25, y: 0.75 },
      { x: 0.25, y: 0.25 },
    ]);
    expect(parseOcclusions(field).notes).toEqual([expect.stringContaining('turned as on a square image')]);
  });

  it('gives a shape with several cloze numbers to each, and lists the numbers that have cards', () => {
    const field =
      '{{c1,2::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}' +
      '{{c3::image-occlusion:ellipse:left=.5:top=.5:rx=.1:ry=.1}}' +
      '{{c0::image-occlusion:text:left=.1:top=.8:text=label:scale=1:fs=.05}}';
    const parsed = parseOcclusions(field);
    expect(parsed.byOrdinal.get(1)).toEqual(parsed.byOrdinal.get(2));
    expect(parsed.masks.map((m) => m.ordinals)).toEqual([[1, 2], [3], [0]]);
    expect(occlusionOrdinals(field)).toEqual([1, 2, 3]);
    expect(occlusionOrdinals(IMAGE_OCCLUSION_FIELD)).toEqual([1, 2, 3]);
  });

  it('leaves out what it cannot draw and says which mask and why', () => {
    const field = [
      '{{c1::image-occlusion:rect:left=.1:top=.1:width=.2}}',
      '{{c1::image-occlusion:star:left=.1:top=.1}}',
      '{{c1::image-occlusion:polygon:points=.1,.1 .2,.2}}',
      '{{c1::image-occlusion:polygon:points=.1,.1 .2,x .3,.1}}',
      '{{c1::image-occlusion:ellipse:left=.1:top=.1:rx=-1:ry=.1}}',
      '{{c1::image-occlusion:text:left=.1:top=.1:text=}}',
      '{{c,::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}',
      '{{c1::image-occlusion:rect:left=1e300:top=.1:width=.1:height=.1}}',
      '{{c1::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1:junk}}',
      '{{c1::plain cloze}} text {{c2::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1',
    ].join('<br>');
    const parsed = parseOcclusions(field);
    // What the reading of the field finds comes first, then each mask's shape in turn.
    expect(parsed.notes).toEqual([
      'mask 9 (rect) has a property without a name and value: "junk" ignored',
      'mask 10 has no closing "}}": left out with the rest of the field',
      'mask 1 (rect) has no width and height: left out',
      'mask 2 (star) is not a shape Anki draws (rect, ellipse, polygon, text): left out',
      'mask 3 (polygon) has fewer than 3 points: left out',
      'mask 4 (polygon) has a point that is not "x,y": ".2,x": left out',
      'mask 5 (ellipse) has no radii (rx, ry): left out',
      'mask 6 (text) has no text: left out',
      'mask 7 (rect) has no cloze number: left out',
      "masks are in pixels (an early Image Occlusion note) and the image's size is unknown: none can be placed",
    ]);
  });

  it('reads hostile fields without throwing, in bounded work, and keeps label text as text', () => {
    const many = '{{c1::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}'.repeat(MAX_OCCLUSION_SHAPES + 5);
    const capped = parseOcclusions(many);
    expect(capped.byOrdinal.get(1)).toHaveLength(MAX_OCCLUSION_SHAPES);
    expect(capped.notes).toEqual([`more than ${MAX_OCCLUSION_SHAPES} masks: the rest are left out`]);
    const points = Array.from({ length: MAX_POLYGON_POINTS + 1 }, (_, i) => `.${i % 9},.5`).join(' ');
    expect(parseOcclusions(`{{c1::image-occlusion:polygon:points=${points}}}`).notes).toEqual([
      `mask 1 (polygon) has more than ${MAX_POLYGON_POINTS} points: left out`,
    ]);
    // Openings without a close: one pass, one note, nothing drawn.
    const unclosed = parseOcclusions('{{c1::image-occlusion:rect:left=.1'.repeat(50_000));
    expect(unclosed.byOrdinal.size).toBe(0);
    expect(unclosed.notes).toHaveLength(1);
    const label = '{{c0::image-occlusion:text:left=.1:top=.1:text=<script>alert(1)</script> & "x":fs=.05}}';
    const card = renderOcclusionCard(
      fields(`${label}{{c1::image-occlusion:rect:left=.1:top=.5:width=.1:height=.1}}`, { image: '<img src=x>' }),
      1,
    );
    expect(svgOf(card?.question ?? '')).toBe(
      '<text class="io-text" x="0.1" y="0.1" font-size="0.05">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</text>' +
        '<rect class="io-mask io-active" x="0.1" y="0.5" width="0.1" height="0.1"></rect>',
    );
    for (const ordinal of [0, -1, 4, 1.5, Number.NaN]) {
      expect(renderOcclusionCard(fields(IMAGE_OCCLUSION_FIELD), ordinal)).toBeNull();
    }
    expect(renderOcclusionCard(fields(''), 1)).toBeNull();
  });
});

/** Everything renderOcclusionCard may put in its SVG: known shapes, known attributes, plain numbers. */
const NUM = '-?\\d+(?:\\.\\d+)?';
const MASK = ' class="io-mask(?: io-active| io-revealed)?"';
const SVG_GRAMMAR = new RegExp(
  '^(?:' +
    [
      `<rect${MASK} x="${NUM}" y="${NUM}" width="${NUM}" height="${NUM}"></rect>`,
      `<ellipse${MASK} cx="${NUM}" cy="${NUM}" rx="${NUM}" ry="${NUM}"></ellipse>`,
      `<polygon${MASK} points="${NUM},${NUM}(?: ${NUM},${NUM})*"></polygon>`,
      `<text class="io-text" x="${NUM}" y="${NUM}" font-size="${NUM}">[^<>"]*</text>`,
    ].join('|') +
    ')*$',
);

const fieldPiece = fc.oneof(
  fc.constantFrom(
    '{{c1::',
    '{{c::',
    '{{c1::image-occlusion:',
    '}}',
    ':',
    '=',
    '\\',
    ',',
    ' ',
    '<br>',
    '<svg onload=x>',
  ),
  fc.string({ maxLength: 6 }),
);
const fraction = fc.double({ min: -0.5, max: 1.5, noNaN: true }).map(String);
const value = fc.oneof(
  { weight: 4, arbitrary: fraction },
  fc.constantFrom('1e9', 'NaN', '', '-0', '<svg onload=x>', '"&\'<>', 'a\\:b', '}}', '{{c1::'),
  fc.string({ maxLength: 6 }),
);
const points = fc
  .array(fc.tuple(fraction, fraction), { maxLength: 6 })
  .map((ps) => ps.map((p) => p.join(',')).join(' '));
const property = fc.oneof(
  fc.tuple(
    fc.constantFrom('left', 'top', 'width', 'height', 'rx', 'ry', 'fs', 'scale', 'angle', 'oi', 'text', 'x'),
    value,
  ),
  fc.tuple(fc.constant('points'), points),
);
/** Mostly clozes shaped like Anki's, with hostile values and stray pieces between them. */
const cloze = fc
  .record({
    ordinals: fc.constantFrom('1', '2', '1,2', '0', '3', ',', '99999999999999999999'),
    kind: fc.constantFrom('rect', 'ellipse', 'polygon', 'text', 'star', ''),
    props: fc.array(property, { maxLength: 8 }),
  })
  .map((c) => `{{c${c.ordinals}::image-occlusion:${c.kind}${c.props.map(([k, v]) => `:${k}=${v}`).join('')}}}`);
const field = fc
  .array(fc.oneof({ weight: 4, arbitrary: cloze }, { weight: 1, arbitrary: fieldPiece }), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('Image Occlusion fields, fuzzed', () => {
  it('never throws and writes only the SVG it means to, whatever the field holds', () => {
    let drawn = 0;
    fc.assert(
      fc.property(field, fc.integer({ min: -1, max: 4 }), (text, ordinal) => {
        const parsed = parseOcclusions(text, { width: 640, height: 480 });
        for (const note of parsed.notes) expect(typeof note).toBe('string');
        const card = renderOcclusionCard(fields(text), ordinal, { imageSize: { width: 640, height: 480 } });
        if (card === null) return;
        drawn++;
        expect(parsed.byOrdinal.get(ordinal)?.length).toBeGreaterThan(0);
        for (const side of [card.question, card.answer]) expect(svgOf(side)).toMatch(SVG_GRAMMAR);
      }),
      fuzzParameters('image occlusion fields', { quick: 2000, long: 50_000 }),
    );
    console.info(`[fuzz] image occlusion fields: ${drawn} cases drew a card`);
    expect(drawn).toBeGreaterThan(0);
  });
});

describe('Image Occlusion cards', () => {
  const note = { occlusion: IMAGE_OCCLUSION_FIELD, ...IMAGE_OCCLUSION_NOTE };
  const header = '<div class="io-header">The <b>heart</b></div>';
  const image = '<div class="image-occlusion"><img src="io-heart.png">';
  const label = '<text class="io-text" x="0.4" y="0.45" font-size="0.08">Aorta: left</text>';
  const c1 = (cls: string) => `<rect class="${cls}" x="0.05" y="0.1" width="0.3" height="0.2"></rect>`;
  const c2 = (cls: string) =>
    `<ellipse class="${cls}" cx="0.7" cy="0.2" rx="0.15" ry="0.1"></ellipse>` +
    `<polygon class="${cls}" points="0.6,0.6 0.9,0.6 0.75,0.9"></polygon>`;
  const c3 = (cls: string) => `<rect class="${cls}" x="0.1" y="0.6" width="0.2" height="0.25"></rect>`;

  it('hide all, guess one: the card masks its own shapes in red and every other shape too', () => {
    // Anki paints the card's masks and the label (c0) first, in field order, then the others, then the
    // answer's outlines.
    expect(renderOcclusionCard(note, 2)).toEqual({
      question: `${header}${image}${OPEN_SVG}${c2('io-mask io-active')}${label}${c1('io-mask')}${c3('io-mask')}</svg></div>`,
      answer:
        `${header}${image}${OPEN_SVG}${label}${c1('io-mask')}${c3('io-mask')}${c2('io-mask io-revealed')}</svg></div>` +
        '<div class="io-back-extra">Blood leaves by the aorta</div>',
    });
  });

  it('hide one, guess one: only the card’s own shapes are drawn, the label on every card', () => {
    const oneByOne = { ...note, occlusion: IMAGE_OCCLUSION_FIELD.replaceAll(':oi=1', ''), header: '', backExtra: ' ' };
    expect(renderOcclusionCard(oneByOne, 1)).toEqual({
      question: `${image}${OPEN_SVG}${c1('io-mask io-active')}${label}</svg></div>`,
      answer: `${image}${OPEN_SVG}${label}${c1('io-mask io-revealed')}</svg></div>`,
    });
    expect(svgOf(renderOcclusionCard(oneByOne, 3)?.question ?? '')).toBe(`${c3('io-mask io-active')}${label}`);
  });

  it('draws a shape shared by two cloze numbers once, active on both cards', () => {
    const field =
      '{{c1,2::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1:oi=1}}' +
      '{{c2::image-occlusion:rect:left=.5:top=.5:width=.1:height=.1:oi=1}}';
    const shared = '<rect class="io-mask io-active" x="0.1" y="0.1" width="0.1" height="0.1"></rect>';
    expect(svgOf(renderOcclusionCard(fields(field), 1)?.question ?? '')).toBe(
      `${shared}<rect class="io-mask" x="0.5" y="0.5" width="0.1" height="0.1"></rect>`,
    );
    expect(svgOf(renderOcclusionCard(fields(field), 2)?.question ?? '')).toBe(
      `${shared}<rect class="io-mask io-active" x="0.5" y="0.5" width="0.1" height="0.1"></rect>`,
    );
  });

  it('uses the first picture of the Image field as a bare image, and says so when there is none', () => {
    const field = '{{c1::image-occlusion:rect:left=.1:top=.1:width=.1:height=.1}}';
    const picture = (image: string) => {
      const question = renderOcclusionCard(fields(field, { image }), 1)?.question ?? '';
      return question.slice(0, question.indexOf('<svg'));
    };
    expect(picture('see <img alt="a>b" src="x.png"> and <img src=y>')).toBe(
      '<div class="image-occlusion"><img src="x.png" alt="a>b">',
    );
    // Its own size, margins and style would pull the image out from under the masks.
    expect(picture(`<IMG style="margin:2em" width=50% data-src="no.png" src='it "is".png' class=big>`)).toBe(
      '<div class="image-occlusion"><img src="it &quot;is&quot;.png">',
    );
    expect(picture('<img src=plain.jpg>')).toBe('<div class="image-occlusion"><img src="plain.jpg">');
    for (const none of ['no picture', '<img alt="no source">', '<img src="">']) {
      expect(renderOcclusionCard(fields(field, { image: none }), 1)?.question).toBe(
        '<div class="image-occlusion io-no-image">No image to show</div>',
      );
    }
  });

  it('writes multi-line labels one line a <text>, 1.07em apart as Anki spaces them', () => {
    const field = '{{c1::image-occlusion:text:left=.2:top=.1:text=one\ntwo:fs=.1}}';
    expect(svgOf(renderOcclusionCard(fields(field), 1)?.question ?? '')).toBe(
      '<text class="io-text" x="0.2" y="0.1" font-size="0.1">one</text>' +
        '<text class="io-text" x="0.2" y="0.207" font-size="0.1">two</text>',
    );
  });
});

describe('image sizes', () => {
  it('reads PNG, GIF, JPEG and WebP headers and refuses anything else', () => {
    expect(imageSizeOf(twoTonePng(40, 30))).toEqual({ width: 40, height: 30 });
    const gif = new Uint8Array([...new TextEncoder().encode('GIF89a'), 0x2c, 0x01, 0xc8, 0x00]);
    expect(imageSizeOf(gif)).toEqual({ width: 300, height: 200 });
    // SOI, an APP0 segment of 16 bytes, then SOF0: precision 8, height 480, width 640.
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x10,
      ...new Array(14).fill(0),
      0xff,
      0xc0,
      0,
      17,
      8,
      0x01,
      0xe0,
      0x02,
      0x80,
      3,
    ]);
    expect(imageSizeOf(jpeg)).toEqual({ width: 640, height: 480 });
    const webp = new Uint8Array(30);
    webp.set(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8X'));
    webp.set([99, 0, 0, 49, 0, 0], 24);
    expect(imageSizeOf(webp)).toEqual({ width: 100, height: 50 });
    expect(imageSizeOf(new TextEncoder().encode('not an image at all, just text'))).toBeNull();
    expect(imageSizeOf(twoTonePng(40, 30).subarray(0, 20))).toBeNull();
    expect(imageSizeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  });
});

describe('test helper Image Occlusion package', () => {
  it('holds the stock note type, the note, one card per cloze number and the PNG', () => {
    for (const layout of ['legacy1', 'latest'] as const) {
      const { collection, media } = unpackAnkiPackage(imageOcclusionPackage(layout), 'io.apkg');
      const [notetype] = [...collection.notetypes.values()];
      expect(notetype).toMatchObject({
        name: 'Image Occlusion',
        kind: 'cloze',
        fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
      });
      expect(collection.notes.map((n) => n.fields)).toEqual([
        [IMAGE_OCCLUSION_FIELD, '<img src="io-heart.png">', 'The <b>heart</b>', 'Blood leaves by the aorta', ''],
      ]);
      expect(collection.cards.map((c) => c.ord)).toEqual([0, 1, 2]);
      expect(media.map((m) => m.name)).toEqual([IMAGE_OCCLUSION_IMAGE.name]);
      expect(imageSizeOf(media[0].data)).toEqual({ width: 40, height: 30 });
    }
  });
});
