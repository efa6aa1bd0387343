#!/bin/sh
# Rebuilds cnn.wasm (for tfjs's single-threaded build) and cnn-shared.wasm (shared memory, for its
# threaded build) from cnn.c, and the same two with relaxed SIMD's fused multiply-add
# (cnn-relaxed.wasm, cnn-shared-relaxed.wasm; native-kernels.ts takes them where the engine
# compiles them). Needs clang and lld with the wasm32 target, wabt's wasm-objdump and Node 22 or newer
# (its WebAssembly.validate knows relaxed SIMD)
# (Debian: apt-get install clang lld wabt). CI does not rebuild: the .wasm files are committed.
set -eu
cd "$(dirname "$0")"
# -Wframe-larger-than=0: no function may keep anything on a stack (the module has none of its own).
FLAGS="--target=wasm32 -O3 -msimd128 -mbulk-memory -nostdlib -ffreestanding -fno-jump-tables -Wall -Wextra -Werror -Wframe-larger-than=0"
LINK="-Wl,--no-entry -Wl,--import-memory -Wl,--strip-all"
clang $FLAGS $LINK -o cnn.wasm cnn.c
clang $FLAGS -matomics $LINK -Wl,--shared-memory -Wl,--max-memory=4294967296 -o cnn-shared.wasm cnn.c
RELAXED="-mrelaxed-simd -DRELAXED_FMA"
clang $FLAGS $RELAXED $LINK -o cnn-relaxed.wasm cnn.c
clang $FLAGS $RELAXED -matomics $LINK -Wl,--shared-memory -Wl,--max-memory=4294967296 -o cnn-shared-relaxed.wasm cnn.c
# The multiply-adds in the assembly, to check the opcode rewrite against (relaxed-opcode.mjs).
fmas=$(clang $FLAGS $RELAXED -S -o - cnn.c | grep -c 'f32x4.fma')
node relaxed-opcode.mjs cnn-relaxed.wasm "$fmas"
node relaxed-opcode.mjs cnn-shared-relaxed.wasm "$fmas"
# wabt 1.0.32 does not disassemble relaxed SIMD: the plain builds of the same source are checked.
for f in cnn.wasm cnn-shared.wasm; do
  # It shares tfjs's memory, so it may not write anywhere of its own: no data segments, no globals used.
  if wasm-objdump -h "$f" | grep -q ' Data '; then echo "$f: has a data section" >&2; exit 1; fi
  if wasm-objdump -d "$f" | grep -q 'global\.[gs]et'; then echo "$f: uses a global (a stack)" >&2; exit 1; fi
  wasm-objdump -x -j Import "$f" | grep -q 'memory.*<- env.memory' || { echo "$f: does not import env.memory" >&2; exit 1; }
  echo "$f: $(wc -c < "$f") bytes"
done
