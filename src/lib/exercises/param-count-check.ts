// The parameter-count exercise's check: C_in·C_out·K weights, plus C_out biases.
import { convParamCount } from '../conv';
import type { CodeCheck } from './types';
import { checkFunction } from './function-check';
import { Inputs } from './hidden-inputs';

export const paramCount: CodeCheck = (ctx) => {
  const r = new Inputs(404);
  const cases: [number, number, number, boolean][] = [[3, 16, 5, true], [1, 1, 3, false]];
  for (let i = 0; i < 10; i++) cases.push([r.int(1, 64), r.int(1, 64), r.int(1, 7), i % 3 !== 0]);
  return checkFunction(ctx, {
    name: 'paramCount',
    signature: 'paramCount(cIn, cOut, k, bias)',
    cases,
    call: (fn, args) => fn(...args),
    expected: ([inChannels, outChannels, kernelSize, bias]) => convParamCount({ inChannels, outChannels, kernelSize, bias }),
    show: (args) => `paramCount(${args.join(', ')})`,
    known: [
      { result: ([i, o, k]) => i * o * k, say: 'The biases are missing: with bias = true each output channel has one, C_out in all.' },
      { result: ([i, o, k]) => i * o * k + o, say: 'With bias = false there are no biases: only the C_in·C_out·K weights.' },
      { result: ([, o, k, bias]) => o * k + (bias ? o : 0), say: 'Each output channel has one kernel per input channel: multiply by C_in too.' },
      { result: ([i, o, k, bias]) => i * o * k + (bias ? i : 0), say: 'There is one bias per output channel (C_out of them), not one per input channel.' },
    ],
  });
};
