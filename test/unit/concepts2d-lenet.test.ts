import { describe, expect, it } from 'vitest';
import { reference } from './conv-reference';
import { countText, layerSentence, lenetLayers, lenetTfModel, shapeText, totalParams } from '../../src/lib/concepts/lenet-architecture';
import { lenetLayout, lenetSvg } from '../../src/lib/concepts/lenet-svg';


describe('LeNet-5 architecture', () => {
  const layers = lenetLayers();

  it('has the workshop shapes', () => {
    expect(layers.map((l) => l.name)).toEqual(['Input', 'C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'Output']);
    expect(layers.map((l) => shapeText(l.shape))).toEqual(['1×28×28', '6×28×28', '6×14×14', '16×10×10', '16×5×5', '120', '84', '10']);
  });

  it('has the reference parameter counts', () => {
    const counted = layers.filter((l) => l.params > 0).map((l) => l.params);
    expect(counted).toEqual(reference.lenet5.perLayer);
    expect(totalParams(layers)).toBe(reference.lenet5.total);
    expect(countText(totalParams(layers))).toBe('61,706');
    expect(layers[3].paramFormula).toBe('6·16·5·5 + 16');
    expect(layers[6].paramFormula).toBe('120·84 + 84');
  });

  it('describes each step', () => {
    expect(layerSentence(layers, 0)).toBe('Step 1 of 8: the input, a 28×28 grey-scale MNIST digit, shape 1×28×28.');
    expect(layerSentence(layers, 3)).toBe(
      'Step 4 of 8: C3, convolution 5×5, 16 filters + ReLU: 6×14×14 → 16×10×10; each output value reads a 5×5 window across all 6 channels; 2,416 parameters (6·16·5·5 + 16).',
    );
    expect(layerSentence(layers, 4)).toMatch(/S4, max pooling 2×2, stride 2: 16×10×10 → 16×5×5; .* of one channel; no parameters\.$/);
    expect(layerSentence(layers, 6)).toMatch(/F6.*each unit reads all 120 values; 10,164 parameters/);
  });

  it('writes the tfjs model', () => {
    const code = lenetTfModel(layers);
    expect(code.match(/tf\.layers\./g)).toHaveLength(8); // 3 conv + 2 pool + flatten + 2 dense
    expect(code).toContain('model.countParams(); // 61706');
  });

  it('draws every layer with its shape and count, the active window on the layer before', () => {
    const svg = lenetSvg(layers, 3);
    for (const l of layers) expect(svg).toContain(`data-shape="${shapeText(l.shape)}" data-params="${l.params}"`);
    expect(svg).toContain('Total: 61,706 parameters');
    expect(svg).toContain('= 156 + 2,416 + 48,120 + 10,164 + 850');
    expect(svg.match(/class="ln-rf ln-show" data-layer="3"/g)).toHaveLength(1);
    expect(svg.match(/class="ln-rf"/g)).toHaveLength(6);
    const { boxes } = lenetLayout(layers);
    boxes.slice(1).forEach((b, i) => expect(b.y).toBeGreaterThan(boxes[i].y + boxes[i].height));
    expect(boxes[0].front.w).toBeGreaterThan(boxes[4].front.w);
  });
});
