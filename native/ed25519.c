/*
 * Ed25519 verification on libsodium's internal edwards25519 arithmetic (sodium_internal.h): the
 * cofactorless equation of pnyx's policy, computed as libsodium and OpenSSL compute it, without
 * libsodium's own extra refusals (pnyx's byte policy decides those) and without OpenSSL's per-call
 * key import.
 *
 * Both paths compute the same group element [k](−A) + [S]B exactly and compare its encoding with R
 * byte for byte; they differ only in how the element is computed:
 *
 *   - plain: libsodium's ge25519_double_scalarmult_vartime (sliding windows over 253 doublings), for
 *     keys seen once;
 *   - tables: for the base point B and for −A of a key seen again, multiples j·2^(w·i)·P are kept, so
 *     [x]P for x < 2^253 written in signed radix-2^w digits x = Σ dᵢ·2^(w·i) is one addition of a
 *     table entry per nonzero digit and no doubling: 64 for −A (radix 16), 37 for B (radix 128).
 *
 * The group law used by both is complete on edwards25519 and the digits sum to the scalar as integers
 * (not modulo L), so the element is the same even when −A (or R) has a torsion component. Field
 * elements are only copied here, never read limb by limb.
 *
 * Variable time throughout, in the scalars, the digits, the keys and the cache lookups: signatures,
 * keys and messages are public.
 */
#include "ed25519.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "ge.h"
#include "sodium_internal.h"

/*
 * Digits of w bits: a table holds j·2^(w·i)·P for j = 1..ENTRIES(w) and i < WINDOWS(w), where
 * WINDOWS·w ≥ 254 so that the top digit of a scalar below 2^253 needs no carry out. Keys' tables are
 * radix 16 (64 × 8 entries of 160 bytes, 80 KiB, built in about 85 µs, the time of 1.7 plain verifications);
 * B's, built once per process, radix 128 (37 × 64 entries, 370 KiB), 37 additions instead of 64.
 */
#ifndef KEY_W
#define KEY_W 4
#endif
#ifndef BASE_W
#define BASE_W 7
#endif
_Static_assert(KEY_W >= 2 && KEY_W <= 7 && BASE_W >= 2 && BASE_W <= 7, "digits must fit a signed char");
#define WINDOWS(w) ((254 + (w) - 1) / (w))
#define ENTRIES(w) (1 << ((w) - 1))
#define TABLE_LEN(w) (WINDOWS(w) * ENTRIES(w))
#define KEY_TABLE_LEN TABLE_LEN(KEY_W)

/* Keys with a table (2.5 MiB for all); the least recently used is replaced. */
#define TABLES 32
/* Keys seen without a table yet, with how often; the least recently seen is forgotten. */
#define SEEN 64
/* A key gets its table when it is seen this many times while remembered. */
#define BUILD_AT 2

/* k = SHA-512(R ‖ A ‖ M) mod L. */
static void challenge(unsigned char k[32], const unsigned char sig[64], const unsigned char *m, size_t mlen,
                      const unsigned char pk[32]) {
  unsigned char h[64];
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, sig, 32);
  crypto_hash_sha512_update(&st, pk, 32);
  crypto_hash_sha512_update(&st, m, mlen);
  crypto_hash_sha512_final(&st, h);
  crypto_core_ed25519_scalar_reduce(k, h);
}

/* See ed25519.h. */
int pnyx_ed25519_verify_plain(const unsigned char sig[64], const unsigned char *m, size_t mlen,
                              const unsigned char pk[32]) {
  ge25519_p3 minus_a;
  if (ge25519_frombytes_negate_vartime(&minus_a, pk) != 0) return 0; /* step 4: not on the curve */
  unsigned char k[32], check[32];
  challenge(k, sig, m, mlen, pk);
  ge25519_p2 r;
  ge25519_double_scalarmult_vartime(&r, k, &minus_a, sig + 32); /* [k](−A) + [S]B */
  ge25519_tobytes(check, &r);
  return memcmp(check, sig, 32) == 0; /* step 5, byte-exact */
}

/* ---- Fixed-base tables ---- */

/* t[i·ENTRIES(w) + j − 1] = j·2^(w·i)·P. */
static void build_table(ge25519_cached *t, const ge25519_p3 *p, int w) {
  ge25519_p3 row = *p; /* 2^(w·i)·P */
  for (int i = 0; i < WINDOWS(w); i++, t += ENTRIES(w)) {
    ge25519_p3 cur = row;
    ge25519_p3_to_cached(&t[0], &cur);
    for (int j = 1; j < ENTRIES(w); j++) {
      pnyx_ge_add(&cur, &t[0], 0);
      ge25519_p3_to_cached(&t[j], &cur);
    }
    if (i + 1 < WINDOWS(w)) {
      row = cur; /* ENTRIES·row; doubled, 2^w·row */
      pnyx_ge_double(&row);
    }
  }
}

/*
 * Signed digits of a little-endian scalar x < 2^253: x = Σ d[i]·2^(w·i) with d[i] ∈ [1 − ENTRIES, ENTRIES]
 * for i < WINDOWS(w). The caller guarantees x < 2^253 (k is reduced, S < L is checked): a larger x could
 * carry out of the top digit, so such an S never reaches this function.
 */
static void recode(signed char *d, const unsigned char x[32], int w) {
  int carry = 0;
  for (int i = 0; i < WINDOWS(w); i++) {
    int bit = i * w, byte = bit >> 3;
    unsigned v = x[byte] | (byte + 1 < 32 ? (unsigned)x[byte + 1] << 8 : 0);
    int digit = (int)((v >> (bit & 7)) & ((1u << w) - 1)) + carry;
    carry = digit > ENTRIES(w);
    d[i] = (signed char)(digit - (carry << w));
  }
}

/* acc += Σ d[i]·2^(w·i)·P, from P's table. */
static void add_digits(ge25519_p3 *acc, const ge25519_cached *t, const signed char *d, int w) {
  for (int i = 0; i < WINDOWS(w); i++, t += ENTRIES(w)) {
    if (d[i] > 0)
      pnyx_ge_add(acc, &t[d[i] - 1], 0);
    else if (d[i] < 0)
      pnyx_ge_add(acc, &t[-d[i] - 1], 1);
  }
}

/* B's table and the identity, built once per process and read-only afterwards (shared by threads). */
static ge25519_cached base_table[TABLE_LEN(BASE_W)];
static ge25519_p3 identity_p3;
static pthread_once_t base_once = PTHREAD_ONCE_INIT;

static void build_base(void) {
  static const unsigned char ONE[32] = {1};
  ge25519_p3 b;
  ge25519_scalarmult_base(&b, ONE);
  build_table(base_table, &b, BASE_W);
  /* ONE is also the encoding of the identity (y = 1), which is its own negation. */
  ge25519_frombytes_negate_vartime(&identity_p3, ONE);
}

/* out = encode([k]P + [s]B) from P's table, for k, s < 2^253. */
static void combine(unsigned char out[32], const ge25519_cached *p_table, const unsigned char k[32],
                    const unsigned char s[32]) {
  signed char dk[WINDOWS(KEY_W)], ds[WINDOWS(BASE_W)];
  recode(dk, k, KEY_W);
  recode(ds, s, BASE_W);
  ge25519_p3 acc = identity_p3;
  add_digits(&acc, p_table, dk, KEY_W);
  add_digits(&acc, base_table, ds, BASE_W);
  ge25519_p3_tobytes(out, &acc);
}

/* S < L, for a little-endian S (variable time: S is public). */
static int below_order(const unsigned char s[32]) {
  static const unsigned char L[32] = {
      0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
  for (int i = 31; i >= 0; i--)
    if (s[i] != L[i]) return s[i] < L[i];
  return 0;
}

/* ---- The per-environment cache ---- */

typedef struct {
  unsigned char pk[32];
  uint64_t used;          /* clock of the last use; 0 for a free slot */
  ge25519_cached *table;  /* KEY_TABLE_LEN entries for −A, kept when the slot is reused */
} table_slot;

typedef struct {
  unsigned char pk[32];
  uint64_t used; /* 0 for a free slot */
  uint32_t count;
} seen_slot;

struct pnyx_ed25519_cache {
  uint64_t clock;
  uint64_t table_calls, builds;
  table_slot tables[TABLES];
  seen_slot seen[SEEN];
};

/* See ed25519.h. */
pnyx_ed25519_cache *pnyx_ed25519_cache_new(void) {
  pthread_once(&base_once, build_base);
  return calloc(1, sizeof(pnyx_ed25519_cache));
}

/* See ed25519.h. */
void pnyx_ed25519_cache_free(pnyx_ed25519_cache *cache) {
  if (cache == NULL) return;
  for (int i = 0; i < TABLES; i++) free(cache->tables[i].table);
  free(cache);
}

/* See ed25519.h. */
void pnyx_ed25519_cache_get_stats(const pnyx_ed25519_cache *cache, pnyx_ed25519_cache_stats *out) {
  memset(out, 0, sizeof *out);
  if (cache == NULL) return;
  for (int i = 0; i < TABLES; i++) out->tables += cache->tables[i].used != 0;
  out->table_calls = cache->table_calls;
  out->builds = cache->builds;
}

/* Same 32 bytes; the first 8 compared first, since keys that differ almost always differ there. */
static int same_key(const unsigned char a[32], const unsigned char b[32]) {
  uint64_t x, y;
  memcpy(&x, a, 8);
  memcpy(&y, b, 8);
  return x == y && memcmp(a + 8, b + 8, 24) == 0;
}

static const ge25519_cached *find_table(pnyx_ed25519_cache *c, const unsigned char pk[32]) {
  for (int i = 0; i < TABLES; i++) {
    table_slot *s = &c->tables[i];
    if (s->used != 0 && same_key(s->pk, pk)) {
      s->used = ++c->clock;
      return s->table;
    }
  }
  return NULL;
}

/* Counts a sighting of a key without a table; 1 when it has now been seen BUILD_AT times. */
static int seen_again(pnyx_ed25519_cache *c, const unsigned char pk[32]) {
  seen_slot *oldest = &c->seen[0];
  for (int i = 0; i < SEEN; i++) {
    seen_slot *s = &c->seen[i];
    if (s->used != 0 && same_key(s->pk, pk)) {
      s->used = ++c->clock;
      if (++s->count < BUILD_AT) return 0;
      s->used = 0; /* it gets a table now: forget it here */
      return 1;
    }
    if (s->used < oldest->used) oldest = s;
  }
  memcpy(oldest->pk, pk, 32);
  oldest->used = ++c->clock;
  oldest->count = 1;
  return BUILD_AT <= 1;
}

/*
 * A table for −A in the least recently used slot. Returns it, or NULL when memory runs out (the plain
 * path then answers). *undecodable is set when A is not a curve point (the answer is then 0, as the
 * plain path's).
 */
static const ge25519_cached *new_table(pnyx_ed25519_cache *c, const unsigned char pk[32], int *undecodable) {
  ge25519_p3 minus_a;
  *undecodable = 0;
  if (ge25519_frombytes_negate_vartime(&minus_a, pk) != 0) {
    *undecodable = 1;
    return NULL;
  }
  table_slot *slot = &c->tables[0];
  for (int i = 1; i < TABLES && slot->used != 0; i++)
    if (c->tables[i].used < slot->used) slot = &c->tables[i];
  if (slot->table == NULL) {
    slot->table = malloc(sizeof(ge25519_cached) * KEY_TABLE_LEN);
    if (slot->table == NULL) return NULL;
  }
  build_table(slot->table, &minus_a, KEY_W);
  memcpy(slot->pk, pk, 32);
  slot->used = ++c->clock;
  c->builds++;
  return slot->table;
}

/* The same answer as pnyx_ed25519_verify_plain, from −A's table. */
static int verify_with_table(const ge25519_cached *minus_a, const unsigned char sig[64], const unsigned char *m,
                             size_t mlen, const unsigned char pk[32]) {
  unsigned char k[32], check[32];
  challenge(k, sig, m, mlen, pk);
  combine(check, minus_a, k, sig + 32); /* [k](−A) + [S]B */
  return memcmp(check, sig, 32) == 0;
}

/* See ed25519.h. */
int pnyx_ed25519_verify(pnyx_ed25519_cache *cache, const unsigned char sig[64], const unsigned char *m,
                        size_t mlen, const unsigned char pk[32]) {
  /*
   * S ≥ L (refused by the byte policy before any call from TypeScript) takes the plain path, so the
   * answer is libsodium's for every S, including S ≥ 2^255 where its sliding-window recoding can drop
   * a carry. Below L, both paths compute [S]B exactly.
   */
  if (cache == NULL || !below_order(sig + 32)) return pnyx_ed25519_verify_plain(sig, m, mlen, pk);
  const ge25519_cached *t = find_table(cache, pk);
  if (t == NULL && seen_again(cache, pk)) {
    int undecodable;
    t = new_table(cache, pk, &undecodable);
    if (undecodable) return 0; /* step 4, as on the plain path */
  }
  if (t == NULL) return pnyx_ed25519_verify_plain(sig, m, mlen, pk);
  cache->table_calls++;
  return verify_with_table(t, sig, m, mlen, pk);
}

/* ---- Self-test ---- */

/* RFC 8032 §7.1, test 2: a one-byte message. */
static const unsigned char VECTOR_PK[32] = {
    0x3d, 0x40, 0x17, 0xc3, 0xe8, 0x43, 0x89, 0x5a, 0x92, 0xb7, 0x0a, 0xa7, 0x4d, 0x1b, 0x7e, 0xbc,
    0x9c, 0x98, 0x2c, 0xcf, 0x2e, 0xc4, 0x96, 0x8c, 0xc0, 0xcd, 0x55, 0xf1, 0x2a, 0xf4, 0x66, 0x0c};
static const unsigned char VECTOR_MSG[1] = {0x72};
static const unsigned char VECTOR_SIG[64] = {
    0x92, 0xa0, 0x09, 0xa9, 0xf0, 0xd4, 0xca, 0xb8, 0x72, 0x0e, 0x82, 0x0b, 0x5f, 0x64, 0x25, 0x40,
    0xa2, 0xb2, 0x7b, 0x54, 0x16, 0x50, 0x3f, 0x8f, 0xb3, 0x76, 0x22, 0x23, 0xeb, 0xdb, 0x69, 0xda,
    0x08, 0x5a, 0xc1, 0xe4, 0x3e, 0x15, 0x99, 0x6e, 0x45, 0x8f, 0x36, 0x13, 0xd0, 0xf1, 0x1d, 0x8c,
    0x38, 0x7b, 0x2e, 0xae, 0xb4, 0x30, 0x2a, 0xee, 0xb0, 0x0d, 0x29, 0x16, 0x12, 0xbb, 0x0c, 0x00};
/* A point of order 8. */
static const unsigned char TORSION8[32] = {
    0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
    0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a};

/*
 * Through `cache` (NULL: the plain path), the signature verifies and corruptions of its bytes and of its
 * one-byte message do not.
 */
static int check_signature(pnyx_ed25519_cache *cache, const unsigned char sig[64], const unsigned char *m,
                           size_t mlen, const unsigned char pk[32]) {
  if (pnyx_ed25519_verify(cache, sig, m, mlen, pk) != 1) return -1;
  unsigned char bad[64], bad_m[1];
  for (int i = 0; i < 64; i += 5) {
    memcpy(bad, sig, 64);
    bad[i] ^= (unsigned char)(1 << (i & 7));
    if (pnyx_ed25519_verify(cache, bad, m, mlen, pk) != 0) return -1;
  }
  bad_m[0] = (unsigned char)(m[0] ^ 1);
  return pnyx_ed25519_verify(cache, sig, bad_m, 1, pk) == 0 ? 0 : -1;
}

/* x with every radix-2^w digit equal to 2^(w−1) (the last entry of every row), below 2^252. */
static void top_digits(unsigned char x[32], int w) {
  memset(x, 0, 32);
  for (int bit = w - 1; bit < 252; bit += w) x[bit >> 3] |= (unsigned char)(1 << (bit & 7));
}

/*
 * The table arithmetic against libsodium's, on −A + T (T of order 8) with scalars from 0 to L − 1: the
 * largest digits of both tables, negative digits with carries, a hash.
 */
static int check_torsion_arithmetic(ge25519_cached *table) {
  ge25519_p3 p, t;
  ge25519_cached tc;
  ge25519_p1p1 sum;
  if (ge25519_frombytes_negate_vartime(&p, VECTOR_PK) != 0 || ge25519_frombytes_negate_vartime(&t, TORSION8) != 0)
    return -1;
  ge25519_p3_to_cached(&tc, &t);
  ge25519_add(&sum, &p, &tc);
  ge25519_p1p1_to_p3(&p, &sum);
  build_table(table, &p, KEY_W);
  enum { N = 7 };
  static const unsigned char L_MINUS_1[32] = {
      0xec, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
  unsigned char ks[N][32] = {{0}, {1}}, h[64], a[32], b[32];
  memcpy(ks[2], L_MINUS_1, 32);
  top_digits(ks[3], KEY_W);
  top_digits(ks[4], BASE_W);
  memset(ks[5], 0xff, 31); /* 2^252 − 1: a carry through every digit into the top one */
  ks[5][31] = 0x0f;
  crypto_generichash(h, 64, VECTOR_SIG, 64, NULL, 0);
  crypto_core_ed25519_scalar_reduce(ks[6], h);
  for (int i = 0; i < N; i++) {
    for (int j = 0; j < 2; j++) { /* (x, x) and (x, the reverse of the list) */
      const unsigned char *s = ks[j == 0 ? i : N - 1 - i];
      ge25519_p2 r;
      ge25519_double_scalarmult_vartime(&r, ks[i], &p, s);
      ge25519_tobytes(a, &r);
      combine(b, table, ks[i], s);
      if (memcmp(a, b, 32) != 0) return -1;
    }
  }
  return 0;
}

/* The table path on RFC 8032 test 2 and on (sig, msg, pk), a signature made by libsodium. */
static int selftest_tables(pnyx_ed25519_cache *c, const unsigned char sig[64], const unsigned char msg[1],
                           const unsigned char pk[32]) {
  /* The first BUILD_AT − 1 sightings take the plain path, the next builds the key's table, later ones
   * use it: two rounds on the table. */
  for (int round = 0; round < BUILD_AT + 1; round++) {
    if (pnyx_ed25519_verify(c, VECTOR_SIG, VECTOR_MSG, 1, VECTOR_PK) != 1) return -1;
    if (pnyx_ed25519_verify(c, sig, msg, 1, pk) != 1) return -1;
  }
  if (find_table(c, VECTOR_PK) == NULL || find_table(c, pk) == NULL || c->table_calls != 4)
    return -1;
  if (check_signature(c, VECTOR_SIG, VECTOR_MSG, 1, VECTOR_PK) != 0 || check_signature(c, sig, msg, 1, pk) != 0)
    return -1;
  ge25519_cached *table = malloc(sizeof(ge25519_cached) * KEY_TABLE_LEN);
  if (table == NULL) return -1;
  int rc = check_torsion_arithmetic(table);
  free(table);
  return rc;
}

static int selftest(void) {
  if (check_signature(NULL, VECTOR_SIG, VECTOR_MSG, 1, VECTOR_PK) != 0) return -1;
  unsigned char pk[32], sk[64], seed[32] = {7}, sig[64], msg[1] = {0x73};
  crypto_sign_seed_keypair(pk, sk, seed);
  crypto_sign_detached(sig, NULL, msg, 1, sk);
  if (check_signature(NULL, sig, msg, 1, pk) != 0) return -1;
  pnyx_ed25519_cache *c = pnyx_ed25519_cache_new();
  if (c == NULL) return -1;
  int rc = selftest_tables(c, sig, msg, pk);
  pnyx_ed25519_cache_free(c);
  return rc;
}

static int selftest_answer = -1;
static pthread_once_t selftest_once = PTHREAD_ONCE_INIT;

static void run_selftest(void) { selftest_answer = selftest(); }

/* See ed25519.h. */
int pnyx_ed25519_selftest(void) {
  pthread_once(&selftest_once, run_selftest);
  return selftest_answer;
}
