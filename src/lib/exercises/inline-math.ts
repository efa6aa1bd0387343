// Short texts with `$…$` math (choice options, field labels) as HTML: text escaped, math drawn by a
// renderer (KaTeX at build time) and hidden from screen readers, which read a plain-text copy instead:
// a form label must have a name that assistive technology can compute.

import { escapeXml as escapeHtml } from '../concepts/format';

// Kept over KaTeX's MathML (output: 'mathml'): plainText also runs in the browser for grading messages,
// where KaTeX is not loaded, and MathML's text content runs tokens together ("nout" for n_\text{out}).
/** TeX as plain words: `n_\text{out}` → "n out", `4\times4` → "4×4", `\frac{a}{b}` → "a/b". */
export function texToText(tex: string): string {
  return tex
    .replace(/\\text\{([^}]*)\}/g, ' $1')
    .replace(/\\frac\{([^}]*)\}\{([^}]*)\}/g, '$1/$2')
    .replace(/\\times/g, '×')
    .replace(/\\cdot/g, '·')
    .replace(/\\[a-zA-Z]+/g, '')
    .replace(/[{}]/g, '')
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function inlineMathHtml(text: string, renderTex: (tex: string) => string): string {
  let html = '';
  let last = 0;
  for (const m of text.matchAll(/\$([^$]+)\$/g)) {
    html += escapeHtml(text.slice(last, m.index));
    html += `<span aria-hidden="true">${renderTex(m[1])}</span><span class="ex-sr">${escapeHtml(texToText(m[1]))}</span>`;
    last = (m.index ?? 0) + m[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** A label with `$…$` math as plain text, for messages: "8. $7\times7$ input" → "8. 7×7 input". */
export const plainText = (text: string) => text.replace(/\$([^$]+)\$/g, (_, tex: string) => texToText(tex));
