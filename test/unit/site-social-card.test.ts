import { describe, expect, it } from 'vitest';
import { lenetLayers } from '../../src/lib/concepts/lenet-architecture';
import { escapeXml } from '../../src/lib/concepts/format';
import { LENET5_LAYERS } from '../../src/lib/lenet/lenet5-layers';
import { CARD_HEIGHT, CARD_WIDTH, fitTitle, socialCardSvg, textWidth, wrapTitle } from '../../src/lib/site/social-card';
import { appIconSvg } from '../../src/lib/site/app-icon';
import { svgToPng } from '../../src/lib/site/png';
import { conv1d } from '../../src/lib/conv';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

describe('social cards', () => {
  it('wraps a title into lines that fit, largest size first', () => {
    const { fontSize, lines } = fitTitle('Convolutional neural networks', 1072);
    expect(fontSize).toBe(68);
    expect(lines.join(' ')).toBe('Convolutional neural networks');
    for (const l of lines) expect(textWidth(l, fontSize)).toBeLessThanOrEqual(1072);
    const long = fitTitle('Recurrent neural networks, backpropagation through time and the vanishing gradient problem', 1072);
    expect(long.fontSize).toBeLessThan(68);
    expect(long.lines.length).toBeLessThanOrEqual(3);
    expect(wrapTitle('Supercalifragilisticexpialidocious', 60, 100)).toEqual(['Supercalifragilisticexpialidocious']);
  });

  it('escapes text for XML', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
  });

  it('draws the title, the lecture number and the cross-correlation with the math core’s output', () => {
    const svg = socialCardSvg({ kicker: 'Lecture 10', title: 'Convolutional neural networks & <more>', drawing: 'cross-correlation' }, 'CNN course');
    expect(svg).toContain(`width="${CARD_WIDTH}" height="${CARD_HEIGHT}"`);
    expect(svg).toContain('LECTURE 10');
    expect(svg).toContain('CNN course');
    expect(svg).toContain('&amp; &lt;more&gt;');
    const y = conv1d([[1, 3, 2, 0, -1, 2, 1]], [[[0.5, -1, 0.25]]])[0];
    expect(y[2]).toBeCloseTo(0.75);
    expect(svg).toContain('= 0.75');
  });

  it('draws LeNet-5 from the course’s one layer table: a 28×28 input, not the paper’s 32×32', () => {
    const svg = socialCardSvg({ kicker: 'Workshop 10', title: 'LeNet-5 on MNIST', drawing: 'lenet' }, 'CNN course');
    const labels = lenetLayers().map((l) => (l.shape.length === 3 ? `${l.shape[0]}@${l.shape[1]}×${l.shape[2]}` : String(l.shape[0])));
    expect(labels[0]).toBe('1@28×28');
    for (const label of labels) expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toContain('32×32');
  });

  it('draws one block per row of LENET5_LAYERS, each labelled with the shape the row gives a 28×28 digit', () => {
    const svg = socialCardSvg({ kicker: 'Workshop 10', title: 'LeNet-5 on MNIST', drawing: 'lenet' }, 'CNN course');
    // The shapes worked out here from the table's kernel sizes, paddings and strides, not by the course's code.
    let channels = 1;
    let side = 28;
    const expected = ['1@28×28'];
    for (const l of LENET5_LAYERS) {
      if (l.kind === 'conv') [channels, side] = [l.outChannels, side + 2 * l.padding - l.kernelSize + 1];
      else if (l.kind === 'pool') side = Math.floor((side - l.kernelSize) / l.stride) + 1;
      else [channels, side] = [l.outFeatures, 1];
      expected.push(side === 1 ? String(channels) : `${channels}@${side}×${side}`);
      expect(svg).toContain(`>${l.name}</text>`);
    }
    expect(expected).toEqual(['1@28×28', '6@28×28', '6@14×14', '16@10×10', '16@5×5', '120', '84', '10']);
    const drawn = [...svg.matchAll(/fill="#57606a">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(drawn).toEqual(expected);
  });

  it('renders each drawing to a 1200×630 PNG with the bundled fonts', () => {
    for (const drawing of ['cross-correlation', 'lenet', 'conv2d'] as const) {
      const png = svgToPng(socialCardSvg({ kicker: 'Workshop 10', title: 'LeNet-5 on MNIST', drawing }, 'CNN course'));
      expect(pngSize(png)).toEqual([CARD_WIDTH, CARD_HEIGHT]);
      expect(png.length).toBeGreaterThan(10_000); // text and shapes, not a blank image
    }
  });

  it('renders the app icons at their sizes', () => {
    expect(pngSize(svgToPng(appIconSvg(192)))).toEqual([192, 192]);
    expect(pngSize(svgToPng(appIconSvg(512, true)))).toEqual([512, 512]);
    expect(appIconSvg(512, true)).not.toContain('rx='); // maskable: full-bleed background
  });
});
