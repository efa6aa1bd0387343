/** The test risk as the notebook prints it, as TeX for KaTeX. */
export function testRiskTex(mistakes: number, total: number): string {
  if (!Number.isInteger(mistakes) || !Number.isInteger(total) || total <= 0 || mistakes < 0 || mistakes > total) {
    throw new RangeError(`need 0 ≤ mistakes ≤ total and total > 0, got ${mistakes}/${total}`);
  }
  const risk = mistakes / total;
  return (
    // Same notation as the page's formula for the risk, R̂(h); short enough for a phone screen.
    String.raw`\hat{R}\left(h\right) = \frac{${mistakes}}{${total.toLocaleString('en-US').replace(/,/g, '{,}')}} = ${twoSignificant(risk)}`
  );
}

/** The notebook's '{:.2}' format: two significant digits (0.0091, 0.012, 0). */
export function twoSignificant(x: number): string {
  if (x === 0) return '0';
  return String(Number(x.toPrecision(2)));
}
