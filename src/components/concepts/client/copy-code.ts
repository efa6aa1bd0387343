/** Copies code to the clipboard; where the browser refuses, selects the code and says how to copy it. */
export async function copyCode(text: string, codeElement: Element, status: Element): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(codeElement);
    const sel = getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}
