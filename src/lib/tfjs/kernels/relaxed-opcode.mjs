// build.sh's last step for the relaxed-SIMD variants: clang 14 (Debian's) encodes relaxed SIMD's
// multiply-add as the proposal's early opcode (0xfd 0xaf 0x01, "f32x4.fma"); browsers take the
// standard f32x4.relaxed_madd (0xfd 0x85 0x02), as long. The rewrite must match the assembly's count
// of that instruction exactly, or the build fails: a byte run inside an immediate is never touched
// unnoticed.
// Usage: node relaxed-opcode.mjs FILE.wasm EXPECTED_COUNT
import { readFileSync, writeFileSync } from 'node:fs';

const [file, expected] = process.argv.slice(2);
const bytes = readFileSync(file);
const from = [0xfd, 0xaf, 0x01];
const to = [0xfd, 0x85, 0x02];
let count = 0;
for (let i = 0; i + 2 < bytes.length; i++) {
  if (bytes[i] === from[0] && bytes[i + 1] === from[1] && bytes[i + 2] === from[2]) {
    bytes.set(to, i);
    count++;
    i += 2;
  }
}
if (count !== Number(expected)) throw new Error(`${file}: ${count} early-opcode multiply-adds rewritten, the assembly has ${expected}`);
if (!WebAssembly.validate(bytes)) throw new Error(`${file}: not a valid module after the rewrite`);
writeFileSync(file, bytes);
console.log(`${file}: ${count} multiply-adds as f32x4.relaxed_madd`);
