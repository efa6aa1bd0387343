// SIMD kernels for the wasm backend: 2D convolution (forward with bias and ReLU, and both
// gradients), max pooling and the SGD update, NHWC float32, in tfjs-backend-wasm's own linear memory.
// The module imports that memory and owns none of it: no data segments, no stack (the build
// checks both); every buffer, scratch included, is allocated by the caller with tfjs's malloc.
// Exports (the kernels take a share of the work, so that threads can split it):
//   conv_forward, conv_backward, max_pool, max_pool_grad   images [b0, b1) of the batch
//   conv_filter_grad                                       weight-gradient units [u0, u1)
//   filter_grad_units                                      how many such units a layer has
//   pack_rows, pack_filter_t                               weights laid out for the kernels
//   sum_parts, zero_f32                                    sums of the threads' partial results, zeroing
//   sgd_step                                               the optimiser's update, v − α·g
// Build: src/lib/tfjs/kernels/build.sh (with -DRELAXED_FMA, the variants for engines with relaxed SIMD).
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
#define INLINE static inline __attribute__((always_inline))
// Loops over register tiles must unroll fully: their arrays then live in registers, not on a stack.
#define UNROLL _Pragma("clang loop unroll(full)")
typedef float f32;

// Register tiles: pixels per tile for 1–4 vectors of output channels (V8 gives wasm 15 vector registers).
#ifndef FWD_P1
#define FWD_P1 8
#endif
#ifndef FWD_P2
#define FWD_P2 4
#endif
#ifndef FWD_P3
#define FWD_P3 3
#endif
#ifndef FWD_P4
#define FWD_P4 2
#endif
// Weight gradient: taps × channel vectors per tile, and at most DW_VMAX channel vectors.
#ifndef DW_TILE
#define DW_TILE 10
#endif
// Taps per tile of the six-channel weight gradient (dw_pair_tile; 3 vectors each).
#ifndef DW_PAIR_TAPS
#define DW_PAIR_TAPS 3
#endif
#ifndef DW_VMAX
#define DW_VMAX 2
#endif
// At most this many channel vectors per tile in the forward pass and the input gradient.
// Pixel pairs per tile for six output channels (fwd_pairs).
#ifndef FWD_PAIRS
#define FWD_PAIRS 3
#endif
#ifndef FWD_VMAX
#define FWD_VMAX 4
#endif
// Pixel pairs per tile of the six-channel input gradient (dx_pair_tile).
#ifndef DX_PAIRS
#define DX_PAIRS 3
#endif
#ifndef DX_VMAX
#define DX_VMAX 4
#endif
// Input gradient: pixels per tile for 1–4 vectors of input channels.
#ifndef DX_P1
#define DX_P1 8
#endif
#ifndef DX_P2
#define DX_P2 4
#endif
#ifndef DX_P3
#define DX_P3 3
#endif
#ifndef DX_P4
#define DX_P4 2
#endif
typedef v128_t vec;

/** Loads the first n (1–4) floats at p, zeros above; never reads past p + n. */
INLINE vec load_n(const f32 *p, int n) {
  if (n >= 4) return wasm_v128_load(p);
  if (n == 2) return wasm_v128_load64_zero(p);
  if (n == 1) return wasm_v128_load32_zero(p);
  return wasm_v128_load32_lane(p + 2, wasm_v128_load64_zero(p), 2);
}

/** Stores the first n (1–4) lanes of v at p. */
INLINE void store_n(f32 *p, vec v, int n) {
  if (n >= 4) wasm_v128_store(p, v);
  else if (n == 2) wasm_v128_store64_lane(p, v, 0);
  else if (n == 1) wasm_v128_store32_lane(p, v, 0);
  else {
    wasm_v128_store64_lane(p, v, 0);
    wasm_v128_store32_lane(p + 2, v, 2);
  }
}

#ifdef RELAXED_FMA
// acc + a·b in one instruction (relaxed SIMD's f32x4.relaxed_madd, fused where the CPU has FMA).
// Debian's clang 14 knows only the proposal's early opcode for it; build.sh rewrites that to the
// standard one, and with its operands in the standard's order (a·b + acc) this computes the same.
typedef float f32x4_t __attribute__((vector_size(16)));
INLINE vec fma4(vec acc, vec a, vec b) { return (vec)__builtin_wasm_fma_f32x4((f32x4_t)a, (f32x4_t)b, (f32x4_t)acc); }
#else
INLINE vec fma4(vec acc, vec a, vec b) { return wasm_f32x4_add(acc, wasm_f32x4_mul(a, b)); }
#endif
/** ReLU as tfjs's cpu backend computes it: x < 0 ? 0 : x (NaN stays NaN). */
INLINE vec relu4(vec x) { return wasm_f32x4_pmax(x, wasm_f32x4_splat(0.0f)); }

/** Geometry of one convolution on a padded input: x [B, Hp, Wp, CI] → y [B, OH, OW, CO]. */
typedef struct {
  int Hp, Wp, CI, KH, KW, CO, OH, OW, sh, sw, dh, dw;
} Geo;

/** Walks output pixels q = (b·OH + oh)·OW + ow in order, giving each one's window origin in a padded input. */
typedef struct {
  int b, oh, ow;
} Cursor;

INLINE Cursor cursor_at(const Geo *g, int q) {
  const Cursor c = {q / (g->OH * g->OW), (q / g->OW) % g->OH, q % g->OW};
  return c;
}

/** Offset (floats) of the cursor's window origin in a padded input with `cs` floats per pixel; then steps to the next pixel. */
INLINE int cursor_next(const Geo *g, Cursor *c, int cs) {
  const int base = ((c->b * g->Hp + c->oh * g->sh) * g->Wp + c->ow * g->sw) * cs;
  if (++c->ow == g->OW) {
    c->ow = 0;
    if (++c->oh == g->OH) {
      c->oh = 0;
      c->b++;
    }
  }
  return base;
}

/** Offset (floats) of weight row `tap` = (kh, kw, ci) from a window's origin in a padded input. */
INLINE int tap_offset(const Geo *g, int tap) {
  const int CI = g->CI, ci = tap % CI, kw = (tap / CI) % g->KW, kh = tap / (CI * g->KW);
  return (kh * g->dh * g->Wp + kw * g->dw) * CI + ci;
}

/**
 * Two pixels' values a, b (splats) times three whole vectors of their six channels, added to acc:
 * [a c0–3] [a c4–5, b c0–1] [b c2–5] (the pixel-pair layout of six channels; see fwd_pair_tile).
 */
INLINE void pair_fma(vec acc[3], vec a, vec b, vec v0, vec v1, vec v2) {
  acc[0] = fma4(acc[0], a, v0);
  acc[1] = fma4(acc[1], wasm_i32x4_shuffle(a, b, 0, 1, 4, 5), v1);
  acc[2] = fma4(acc[2], b, v2);
}

// ---- copies -----------------------------------------------------------------------------

// memory.copy / memory.fill are calls into the browser's wasm runtime, slow for the short rows copied here.
INLINE void copy_f32(f32 *dst, const f32 *src, int n) {
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, wasm_v128_load(src + i));
  if (i < n) store_n(dst + i, load_n(src + i, n - i), n - i);
}

INLINE void zero_short(f32 *dst, int n) {
  const vec z = wasm_f32x4_splat(0.0f);
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(dst + i, z);
  if (i < n) store_n(dst + i, z, n - i);
}

/** p[0..n) = 0. */
EXPORT(zero_f32)
void zero_f32(f32 *p, int n) {
  if (n >= 1024) __builtin_memset(p, 0, (unsigned long)n * sizeof(f32));
  else zero_short(p, n);
}

/**
 * out [B, Hp, Wp, cs] = x [B, H, W, C] placed at (pt, pl), zeros around (and in channels C..cs).
 * cs ≥ C is the output's floats per pixel.
 */
static void pad_nhwc(const f32 *x, int H, int W, int C, int pt, int pl, int Hp, int Wp, int cs, f32 *out, int b0, int b1) {
  const int row = Wp * cs;
  for (int b = b0; b < b1; b++) {
    f32 *img = out + (long)b * Hp * row;
    for (int h = 0; h < Hp; h++) {
      f32 *dst = img + h * row;
      const int ih = h - pt;
      if (ih < 0 || ih >= H) {
        zero_short(dst, row);
        continue;
      }
      const f32 *src = x + ((long)b * H + ih) * W * C;
      zero_short(dst, pl * cs);
      if (cs == C) copy_f32(dst + pl * C, src, W * C);
      else
        for (int w = 0; w < W; w++) {
          copy_f32(dst + (pl + w) * cs, src + w * C, C);
          zero_short(dst + (pl + w) * cs + C, cs - C);
        }
      zero_short(dst + (pl + W) * cs, (Wp - pl - W) * cs);
    }
  }
}

/** x [B, H, W, C] = the window at (pt, pl) of a padded [B, Hp, Wp, cs]. */
static void crop_nhwc(const f32 *in, int Hp, int Wp, int cs, int pt, int pl, f32 *x, int H, int W, int C, int b0, int b1) {
  for (int b = b0; b < b1; b++)
    for (int h = 0; h < H; h++) {
      const f32 *src = in + (((long)b * Hp + h + pt) * Wp + pl) * cs;
      f32 *dst = x + ((long)b * H + h) * W * C;
      if (cs == C) copy_f32(dst, src, W * C);
      else
        for (int w = 0; w < W; w++) copy_f32(dst + w * C, src + w * cs, C);
    }
}

// ---- forward: y = act(conv(x, w) + bias) -----------------------------------------------------

/**
 * P output pixels × V channel vectors starting at channel c0. wp: packed weights [KH·KW·CI][CO4]
 * (HWIO rows, channels padded to CO4 with zeros); bias: CO4 floats or null.
 */
INLINE void fwd_tile(const int P, const int V, const Geo *g, const f32 *xp, const int *base, const f32 *wp, int CO4,
                     const f32 *bias, int c0, int relu, f32 *y, int q) {
  vec acc[12][4];
  UNROLL for (int p = 0; p < P; p++)
    UNROLL for (int v = 0; v < V; v++) acc[p][v] = bias ? wasm_v128_load(bias + c0 + 4 * v) : wasm_f32x4_splat(0.0f);
  const f32 *wt = wp + c0;
  const int CI = g->CI;
  // With dilation 1 across, a kernel row's taps (kw, ci) are one contiguous run of KW·CI inputs.
  const int run = g->dw == 1 ? g->KW * CI : CI;
  const int runs = g->dw == 1 ? 1 : g->KW;
  for (int kh = 0; kh < g->KH; kh++) {
    for (int r = 0; r < runs; r++) {
      const int off = (kh * g->dh * g->Wp + r * g->dw) * CI;
      const f32 *xs[12];
      UNROLL for (int p = 0; p < P; p++) xs[p] = xp + base[p] + off;
      for (int j = 0; j < run; j++) {
        vec wv[4];
        UNROLL for (int v = 0; v < V; v++) wv[v] = wasm_v128_load(wt + 4 * v);
        wt += CO4;
        UNROLL for (int p = 0; p < P; p++) {
          const vec s = wasm_v128_load32_splat(xs[p] + j);
          UNROLL for (int v = 0; v < V; v++) acc[p][v] = fma4(acc[p][v], s, wv[v]);
        }
      }
    }
  }
  const int CO = g->CO;
  UNROLL for (int p = 0; p < P; p++) {
    f32 *out = y + (long)(q + p) * CO + c0;
    UNROLL for (int v = 0; v < V; v++) {
      const vec r = relu ? relu4(acc[p][v]) : acc[p][v];
      store_n(out + 4 * v, r, CO - c0 - 4 * v);
    }
  }
}

/** Pixels [q0, q1) for channel vectors [c0, c0 + 4V): blocks of P, the last one overlapping (idempotent). */
INLINE void fwd_pixels(const int P, const int V, const Geo *g, const f32 *xp, const f32 *wp, int CO4, const f32 *bias,
                       int c0, int relu, f32 *y, int q0, int q1) {
  int base[12];
  if (q1 - q0 < P) {
    Cursor c = cursor_at(g, q0);
    for (int q = q0; q < q1; q++) {
      base[0] = cursor_next(g, &c, g->CI);
      fwd_tile(1, V, g, xp, base, wp, CO4, bias, c0, relu, y, q);
    }
    return;
  }
  Cursor c = cursor_at(g, q0);
  for (int q = q0; q < q1; q += P) {
    if (q + P > q1) {
      q = q1 - P;
      c = cursor_at(g, q);
    }
    UNROLL for (int p = 0; p < P; p++) base[p] = cursor_next(g, &c, g->CI);
    fwd_tile(P, V, g, xp, base, wp, CO4, bias, c0, relu, y, q);
  }
}

INLINE void fwd_v1(const Geo *g, const f32 *xp, const f32 *wp, int CO4, const f32 *bias, int c0, int relu, f32 *y, int q0, int q1) { fwd_pixels(FWD_P1, 1, g, xp, wp, CO4, bias, c0, relu, y, q0, q1); }
INLINE void fwd_v2(const Geo *g, const f32 *xp, const f32 *wp, int CO4, const f32 *bias, int c0, int relu, f32 *y, int q0, int q1) { fwd_pixels(FWD_P2, 2, g, xp, wp, CO4, bias, c0, relu, y, q0, q1); }
INLINE void fwd_v3(const Geo *g, const f32 *xp, const f32 *wp, int CO4, const f32 *bias, int c0, int relu, f32 *y, int q0, int q1) { fwd_pixels(FWD_P3, 3, g, xp, wp, CO4, bias, c0, relu, y, q0, q1); }
INLINE void fwd_v4(const Geo *g, const f32 *xp, const f32 *wp, int CO4, const f32 *bias, int c0, int relu, f32 *y, int q0, int q1) { fwd_pixels(FWD_P4, 4, g, xp, wp, CO4, bias, c0, relu, y, q0, q1); }

/**
 * y [B, OH, OW, CO] (images b0..b1) = act(conv(xp, w) + bias) on an already padded input
 * xp [B, Hp, Wp, CI]; stride (sh, sw), dilation (dh, dw); relu: 0 linear, 1 ReLU.
 */
/**
 * Six output channels (LeNet's C1): two neighbouring output pixels fill three whole vectors
 * [p c0–3] [p c4–5, p+1 c0–1] [p+1 c2–5], as they lie in y, where channel vectors would waste a
 * quarter of every vector. w2: each HWIO row twice, [K][12] (pack_pairs). P pairs per tile, pixels
 * q .. q + 2P − 1 (a pair's second pixel may be its first, for an odd pixel at the end).
 */
INLINE void fwd_pair_tile(const int P, const int RUN, const Geo *g, const f32 *xp, const int *base, const f32 *w2, const f32 *bias2, int relu, f32 *y,
                          int q, int single) {
  vec acc[6][3];
  UNROLL for (int p = 0; p < P; p++)
    UNROLL for (int v = 0; v < 3; v++) acc[p][v] = bias2 ? wasm_v128_load(bias2 + 4 * v) : wasm_f32x4_splat(0.0f);
  const f32 *wt = w2;
  const int CI = g->CI;
  // RUN: the run's length where it is known when compiling (a short run, as C1's 5, is unrolled).
  const int run = RUN ? RUN : g->dw == 1 ? g->KW * CI : CI;
  const int runs = g->dw == 1 ? 1 : g->KW;
  for (int kh = 0; kh < g->KH; kh++) {
    for (int r = 0; r < runs; r++) {
      const int off = (kh * g->dh * g->Wp + r * g->dw) * CI;
      const f32 *xs[12];
      UNROLL for (int p = 0; p < 2 * P; p++) xs[p] = xp + base[p] + off;
      for (int j = 0; j < run; j++) {
        const vec w0 = wasm_v128_load(wt), w1 = wasm_v128_load(wt + 4), w2v = wasm_v128_load(wt + 8);
        wt += 12;
        UNROLL for (int p = 0; p < P; p++) {
          const vec a = wasm_v128_load32_splat(xs[2 * p] + j), b = wasm_v128_load32_splat(xs[2 * p + 1] + j);
          pair_fma(acc[p], a, b, w0, w1, w2v);
        }
      }
    }
  }
  UNROLL for (int p = 0; p < P; p++) {
    f32 *out = y + (long)(q + 2 * p) * 6;
    UNROLL for (int v = 0; v < 3; v++) {
      const vec o = relu ? relu4(acc[p][v]) : acc[p][v];
      // A lone last pixel (single) writes its own six floats only.
      if (!single) wasm_v128_store(out + 4 * v, o);
      else if (v == 0) wasm_v128_store(out, o);
      else if (v == 1) wasm_v128_store64_lane(out + 4, o, 0);
    }
  }
}

/** Pixels [q0, q1) of six channels: blocks of P pairs, the last one overlapping (idempotent); P = 1 when they are fewer. */
INLINE void fwd_pair_pixels(const int P, const int RUN, const Geo *g, const f32 *xp, const f32 *w2, const f32 *bias2, int relu, f32 *y, int q0, int q1) {
  int base[12];
  if (q1 - q0 < 2 * P) {
    Cursor c = cursor_at(g, q0);
    for (int q = q0; q < q1; q += 2) {
      base[0] = cursor_next(g, &c, g->CI);
      base[1] = q + 1 < q1 ? cursor_next(g, &c, g->CI) : base[0];
      fwd_pair_tile(1, RUN, g, xp, base, w2, bias2, relu, y, q, q + 1 >= q1);
    }
    return;
  }
  Cursor c = cursor_at(g, q0);
  for (int q = q0; q < q1; q += 2 * P) {
    if (q + 2 * P > q1) {
      q = q1 - 2 * P;
      c = cursor_at(g, q);
    }
    UNROLL for (int p = 0; p < 2 * P; p++) base[p] = cursor_next(g, &c, g->CI);
    fwd_pair_tile(P, RUN, g, xp, base, w2, bias2, relu, y, q, 0);
  }
}

__attribute__((noinline)) static void fwd_pairs(const f32 *xp, int Hp, int Wp, int CI, int KH, int KW, int OH, int OW, int sh, int sw,
                                                int dh, int dw, const f32 *w2, const f32 *bias2, int relu, f32 *y, int q0, int q1) {
  const Geo g = {Hp, Wp, CI, KH, KW, 6, OH, OW, sh, sw, dh, dw};
  if (dw == 1 && KW * CI == 5) fwd_pair_pixels(FWD_PAIRS, 5, &g, xp, w2, bias2, relu, y, q0, q1);
  else fwd_pair_pixels(FWD_PAIRS, 0, &g, xp, w2, bias2, relu, y, q0, q1);
}

/** w2 [K][2·CO] = each row of w [K][CO] twice (for CO = 6: the weights of fwd_pair_tile's three vectors). */
EXPORT(pack_pairs)
void pack_pairs(const f32 *w, int K, int CO, f32 *w2) {
  for (int k = 0; k < K; k++) {
    copy_f32(w2 + (long)k * 2 * CO, w + (long)k * CO, CO);
    copy_f32(w2 + (long)k * 2 * CO + CO, w + (long)k * CO, CO);
  }
}

static void conv_fwd(const f32 *xp, int Hp, int Wp, int CI, const f32 *wp, const f32 *bias, int KH, int KW, int CO, f32 *y, int OH,
              int OW, int sh, int sw, int dh, int dw, int relu, int b0, int b1) {
  const Geo g = {Hp, Wp, CI, KH, KW, CO, OH, OW, sh, sw, dh, dw};
  // Six channels: wp and bias are in pack_pairs's layout (the caller packs them so).
  if (CO == 6) {
    fwd_pairs(xp, Hp, Wp, CI, KH, KW, OH, OW, sh, sw, dh, dw, wp, bias, relu, y, b0 * OH * OW, b1 * OH * OW);
    return;
  }
  const int CO4 = (CO + 3) & ~3;
  const int q0 = b0 * OH * OW, q1 = b1 * OH * OW;
  for (int c0 = 0; c0 < CO4;) {
    const int left = (CO4 - c0) / 4;
    if (left >= 4 && FWD_VMAX >= 4) { fwd_v4(&g, xp, wp, CO4, bias, c0, relu, y, q0, q1); c0 += 16; }
    else if (left >= 3 && FWD_VMAX >= 3) { fwd_v3(&g, xp, wp, CO4, bias, c0, relu, y, q0, q1); c0 += 12; }
    else if (left == 2) { fwd_v2(&g, xp, wp, CO4, bias, c0, relu, y, q0, q1); c0 += 8; }
    else { fwd_v1(&g, xp, wp, CO4, bias, c0, relu, y, q0, q1); c0 += 4; }
  }
}

/** wp [K][CO4] = w [K][CO] with channels padded by zeros (K = KH·KW·CI rows of HWIO weights). */
EXPORT(pack_rows)
void pack_rows(const f32 *w, int K, int CO, f32 *wp) {
  const int CO4 = (CO + 3) & ~3;
  for (int k = 0; k < K; k++) {
    copy_f32(wp + (long)k * CO4, w + (long)k * CO, CO);
    zero_short(wp + (long)k * CO4 + CO, CO4 - CO);
  }
}

// ---- dz = dy·[y > 0], db = Σ dz -------------------------------------------------------------

INLINE void dz_group(const int V, const f32 *dy, const f32 *y, f32 *dz, f32 *db, int n, int C, int c0) {
  vec acc[8];
  UNROLL for (int v = 0; v < V; v++) acc[v] = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < n; i++) {
    const long o = (long)i * C + c0;
    UNROLL for (int v = 0; v < V; v++) {
      const int lanes = C - c0 - 4 * v;
      vec d = load_n(dy + o + 4 * v, lanes);
      if (y) d = wasm_v128_and(d, wasm_f32x4_gt(load_n(y + o + 4 * v, lanes), wasm_f32x4_splat(0.0f)));
      if (dz) store_n(dz + o + 4 * v, d, lanes);
      acc[v] = wasm_f32x4_add(acc[v], d);
    }
  }
  UNROLL for (int v = 0; v < V; v++) store_n(db + c0 + 4 * v, acc[v], C - c0 - 4 * v);
}

/**
 * For n rows of C channels: dz = y ? dy·[y > 0] : dy (skipped when dz is null) and db = Σ_rows dz
 * (C floats, overwritten; skipped when db is null).
 */
static void relu_grad_sum(const f32 *dy, const f32 *y, f32 *dz, f32 *db, int n, int C) {
  for (int c0 = 0; c0 < C;) {
    const int v = (C - c0 + 3) / 4;
    if (v >= 8) { dz_group(8, dy, y, dz, db, n, C, c0); c0 += 32; }
    else if (v >= 4) { dz_group(4, dy, y, dz, db, n, C, c0); c0 += 16; }
    else if (v >= 2) { dz_group(2, dy, y, dz, db, n, C, c0); c0 += 8; }
    else { dz_group(1, dy, y, dz, db, n, C, c0); c0 += 4; }
  }
}

// ---- weight gradient: dW[kh, kw, ci, co] = Σ_pixels xp[window + tap] · dz[pixel, co] ----------

/** One pixel's share of a weight-gradient tile: acc[t][v] += x[tap t] · dz[channel vector v] (`lanes` channels left from c0). */
INLINE void dw_pixel(const int T, const int V, vec acc[12][4], const f32 *xr, const int *off, const f32 *dr, int lanes) {
  vec d[4];
  UNROLL for (int v = 0; v < V; v++) d[v] = load_n(dr + 4 * v, lanes - 4 * v);
  UNROLL for (int t = 0; t < T; t++) {
    const vec s = wasm_v128_load32_splat(xr + off[t]);
    UNROLL for (int v = 0; v < V; v++) acc[t][v] = fma4(acc[t][v], s, d[v]);
  }
}

/** T consecutive taps (rows of dW) × V channel vectors, summed over the pixels of images b0..b1. */
INLINE void dw_tile(const int T, const int V, const int FLAT, const Geo *g, const f32 *xp, const f32 *dz, int t0, int c0, f32 *dw, int b0, int b1) {
  const int CI = g->CI, CO = g->CO;
  int off[12];
  UNROLL for (int t = 0; t < T; t++) off[t] = tap_offset(g, t0 + t);
  vec acc[12][4];
  UNROLL for (int t = 0; t < T; t++)
    UNROLL for (int v = 0; v < V; v++) acc[t][v] = wasm_f32x4_splat(0.0f);
  const int colStep = g->sw * CI;
  if (FLAT) {
    // One output pixel per image (C5, a dense layer): one flat loop over the images, not three nested
    // (a variant of its own: in one function with the other loop, V8 allocates registers worse for both).
    const long xStep = (long)g->Hp * g->Wp * CI;
    const f32 *xr = xp + (long)b0 * xStep;
    const f32 *dr = dz + (long)b0 * CO + c0;
    for (int b = b0; b < b1; b++, xr += xStep, dr += CO) {
      dw_pixel(T, V, acc, xr, off, dr, CO - c0);
    }
  } else
  for (int b = b0; b < b1; b++) {
    for (int oh = 0; oh < g->OH; oh++) {
      const f32 *xr = xp + ((long)(b * g->Hp + oh * g->sh) * g->Wp) * CI;
      const f32 *dr = dz + ((long)(b * g->OH + oh) * g->OW) * CO + c0;
      for (int ow = 0; ow < g->OW; ow++) {
        dw_pixel(T, V, acc, xr, off, dr, CO - c0);
        xr += colStep;
        dr += CO;
      }
    }
  }
  UNROLL for (int t = 0; t < T; t++)
    UNROLL for (int v = 0; v < V; v++) store_n(dw + (long)(t0 + t) * CO + c0 + 4 * v, acc[t][v], CO - c0 - 4 * v);
}

/** Taps per tile for V channel vectors: T·V ≤ DW_TILE and T ≤ 8, balanced so that the passes are even. */
INLINE int dw_taps_per_tile(int taps, int V) {
  const int tmax = DW_TILE / V < 8 ? DW_TILE / V : 8;
  const int passes = (taps + tmax - 1) / tmax;
  return (taps + passes - 1) / passes;
}

// One function per tile shape: inlined together they would be too big to keep in registers.
#define DW_FN(T, V) DW_FN_(T, V, dw_##T##_##V, 0) DW_FN_(T, V, dwf_##T##_##V, 1)
#define DW_FN_(T, V, NAME, FLAT)                                                                                         \
  __attribute__((noinline)) static void NAME(const f32 *xp, int Hp, int Wp, int CI, const f32 *dz, int KH, int KW,       \
                                             int CO, f32 *dw, int OH, int OW, int sh, int sw, int dh, int dwd,            \
                                             int b0, int b1, int t0, int c0) {                                          \
    const Geo g = {Hp, Wp, CI, KH, KW, CO, OH, OW, sh, sw, dh, dwd};                                                    \
    dw_tile(T, V, FLAT, &g, xp, dz, t0, c0, dw, b0, b1);                                                                \
  }
DW_FN(1, 1) DW_FN(2, 1) DW_FN(3, 1) DW_FN(4, 1) DW_FN(5, 1) DW_FN(6, 1)
DW_FN(7, 1) DW_FN(8, 1)
DW_FN(1, 2) DW_FN(2, 2) DW_FN(3, 2) DW_FN(4, 2) DW_FN(5, 2) DW_FN(6, 2)
DW_FN(1, 3) DW_FN(2, 3) DW_FN(3, 3) DW_FN(4, 3)
DW_FN(1, 4) DW_FN(2, 4) DW_FN(3, 4)
#undef DW_FN
#undef DW_FN_

/** One unit of weight-gradient work: taps [t0, t0 + n) × V channel vectors from c0, over images b0..b1. */
static void dw_unit(int V, int n, const f32 *xp, int Hp, int Wp, int CI, const f32 *dz, int KH, int KW, int CO, f32 *dw, int OH,
                    int OW, int sh, int sw, int dh, int dwd, int b0, int b1, int t0, int c0) {
  const int flat = OH == 1 && OW == 1;
#define DW_CALL(T, W)                                                                                                    \
  if (n == T && V == W && T * W <= DW_TILE) {                                                                           \
    (flat ? dwf_##T##_##W : dw_##T##_##W)(xp, Hp, Wp, CI, dz, KH, KW, CO, dw, OH, OW, sh, sw, dh, dwd, b0, b1, t0, c0);  \
    return;                                                                                                             \
  }
  DW_CALL(1, 1) DW_CALL(2, 1) DW_CALL(3, 1) DW_CALL(4, 1) DW_CALL(5, 1) DW_CALL(6, 1)
  DW_CALL(7, 1) DW_CALL(8, 1)
  DW_CALL(1, 2) DW_CALL(2, 2) DW_CALL(3, 2) DW_CALL(4, 2) DW_CALL(5, 2) DW_CALL(6, 2)
  DW_CALL(1, 3) DW_CALL(2, 3) DW_CALL(3, 3) DW_CALL(4, 3)
  DW_CALL(1, 4) DW_CALL(2, 4) DW_CALL(3, 4)
#undef DW_CALL
}

/**
 * Six output channels (C1): T taps over pixel pairs, whose twelve dz floats are three whole vectors
 * (see fwd_pair_tile); acc[t] = [even c0–3] [even c4–5, odd c0–1] [odd c2–5], folded at the end.
 */
INLINE void dw_pair_tile(const int T, const Geo *g, const f32 *xp, const f32 *dz, int t0, f32 *dw, int b0, int b1) {
  const int CI = g->CI;
  int off[8];
  UNROLL for (int t = 0; t < T; t++) off[t] = tap_offset(g, t0 + t);
  vec acc[8][3];
  UNROLL for (int t = 0; t < T; t++)
    UNROLL for (int v = 0; v < 3; v++) acc[t][v] = wasm_f32x4_splat(0.0f);
  const int colStep = g->sw * CI;
  const vec zero = wasm_f32x4_splat(0.0f);
  for (int b = b0; b < b1; b++) {
    for (int oh = 0; oh < g->OH; oh++) {
      const f32 *xr = xp + ((long)(b * g->Hp + oh * g->sh) * g->Wp) * CI;
      const f32 *dr = dz + ((long)(b * g->OH + oh) * g->OW) * 6;
      int ow = 0;
      for (; ow + 2 <= g->OW; ow += 2) {
        const vec d0 = wasm_v128_load(dr), d1 = wasm_v128_load(dr + 4), d2 = wasm_v128_load(dr + 8);
        UNROLL for (int t = 0; t < T; t++) {
          const vec a = wasm_v128_load32_splat(xr + off[t]), c = wasm_v128_load32_splat(xr + colStep + off[t]);
          pair_fma(acc[t], a, c, d0, d1, d2);
        }
        xr += 2 * colStep;
        dr += 12;
      }
      if (ow < g->OW) {
        // A row's odd last pixel: its c4–5 in lanes 0–1, zeros (not 0·x, which may be NaN) in 2–3.
        const vec d0 = wasm_v128_load(dr), d1 = wasm_v128_load64_zero(dr + 4);
        UNROLL for (int t = 0; t < T; t++) {
          const vec a = wasm_v128_load32_splat(xr + off[t]);
          acc[t][0] = fma4(acc[t][0], a, d0);
          acc[t][1] = fma4(acc[t][1], wasm_i32x4_shuffle(a, zero, 0, 1, 4, 5), d1);
        }
      }
    }
  }
  UNROLL for (int t = 0; t < T; t++) {
    f32 *out = dw + (long)(t0 + t) * 6;
    wasm_v128_store(out, wasm_f32x4_add(acc[t][0], wasm_i32x4_shuffle(acc[t][1], acc[t][2], 2, 3, 4, 5)));
    wasm_v128_store64_lane(out + 4, wasm_f32x4_add(acc[t][1], wasm_i32x4_shuffle(acc[t][2], acc[t][2], 2, 3, 0, 1)), 0);
  }
}

#define DW_PAIR_FN(T)                                                                                                    \
  __attribute__((noinline)) static void dwp_##T(const f32 *xp, int Hp, int Wp, int CI, const f32 *dz, int KH, int KW, int OH, \
                                                int OW, int sh, int sw, int dh, int dwd, int b0, int b1, int t0, f32 *dw) { \
    const Geo g = {Hp, Wp, CI, KH, KW, 6, OH, OW, sh, sw, dh, dwd};                                                     \
    dw_pair_tile(T, &g, xp, dz, t0, dw, b0, b1);                                                                        \
  }
DW_PAIR_FN(1) DW_PAIR_FN(2) DW_PAIR_FN(3) DW_PAIR_FN(4)
#undef DW_PAIR_FN

/** Units of the six-channel weight gradient: tiles of at most DW_PAIR_TAPS taps, sizes differing by at most one. */
INLINE int dw_pair_units(int taps) { return (taps + DW_PAIR_TAPS - 1) / DW_PAIR_TAPS; }

static void dw_pair_unit(int u, int units, const f32 *xp, int Hp, int Wp, int CI, const f32 *dz, int KH, int KW, f32 *dw, int OH,
                         int OW, int sh, int sw, int dh, int dwd, int b0, int b1) {
  const int taps = KH * KW * CI;
  const int t0 = (int)((long)u * taps / units), n = (int)((long)(u + 1) * taps / units) - t0;
#define DWP_ARGS xp, Hp, Wp, CI, dz, KH, KW, OH, OW, sh, sw, dh, dwd, b0, b1, t0, dw
  switch (n) {
    case 1: dwp_1(DWP_ARGS); break;
    case 2: dwp_2(DWP_ARGS); break;
    case 3: dwp_3(DWP_ARGS); break;
    default: dwp_4(DWP_ARGS); break;
  }
#undef DWP_ARGS
}

/**
 * The weight gradient is split into units (a tile of taps × a group of up to 4 channel vectors,
 * over every image), each one written by whoever runs it: no partial sums to add up. Units are
 * numbered group by group.
 */
EXPORT(filter_grad_units)
int filter_grad_units(int KH, int KW, int CI, int CO) {
  const int taps = KH * KW * CI, NV = (CO + 3) / 4;
  if (CO == 6) return dw_pair_units(taps);
  int units = 0;
  for (int v0 = 0; v0 < NV; v0 += DW_VMAX) {
    const int V = NV - v0 < DW_VMAX ? NV - v0 : DW_VMAX;
    const int T = dw_taps_per_tile(taps, V);
    units += (taps + T - 1) / T;
  }
  return units;
}

/** Units u0..u1 of the weight gradient over images b0..b1 (see conv_filter_grad). */
static void filter_grad(const f32 *xp, int Hp, int Wp, int CI, const f32 *dz, int KH, int KW, int CO, f32 *dw, int OH, int OW,
                        int sh, int sw, int dh, int dwd, int b0, int b1, int u0, int u1) {
  const int taps = KH * KW * CI, NV = (CO + 3) / 4;
  if (CO == 6) {
    const int units = dw_pair_units(taps);
    for (int u = u0; u < u1 && u < units; u++) dw_pair_unit(u, units, xp, Hp, Wp, CI, dz, KH, KW, dw, OH, OW, sh, sw, dh, dwd, b0, b1);
    return;
  }
  int u = 0;
  for (int v0 = 0; v0 < NV && u < u1; v0 += DW_VMAX) {
    const int V = NV - v0 < DW_VMAX ? NV - v0 : DW_VMAX;
    const int T = dw_taps_per_tile(taps, V);
    for (int t0 = 0; t0 < taps && u < u1; t0 += T, u++) {
      if (u < u0) continue;
      const int n = taps - t0 < T ? taps - t0 : T;
      dw_unit(V, n, xp, Hp, Wp, CI, dz, KH, KW, CO, dw, OH, OW, sh, sw, dh, dwd, b0, b1, t0, 4 * v0);
    }
  }
}

/**
 * dw [KH, KW, CI, CO] = Σ over all B images of xp (padded input [B, Hp, Wp, CI]) ⋆ dz [B, OH, OW, CO],
 * units u0..u1 of filter_grad_units.
 */
EXPORT(conv_filter_grad)
void conv_filter_grad(const f32 *xp, int Hp, int Wp, int CI, const f32 *dz, int KH, int KW, int CO, f32 *dw, int OH, int OW,
                      int sh, int sw, int dh, int dwd, int B, int u0, int u1) {
  filter_grad(xp, Hp, Wp, CI, dz, KH, KW, CO, dw, OH, OW, sh, sw, dh, dwd, 0, B, u0, u1);
}

// ---- input gradient: dxp[window + tap, ci] += Σ_co dz[pixel, co] · W[tap, ci, co] -------------

/**
 * P pixels × V input-channel vectors: scatter-adds every tap's contribution into dxp
 * ([B, Hp, Wp, CI4], CI4 floats per pixel so vectors never cross pixels). wt: [KH·KW][CO][CI4].
 */
INLINE void dx_tile(const int P, const int V, const Geo *g, f32 *dxp, const int *base, const f32 *wt, int CI4, const f32 *dz, int c0, int q) {
  const int CO = g->CO;
  const f32 *dzq = dz + (long)q * CO;
  for (int kh = 0; kh < g->KH; kh++) {
    for (int kw = 0; kw < g->KW; kw++) {
      const int off = (kh * g->dh * g->Wp + kw * g->dw) * CI4 + c0;
      vec acc[12][4];
      UNROLL for (int p = 0; p < P; p++)
        UNROLL for (int v = 0; v < V; v++) acc[p][v] = wasm_v128_load(dxp + base[p] + off + 4 * v);
      const f32 *w = wt + (long)((kh * g->KW + kw) * CO) * CI4 + c0;
      for (int co = 0; co < CO; co++) {
        vec wv[4];
        UNROLL for (int v = 0; v < V; v++) wv[v] = wasm_v128_load(w + 4 * v);
        w += CI4;
        UNROLL for (int p = 0; p < P; p++) {
          const vec s = wasm_v128_load32_splat(dzq + p * CO + co);
          UNROLL for (int v = 0; v < V; v++) acc[p][v] = fma4(acc[p][v], s, wv[v]);
        }
      }
      UNROLL for (int p = 0; p < P; p++)
        UNROLL for (int v = 0; v < V; v++) wasm_v128_store(dxp + base[p] + off + 4 * v, acc[p][v]);
    }
  }
}

INLINE void dx_pixels(const int P, const int V, const Geo *g, f32 *dxp, const f32 *wt, int CI4, const f32 *dz, int c0, int q0, int q1) {
  int base[12];
  int q = q0;
  Cursor c = cursor_at(g, q0);
  for (; q + P <= q1; q += P) {
    UNROLL for (int p = 0; p < P; p++) base[p] = cursor_next(g, &c, CI4);
    dx_tile(P, V, g, dxp, base, wt, CI4, dz, c0, q);
  }
  for (; q < q1; q++) {
    base[0] = cursor_next(g, &c, CI4);
    dx_tile(1, V, g, dxp, base, wt, CI4, dz, c0, q);
  }
}

INLINE void dx_v1(const Geo *g, f32 *dxp, const f32 *wt, int CI4, const f32 *dz, int c0, int q0, int q1) { dx_pixels(DX_P1, 1, g, dxp, wt, CI4, dz, c0, q0, q1); }
INLINE void dx_v2(const Geo *g, f32 *dxp, const f32 *wt, int CI4, const f32 *dz, int c0, int q0, int q1) { dx_pixels(DX_P2, 2, g, dxp, wt, CI4, dz, c0, q0, q1); }
INLINE void dx_v3(const Geo *g, f32 *dxp, const f32 *wt, int CI4, const f32 *dz, int c0, int q0, int q1) { dx_pixels(DX_P3, 3, g, dxp, wt, CI4, dz, c0, q0, q1); }
INLINE void dx_v4(const Geo *g, f32 *dxp, const f32 *wt, int CI4, const f32 *dz, int c0, int q0, int q1) { dx_pixels(DX_P4, 4, g, dxp, wt, CI4, dz, c0, q0, q1); }

/**
 * dxp [B, Hp, Wp, CI4] (images b0..b1, zeroed by the caller) += the transposed convolution of
 * dz [B, OH, OW, CO] with wt = W rearranged as [KH·KW][CO][CI4] (see pack_filter_t).
 */
static void conv_grad_input(f32 *dxp, int Hp, int Wp, int CI, const f32 *wt, int KH, int KW, int CO, const f32 *dz, int OH, int OW,
                     int sh, int sw, int dh, int dw, int b0, int b1) {
  const int CI4 = (CI + 3) & ~3;
  const Geo g = {Hp, Wp, CI4, KH, KW, CO, OH, OW, sh, sw, dh, dw};
  const int q0 = b0 * OH * OW, q1 = b1 * OH * OW;
  for (int c0 = 0; c0 < CI4;) {
    const int left = (CI4 - c0) / 4;
    if (left >= 4 && DX_VMAX >= 4) { dx_v4(&g, dxp, wt, CI4, dz, c0, q0, q1); c0 += 16; }
    else if (left >= 3 && DX_VMAX >= 3) { dx_v3(&g, dxp, wt, CI4, dz, c0, q0, q1); c0 += 12; }
    else if (left == 2) { dx_v2(&g, dxp, wt, CI4, dz, c0, q0, q1); c0 += 8; }
    else { dx_v1(&g, dxp, wt, CI4, dz, c0, q0, q1); c0 += 4; }
  }
}

/**
 * Whether the input gradient runs as pixel pairs (six input channels, as C3's; see dx_pair_tile):
 * two neighbouring output pixels then touch two neighbouring input pixels, twelve floats in a row,
 * which needs stride 1 across and rows of an even number of output pixels. dxp then has 6 floats
 * per pixel (else CI4) and wt rows of 12 (else CI4).
 */
EXPORT(dx_pairs)
int dx_pairs(int CI, int sw, int OW) { return CI == 6 && sw == 1 && OW % 2 == 0; }

/** Floats per pixel of dxp, and per row of wt: 6 (pairs: each row twice, 12) or CI4. */
INLINE int dx_stride(int CI, int pairs) { return pairs ? 6 : (CI + 3) & ~3; }

/**
 * wt [KH·KW][CO][CI4] from HWIO w [KH·KW][CI][CO], input channels padded with zeros; for pixel pairs
 * (dx_pairs) [KH·KW][CO][12], each row of 6 twice.
 */
EXPORT(pack_filter_t)
void pack_filter_t(const f32 *w, int taps, int CI, int CO, f32 *wt, int pairs) {
  const int R = pairs ? 12 : (CI + 3) & ~3;
  for (int t = 0; t < taps; t++)
    for (int co = 0; co < CO; co++) {
      f32 *row = wt + ((long)t * CO + co) * R;
      const f32 *col = w + (long)t * CI * CO + co;
      for (int ci = 0; ci < CI; ci++) row[ci] = col[(long)ci * CO];
      if (pairs)
        for (int ci = 0; ci < 6; ci++) row[6 + ci] = row[ci];
      else
        for (int ci = CI; ci < R; ci++) row[ci] = 0.0f;
    }
}

/**
 * P pairs of output pixels (q + 2p, q + 2p + 1, in one row): for every tap, the twelve floats of the
 * two input pixels it touches get Σ_co dz·W in three whole vectors (the layout of fwd_pair_tile).
 * Pixels of different pairs touch different input pixels at one tap, so each tap is one
 * load-add-store per vector.
 */
INLINE void dx_pair_tile(const int P, const Geo *g, f32 *dxp, const int *base, const f32 *wt, const f32 *dz, int q) {
  const int CO = g->CO;
  const f32 *dzq = dz + (long)q * CO;
  for (int kh = 0; kh < g->KH; kh++) {
    for (int kw = 0; kw < g->KW; kw++) {
      const int off = (kh * g->dh * g->Wp + kw * g->dw) * 6;
      vec acc[4][3];
      UNROLL for (int p = 0; p < P; p++)
        UNROLL for (int v = 0; v < 3; v++) acc[p][v] = wasm_v128_load(dxp + base[p] + off + 4 * v);
      const f32 *w = wt + (long)((kh * g->KW + kw) * CO) * 12;
      for (int co = 0; co < CO; co++) {
        const vec w0 = wasm_v128_load(w), w1 = wasm_v128_load(w + 4), w2 = wasm_v128_load(w + 8);
        w += 12;
        UNROLL for (int p = 0; p < P; p++) {
          const vec a = wasm_v128_load32_splat(dzq + 2 * p * CO + co), b = wasm_v128_load32_splat(dzq + (2 * p + 1) * CO + co);
          pair_fma(acc[p], a, b, w0, w1, w2);
        }
      }
      UNROLL for (int p = 0; p < P; p++)
        UNROLL for (int v = 0; v < 3; v++) wasm_v128_store(dxp + base[p] + off + 4 * v, acc[p][v]);
    }
  }
}

/** Pixels [q0, q1) (whole rows) as pairs, DX_PAIRS pairs per tile, then single pairs (no overlap: the tiles add). */
__attribute__((noinline)) static void dx_pairs_run(f32 *dxp, int Hp, int Wp, const f32 *wt, int KH, int KW, int CO, const f32 *dz, int OH,
                                                   int OW, int sh, int dh, int dw, int q0, int q1) {
  const Geo g = {Hp, Wp, 6, KH, KW, CO, OH, OW, sh, 1, dh, dw};
  int base[DX_PAIRS];
  Cursor c = cursor_at(&g, q0);
  int q = q0;
  for (; q + 2 * DX_PAIRS <= q1; q += 2 * DX_PAIRS) {
    UNROLL for (int p = 0; p < DX_PAIRS; p++) {
      base[p] = cursor_next(&g, &c, 6);
      cursor_next(&g, &c, 6);
    }
    dx_pair_tile(DX_PAIRS, &g, dxp, base, wt, dz, q);
  }
  for (; q < q1; q += 2) {
    base[0] = cursor_next(&g, &c, 6);
    cursor_next(&g, &c, 6);
    dx_pair_tile(1, &g, dxp, base, wt, dz, q);
  }
}

// ---- max pooling ----------------------------------------------------------------------------

/**
 * Whether the windows lie side by side without gaps or overlap, inside the image (stride = size,
 * no dilation, no padding): -1 if not, 1 if they also cover the whole image, 0 if some rows or
 * columns at the end belong to no window.
 */
INLINE int tiles(int H, int W, int KH, int KW, int sh, int sw, int dh, int dw, int pt, int pl, int OH, int OW) {
  if (sh != KH || sw != KW || dh != 1 || dw != 1 || pt != 0 || pl != 0 || OH * KH > H || OW * KW > W) return -1;
  return OH * KH == H && OW * KW == W;
}

/** Windows side by side, all inside the image (LeNet's 2×2/2): no bounds to check. */
INLINE void pool_tiled(const int KH, const int KW, const f32 *x, int H, int W, int C, f32 *y, int OH, int OW, int b0, int b1) {
  for (int b = b0; b < b1; b++)
    for (int oh = 0; oh < OH; oh++)
      for (int ow = 0; ow < OW; ow++) {
        f32 *out = y + (((long)b * OH + oh) * OW + ow) * C;
        const f32 *win = x + (((long)b * H + oh * KH) * W + ow * KW) * C;
        for (int c = 0; c < C; c += 4) {
          const int lanes = C - c;
          vec m = wasm_f32x4_splat(-__builtin_inff());
          for (int kh = 0; kh < KH; kh++)
            for (int kw = 0; kw < KW; kw++) {
              const vec v = load_n(win + (kh * W + kw) * C + c, lanes);
              m = wasm_v128_bitselect(v, m, wasm_f32x4_gt(v, m));
            }
          store_n(out + c, m, lanes);
        }
      }
}

// 2×2 windows get a function of their own, its window loops unrolled (the common case, LeNet's).
__attribute__((noinline)) static void pool_tiled_2x2(const f32 *x, int H, int W, int C, f32 *y, int OH, int OW, int b0, int b1) {
  pool_tiled(2, 2, x, H, W, C, y, OH, OW, b0, b1);
}
__attribute__((noinline)) static void pool_tiled_any(const f32 *x, int H, int W, int C, int KH, int KW, f32 *y, int OH, int OW, int b0, int b1) {
  pool_tiled(KH, KW, x, H, W, C, y, OH, OW, b0, b1);
}

/** The gradient where windows lie side by side: each input position belongs to one window, so write, not add. */
INLINE void pool_grad_tiled(const int KH, const int KW, const f32 *x, const f32 *dy, int H, int W, int C, f32 *dx, int OH, int OW, int b0, int b1) {
  for (int b = b0; b < b1; b++)
    for (int oh = 0; oh < OH; oh++)
      for (int ow = 0; ow < OW; ow++) {
        const f32 *g = dy + (((long)b * OH + oh) * OW + ow) * C;
        const long w0 = (((long)b * H + oh * KH) * W + ow * KW) * C;
        for (int c = 0; c < C; c += 4) {
          const int lanes = C - c;
          vec m = wasm_f32x4_splat(-__builtin_inff());
          vec at = wasm_i32x4_splat(-1);
          for (int kh = 0, j = 0; kh < KH; kh++)
            for (int kw = 0; kw < KW; kw++, j++) {
              const vec v = load_n(x + w0 + (kh * W + kw) * C + c, lanes);
              const vec gt = wasm_f32x4_gt(v, m);
              m = wasm_v128_bitselect(v, m, gt);
              at = wasm_v128_bitselect(wasm_i32x4_splat(j), at, gt);
            }
          const vec gv = load_n(g + c, lanes);
          for (int kh = 0, j = 0; kh < KH; kh++)
            for (int kw = 0; kw < KW; kw++, j++)
              store_n(dx + w0 + (kh * W + kw) * C + c, wasm_v128_and(gv, wasm_i32x4_eq(at, wasm_i32x4_splat(j))), lanes);
        }
      }
}

__attribute__((noinline)) static void pool_grad_tiled_2x2(const f32 *x, const f32 *dy, int H, int W, int C, f32 *dx, int OH, int OW, int b0, int b1) {
  pool_grad_tiled(2, 2, x, dy, H, W, C, dx, OH, OW, b0, b1);
}
__attribute__((noinline)) static void pool_grad_tiled_any(const f32 *x, const f32 *dy, int H, int W, int C, int KH, int KW, f32 *dx, int OH, int OW,
                                                          int b0, int b1) {
  pool_grad_tiled(KH, KW, x, dy, H, W, C, dx, OH, OW, b0, b1);
}

/**
 * y [B, OH, OW, C] = max over each window (kh·dh − pt, kw·dw − pl from (oh·sh, ow·sw)) of
 * x [B, H, W, C], skipping positions outside x. Comparisons as tfjs's cpu backend: NaN never wins.
 */
EXPORT(max_pool)
void max_pool(const f32 *x, int H, int W, int C, int KH, int KW, int sh, int sw, int dh, int dw, int pt, int pl, f32 *y, int OH,
              int OW, int b0, int b1) {
  if (tiles(H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW) >= 0) {
    if (KH == 2 && KW == 2) pool_tiled_2x2(x, H, W, C, y, OH, OW, b0, b1);
    else pool_tiled_any(x, H, W, C, KH, KW, y, OH, OW, b0, b1);
    return;
  }
  for (int b = b0; b < b1; b++)
    for (int oh = 0; oh < OH; oh++)
      for (int ow = 0; ow < OW; ow++) {
        f32 *out = y + (((long)b * OH + oh) * OW + ow) * C;
        for (int c = 0; c < C; c += 4) {
          const int lanes = C - c;
          vec m = wasm_f32x4_splat(-__builtin_inff());
          for (int kh = 0; kh < KH; kh++) {
            const int h = oh * sh + kh * dh - pt;
            if (h < 0 || h >= H) continue;
            for (int kw = 0; kw < KW; kw++) {
              const int w = ow * sw + kw * dw - pl;
              if (w < 0 || w >= W) continue;
              const vec v = load_n(x + (((long)b * H + h) * W + w) * C + c, lanes);
              m = wasm_v128_bitselect(v, m, wasm_f32x4_gt(v, m));
            }
          }
          store_n(out + c, m, lanes);
        }
      }
}

/**
 * dx [B, H, W, C] (zeroed here) gets each output's dy at the first maximum of its window (the
 * position tfjs's cpu backend picks: first strictly greater value in row-major window order).
 */
EXPORT(max_pool_grad)
void max_pool_grad(const f32 *x, const f32 *dy, int H, int W, int C, int KH, int KW, int sh, int sw, int dh, int dw, int pt,
                   int pl, f32 *dx, int OH, int OW, int b0, int b1) {
  const int tiled = tiles(H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW);
  if (tiled != 1) zero_f32(dx + (long)b0 * H * W * C, (b1 - b0) * H * W * C);
  if (tiled >= 0) {
    if (KH == 2 && KW == 2) pool_grad_tiled_2x2(x, dy, H, W, C, dx, OH, OW, b0, b1);
    else pool_grad_tiled_any(x, dy, H, W, C, KH, KW, dx, OH, OW, b0, b1);
    return;
  }
  for (int b = b0; b < b1; b++)
    for (int oh = 0; oh < OH; oh++)
      for (int ow = 0; ow < OW; ow++) {
        const f32 *g = dy + (((long)b * OH + oh) * OW + ow) * C;
        for (int c = 0; c < C; c += 4) {
          const int lanes = C - c;
          vec m = wasm_f32x4_splat(-__builtin_inff());
          vec at = wasm_i32x4_splat(-1);
          for (int kh = 0; kh < KH; kh++) {
            const int h = oh * sh + kh * dh - pt;
            if (h < 0 || h >= H) continue;
            for (int kw = 0; kw < KW; kw++) {
              const int w = ow * sw + kw * dw - pl;
              if (w < 0 || w >= W) continue;
              const int pos = (((b * H + h) * W + w) * C + c);
              const vec v = load_n(x + pos, lanes);
              const vec gt = wasm_f32x4_gt(v, m);
              m = wasm_v128_bitselect(v, m, gt);
              at = wasm_v128_bitselect(wasm_i32x4_splat(pos), at, gt);
            }
          }
          const vec gv = load_n(g + c, lanes);
          // Lane i's position is pos + i; windows may overlap, so add one lane at a time.
          if (lanes > 0 && wasm_i32x4_extract_lane(at, 0) >= 0) dx[wasm_i32x4_extract_lane(at, 0)] += wasm_f32x4_extract_lane(gv, 0);
          if (lanes > 1 && wasm_i32x4_extract_lane(at, 1) >= 0) dx[wasm_i32x4_extract_lane(at, 1) + 1] += wasm_f32x4_extract_lane(gv, 1);
          if (lanes > 2 && wasm_i32x4_extract_lane(at, 2) >= 0) dx[wasm_i32x4_extract_lane(at, 2) + 2] += wasm_f32x4_extract_lane(gv, 2);
          if (lanes > 3 && wasm_i32x4_extract_lane(at, 3) >= 0) dx[wasm_i32x4_extract_lane(at, 3) + 3] += wasm_f32x4_extract_lane(gv, 3);
        }
      }
}

// ---- sums and fills -----------------------------------------------------------------------

/** out[i] = Σ_k parts[k·n + i] for k < count (adding the threads' partial weight gradients). */
EXPORT(sum_parts)
void sum_parts(const f32 *parts, int count, int n, f32 *out) {
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    vec s = wasm_v128_load(parts + i);
    for (int k = 1; k < count; k++) s = wasm_f32x4_add(s, wasm_v128_load(parts + (long)k * n + i));
    wasm_v128_store(out + i, s);
  }
  for (; i < n; i++) {
    f32 s = parts[i];
    for (int k = 1; k < count; k++) s += parts[(long)k * n + i];
    out[i] = s;
  }
}

// ---- entry points: whole kernels for images [b0, b1) -----------------------------------------

/**
 * y [B, OH, OW, CO] = act(conv(x, w) + bias) for images b0..b1. When the input needs padding, xp is
 * scratch for the padded images [B, Hp, Wp, CI] (else xp == x). wp: weights packed by pack_rows
 * when CO % 4 (else the HWIO weights); bias: CO4 floats or null; relu: 0 linear, 1 ReLU.
 */
EXPORT(conv_forward)
void conv_forward(const f32 *x, int H, int W, int pt, int pl, f32 *xp, int Hp, int Wp, int CI, const f32 *wp, const f32 *bias,
                  int KH, int KW, int CO, f32 *y, int OH, int OW, int sh, int sw, int dh, int dw, int relu, int b0, int b1) {
  if (xp != x) pad_nhwc(x, H, W, CI, pt, pl, Hp, Wp, CI, xp, b0, b1);
  conv_fwd(xp, Hp, Wp, CI, wp, bias, KH, KW, CO, y, OH, OW, sh, sw, dh, dw, relu, b0, b1);
}

/**
 * The batch-wise part of the gradients of y = act(conv(x, W) + b), for images b0..b1 (chunk `chunk`):
 *   dz = y ? dy·[y > 0] : dy      (dz: scratch [B, OH, OW, CO] when y is given, else unused)
 *   db_parts[chunk] = Σ dz        (CO floats; skipped when db_parts is null; the caller adds them)
 *   xp = x padded                 (when xp != x: for conv_filter_grad, which runs after this)
 *   dw_parts[chunk] = x ⋆ dz      (this chunk's share of dW, [KH, KW, CI, CO]; skipped when null)
 *   dx = dz ⋆ Wᵀ                  (skipped when dx is null; wt from pack_filter_t; dxp: scratch
 *                                  [B, Hp, Wp, 6 or CI4 (dx_pairs)], or dx itself when it has that layout)
 */
EXPORT(conv_backward)
void conv_backward(const f32 *x, int H, int W, int pt, int pl, f32 *xp, int Hp, int Wp, int CI, const f32 *dy, const f32 *y,
                   f32 *dz, f32 *db_parts, const f32 *wt, f32 *dxp, f32 *dx, int KH, int KW, int CO, int OH, int OW, int sh,
                   int sw, int dh, int dw, f32 *dw_parts, int b0, int b1, int chunk) {
  const int q0 = b0 * OH * OW, n = (b1 - b0) * OH * OW;
  if (y || db_parts)
    relu_grad_sum(dy + (long)q0 * CO, y ? y + (long)q0 * CO : 0, y ? dz + (long)q0 * CO : 0, db_parts ? db_parts + (long)chunk * CO : 0, n, CO);
  const f32 *g = y ? dz : dy;
  if (xp != x) pad_nhwc(x, H, W, CI, pt, pl, Hp, Wp, CI, xp, b0, b1);
  // A layer with few units of weight gradient (C1) computes it here per chunk of images, while the
  // chunk's dz is in cache: dw_parts[chunk] = Σ over images b0..b1 (the caller adds the chunks up).
  if (dw_parts) filter_grad(xp, Hp, Wp, CI, g, KH, KW, CO, dw_parts + (long)chunk * KH * KW * CI * CO, OH, OW, sh, sw, dh, dw, b0, b1, 0, 0x7fffffff);
  if (dx) {
    const int pairs = dx_pairs(CI, sw, OW), cs = dx_stride(CI, pairs);
    zero_f32(dxp + (long)b0 * Hp * Wp * cs, (b1 - b0) * Hp * Wp * cs);
    if (pairs) dx_pairs_run(dxp, Hp, Wp, wt, KH, KW, CO, g, OH, OW, sh, dh, dw, b0 * OH * OW, b1 * OH * OW);
    else conv_grad_input(dxp, Hp, Wp, CI, wt, KH, KW, CO, g, OH, OW, sh, sw, dh, dw, b0, b1);
    if (dxp != dx) crop_nhwc(dxp, Hp, Wp, cs, pt, pl, dx, H, W, CI, b0, b1);
  }
}

/** out = v − alpha·g over n floats (a plain SGD step). */
EXPORT(sgd_step)
void sgd_step(const f32 *v, const f32 *g, f32 alpha, f32 *out, int n) {
  const vec a = wasm_f32x4_splat(alpha);
  int i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(out + i, wasm_f32x4_sub(wasm_v128_load(v + i), wasm_f32x4_mul(a, wasm_v128_load(g + i))));
  for (; i < n; i++) out[i] = v[i] - alpha * g[i];
}
