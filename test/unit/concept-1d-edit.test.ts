// What a student's edit, button or key does to a 1D widget (concept-1d-edit.ts), the texts its status
// line and copy menu show (tf-compare.ts, widget-text.ts): held against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { editSetting, isSetting, stepForButton, stepForKey } from '../../src/lib/concepts/concept-1d-edit';
import { conceptById } from '../../src/lib/concepts/registry';
import { liveCheckText, tfDisagrees, tfMatchAttr, type Comparison } from '../../src/lib/concepts/tf-compare';
import { staleNote } from '../../src/lib/concepts/widget-text';

const stride = conceptById('stride');
/** The Stride widget's defaults: 9 inputs, a 3-tap kernel, stride 2 → ⌊(9 − 3)/2⌋ + 1 = 4 windows. */
const base = { x: [1, 3, 2, 0, -1, 2, 1, -2, 0], w: [0.5, -1, 0.25], padding: 0, stride: 2, dilation: 1 };

describe('editSetting', () => {
  it('reads the typed value and builds the view of the new settings', () => {
    const edit = editSetting(stride, base, 'stride', '3');
    expect(edit.ok).toBe(true);
    if (!edit.ok) return;
    expect(edit.state).toEqual({ ...base, stride: 3 });
    expect(edit.built.ok).toBe(true);
    // ⌊(9 − 3)/3⌋ + 1 = 3 windows
    if (edit.built.ok) expect(edit.built.value.steps).toHaveLength(3);
    expect(base.stride).toBe(2); // the old settings are not changed
  });

  it('refuses a value outside the prop’s limits with the course’s message, keeping the settings', () => {
    expect(editSetting(stride, base, 'stride', '1.5')).toEqual({ ok: false, message: 'Stride s must be a whole number from 1 to 8, got 1.5' });
  });

  it('keeps a value that reads but does not work with the others, and says why it cannot be drawn', () => {
    const edit = editSetting(stride, base, 'x', '1, 2');
    expect(edit.ok).toBe(true);
    if (!edit.ok) return;
    expect(edit.state.x).toEqual([1, 2]);
    expect(edit.built.ok).toBe(false);
    if (!edit.built.ok) expect(edit.built.message).toMatch(/does not fit/);
  });

  it('knows which keys are settings', () => {
    expect(isSetting(stride, 'stride')).toBe(true);
    expect(isSetting(stride, 'step')).toBe(false);
    expect(isSetting(stride, undefined)).toBe(false);
  });
});

describe('steps by hand', () => {
  it('moves by the transport buttons and stops at the ends', () => {
    expect(stepForButton('first', 3, 5)).toBe(0);
    expect(stepForButton('prev', 3, 5)).toBe(2);
    expect(stepForButton('prev', 0, 5)).toBe(0);
    expect(stepForButton('next', 2, 5)).toBe(3);
    expect(stepForButton('next', 5, 5)).toBe(5);
  });

  // Three output channels of four windows each, as <MultiChannelOutput> draws them: a row per channel.
  const steps = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2].map((o) => ({ o }));
  it('moves by the arrow keys along a row and between channels, Home and End to the ends', () => {
    expect(stepForKey('ArrowRight', 1, steps)).toBe(2);
    expect(stepForKey('ArrowLeft', 1, steps)).toBe(0);
    expect(stepForKey('ArrowDown', 1, steps)).toBe(5);
    expect(stepForKey('ArrowUp', 9, steps)).toBe(5);
    expect(stepForKey('ArrowUp', 1, steps)).toBe(0);
    expect(stepForKey('ArrowDown', 10, steps)).toBe(11);
    expect(stepForKey('ArrowRight', 11, steps)).toBe(11);
    expect(stepForKey('Home', 7, steps)).toBe(0);
    expect(stepForKey('End', 2, steps)).toBe(11);
    expect(stepForKey('a', 2, steps)).toBeNull();
  });
});

describe('the tfjs status line and data-tf-match', () => {
  const same: Comparison = { matches: true, overflow: false, maxDiff: 0, allowed: 0 };
  const off: Comparison = { matches: false, overflow: false, maxDiff: 0.5, allowed: 0.25 };
  const huge: Comparison = { matches: false, overflow: true, maxDiff: Infinity, allowed: 0 };

  it('says who computed it and how it compares', () => {
    expect(liveCheckText(same, '4.22.0', 'cpu')).toBe('Computed live by TensorFlow.js 4.22.0 (cpu backend): equal to the math core (largest difference 0).');
    expect(liveCheckText(off, '4.22.0', 'cpu')).toBe(
      'TensorFlow.js disagrees with the math core (largest difference 0.5, more than the 0.25 that 32-bit float rounding allows).',
    );
    expect(liveCheckText(huge, '4.22.0', 'wasm')).toBe(
      'TensorFlow.js 4.22.0 (wasm backend): these outputs (or sums on the way) are larger than 32-bit floats hold (about ±3.4·10³⁸), so TensorFlow.js cannot compute them; the numbers shown are the math core’s.',
    );
  });

  it('marks a disagreement, not an overflow, as an error', () => {
    expect([same, off, huge].map(tfMatchAttr)).toEqual(['true', 'false', 'overflow']);
    expect([same, off, huge].map(tfDisagrees)).toEqual([false, true, false]);
  });

  it('says when a copy holds the settings drawn rather than the edit with a problem', () => {
    expect(staleNote(false)).toBe('');
    expect(staleNote(true)).toBe(' (the settings drawn, not the edit with a problem)');
  });
});
