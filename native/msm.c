/*
 * Variable-time multi-scalar multiplication on ristretto255 for public scalars (proof checks).
 *
 * Built on the edwards25519 arithmetic inside libsodium (sodium_internal.h). Points stay in extended coordinates from the decoding of the inputs to
 * the encoding of the sum, so a sum of n products pays n decodings and one encoding instead of one
 * decoding and one encoding per operation.
 *
 *   - k·B + m·P (a base-point term and one other): libsodium's double-scalar multiplication, variable
 *     time, with its precomputed base-point table;
 *   - two or more non-base terms: interleaved signed sliding windows (Straus), one chain of doublings
 *     shared by every term; a base-point term is then added by libsodium's base-point multiplication.
 *
 * Field elements are only ever copied here, never read or written limb by limb (the identity comes from
 * decoding its encoding), so this file does not depend on which of libsodium's two field
 * representations (5 × 64 or 10 × 32 bits; both 40 bytes) the build uses.
 * pnyx_msm_selftest() compares the results with libsodium's public functions when the addon loads.
 */
#include "msm.h"

#include "ge.h"
#include "sodium_internal.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Odd multiples P, 3P, …, 15P kept per point (signed windows of width 5). */
#define TABLE 8

/* A projective (X:Y:Z) point in extended coordinates: ((X:Z),(Y:Z)) as a completed point. */
static void p2_to_p3(ge25519_p3 *r, const ge25519_p2 *p) {
  ge25519_p1p1 t;
  memcpy(t.X, p->X, sizeof t.X);
  memcpy(t.Y, p->Y, sizeof t.Y);
  memcpy(t.Z, p->Z, sizeof t.Z);
  memcpy(t.T, p->Z, sizeof t.T);
  ge25519_p1p1_to_p3(r, &t);
}

/*
 * Signed sliding-window digits of a 256-bit little-endian scalar: every digit is 0 or odd in
 * [−15, 15], and Σ digits[i]·2^i is the scalar.
 */
static void slide(signed char digits[256], const unsigned char k[32]) {
  for (int i = 0; i < 256; i++) digits[i] = (signed char)(1 & (k[i >> 3] >> (i & 7)));
  for (int i = 0; i < 256; i++) {
    if (!digits[i]) continue;
    for (int b = 1; b <= 6 && i + b < 256; b++) {
      if (!digits[i + b]) continue;
      if (digits[i] + (digits[i + b] << b) <= 15) {
        digits[i] += (signed char)(digits[i + b] << b);
        digits[i + b] = 0;
      } else if (digits[i] - (digits[i + b] << b) >= -15) {
        digits[i] -= (signed char)(digits[i + b] << b);
        for (int j = i + b; j < 256; j++) {
          if (!digits[j]) {
            digits[j] = 1;
            break;
          }
          digits[j] = 0;
        }
      } else {
        break;
      }
    }
  }
}

/* The identity, as libsodium decodes its encoding (32 zero bytes). */
static void identity(ge25519_p3 *acc) {
  static const unsigned char ZERO[32] = {0};
  ristretto255_frombytes(acc, ZERO);
}

static int is_base(const unsigned char p[32]) {
  static const unsigned char BASE[32] = {
      0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
      0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76};
  return memcmp(p, BASE, 32) == 0;
}

/* Straus over `n` decoded points: acc = Σ k[i]·P[i]. Returns -1 when out of memory. */
static int straus(ge25519_p3 *acc, const ge25519_p3 *points, const unsigned char (*ks)[32], size_t n) {
  ge25519_cached *tables = calloc(n, sizeof(ge25519_cached) * TABLE);
  signed char *digits = calloc(n, 256);
  if (tables == NULL || digits == NULL) {
    free(tables);
    free(digits);
    return -1;
  }
  int top = -1;
  for (size_t i = 0; i < n; i++) {
    signed char *d = digits + i * 256;
    slide(d, ks[i]);
    int most = 0; /* the largest |digit|: only the odd multiples up to it are needed (1 for a plain sum) */
    for (int b = 0; b < 256; b++) {
      int a = d[b] < 0 ? -d[b] : d[b];
      if (a > most) most = a;
      if (d[b] && b > top) top = b;
    }
    ge25519_cached *t = tables + i * TABLE;
    ge25519_p3 p = points[i];
    ge25519_p3_to_cached(&t[0], &p);
    if (most > 1) {
      ge25519_p3 twice = points[i];
      pnyx_ge_double(&twice);
      ge25519_cached c2;
      ge25519_p3_to_cached(&c2, &twice);
      for (int j = 1; j <= most >> 1; j++) {
        pnyx_ge_add(&p, &c2, 0);
        ge25519_p3_to_cached(&t[j], &p);
      }
    }
  }
  int started = 0;
  for (int b = top; b >= 0; b--) {
    if (started) pnyx_ge_double(acc);
    for (size_t i = 0; i < n; i++) {
      signed char d = digits[i * 256 + b];
      if (d == 0) continue;
      const ge25519_cached *c = &tables[i * TABLE + ((d < 0 ? -d : d) >> 1)];
      if (!started) {
        identity(acc);
        started = 1;
      }
      pnyx_ge_add(acc, c, d < 0);
    }
  }
  if (!started) identity(acc);
  free(tables);
  free(digits);
  return 0;
}

/* See msm.h. */
int pnyx_msm(unsigned char out[32], const unsigned char (*points)[32], const unsigned char (*ks)[32],
             size_t n) {
  /* One pass: base-point terms merge into kb, the others are decoded (at most n of them). */
  unsigned char kb[32] = {0};
  int has_base = 0;
  ge25519_p3 *decoded = calloc(n > 0 ? n : 1, sizeof(ge25519_p3));
  unsigned char (*scalars)[32] = calloc(n > 0 ? n : 1, 32);
  if (decoded == NULL || scalars == NULL) {
    free(decoded);
    free(scalars);
    return -2;
  }
  int rc = 0;
  size_t m = 0;
  for (size_t i = 0; i < n && rc == 0; i++) {
    if (sodium_is_zero(ks[i], 32)) continue;
    if (is_base(points[i])) {
      crypto_core_ristretto255_scalar_add(kb, kb, ks[i]);
      has_base = 1;
      continue;
    }
    if (ristretto255_frombytes(&decoded[m], points[i]) != 0) rc = -1;
    memcpy(scalars[m], ks[i], 32);
    m++;
  }
  if (rc == 0) {
    ge25519_p3 acc;
    if (m == 0) {
      ge25519_scalarmult_base(&acc, kb);
    } else if (m == 1 && has_base) {
      ge25519_p2 r;
      ge25519_double_scalarmult_vartime(&r, scalars[0], &decoded[0], kb);
      p2_to_p3(&acc, &r);
    } else if (m == 1) {
      ge25519_scalarmult(&acc, scalars[0], &decoded[0]);
    } else if (straus(&acc, decoded, (const unsigned char (*)[32])scalars, m) != 0) {
      rc = -2;
    } else if (has_base) {
      ge25519_p3 b;
      ge25519_cached c;
      ge25519_scalarmult_base(&b, kb);
      ge25519_p3_to_cached(&c, &b);
      pnyx_ge_add(&acc, &c, 0);
    }
    if (rc == 0) ristretto255_p3_tobytes(out, &acc);
  }
  free(decoded);
  free(scalars);
  return rc;
}

/* Σ k·P by libsodium's public functions, for the self-test. */
static void reference(unsigned char out[32], const unsigned char (*points)[32], const unsigned char (*ks)[32],
                      size_t n) {
  memset(out, 0, 32);
  for (size_t i = 0; i < n; i++) {
    unsigned char t[32];
    if (crypto_scalarmult_ristretto255(t, ks[i], points[i]) != 0) memset(t, 0, 32);
    if (sodium_is_zero(out, 32))
      memcpy(out, t, 32);
    else if (!sodium_is_zero(t, 32))
      crypto_core_ristretto255_add(out, out, t);
  }
}

/* See msm.h. */
int pnyx_msm_selftest(void) {
  unsigned char points[4][32], ks[4][32], a[32], b[32];
  /* Fixed inputs: points from hashes, scalars reduced from hashes, including the base point. */
  for (int i = 0; i < 4; i++) {
    unsigned char h[64], seed[2] = {'p', (unsigned char)i};
    crypto_generichash(h, 64, seed, sizeof seed, NULL, 0);
    crypto_core_ristretto255_from_hash(points[i], h);
    crypto_generichash(h, 64, h, 64, NULL, 0);
    crypto_core_ristretto255_scalar_reduce(ks[i], h);
  }
  crypto_scalarmult_ristretto255_base(points[1], (const unsigned char[32]){1});
  static const size_t sizes[][2] = {{0, 1}, {1, 1}, {0, 2}, {1, 2}, {0, 3}, {0, 4}};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    size_t from = sizes[s][0], n = sizes[s][1];
    if (pnyx_msm(a, (const unsigned char (*)[32])points + from, (const unsigned char (*)[32])ks + from, n) != 0)
      return -1;
    reference(b, (const unsigned char (*)[32])points + from, (const unsigned char (*)[32])ks + from, n);
    if (memcmp(a, b, 32) != 0) return -1;
  }
  return 0;
}
