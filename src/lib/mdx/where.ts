// Where an authoring mistake is, as build messages and editors name it: "content/lectures/10-cnn.mdx:12:1".
import type { VFile } from 'vfile';

export interface Position {
  start: { line: number; column: number };
}

/** The file as the build names it (relative to the project), for messages. */
export function fileName(file: VFile): string {
  if (!file.path) return 'this page';
  return file.path.startsWith(`${file.cwd}/`) ? file.path.slice(file.cwd.length + 1) : file.path;
}

/** "content/lectures/10-cnn.mdx:12:1": where a node is, as editors link it. */
export function whereIs(file: VFile, node: { position?: Position } | undefined): string {
  const at = node?.position?.start;
  return at ? `${fileName(file)}:${at.line}:${at.column}` : fileName(file);
}
