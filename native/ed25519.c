/*
 * Ed25519 verification on libsodium's internal edwards25519 arithmetic (sodium_internal.h): the
 * cofactorless equation of pnyx's policy, computed as libsodium and OpenSSL compute it, without
 * libsodium's own extra refusals (pnyx's byte policy decides those) and without OpenSSL's per-call
 * key import.
 */
#include "ed25519.h"

#include <sodium.h>
#include <string.h>

#include "sodium_internal.h"

/* See ed25519.h. */
int pnyx_ed25519_verify(const unsigned char sig[64], const unsigned char *m, size_t mlen,
                        const unsigned char pk[32]) {
  ge25519_p3 minus_a;
  if (ge25519_frombytes_negate_vartime(&minus_a, pk) != 0) return 0; /* step 4: not on the curve */
  unsigned char h[64], k[32], check[32];
  crypto_hash_sha512_state st;
  crypto_hash_sha512_init(&st);
  crypto_hash_sha512_update(&st, sig, 32);
  crypto_hash_sha512_update(&st, pk, 32);
  crypto_hash_sha512_update(&st, m, mlen);
  crypto_hash_sha512_final(&st, h);
  crypto_core_ed25519_scalar_reduce(k, h);
  ge25519_p2 r;
  ge25519_double_scalarmult_vartime(&r, k, &minus_a, sig + 32); /* [k](−A) + [S]B */
  ge25519_tobytes(check, &r);
  return memcmp(check, sig, 32) == 0; /* step 5, byte-exact */
}

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

/* See ed25519.h. */
int pnyx_ed25519_selftest(void) {
  if (pnyx_ed25519_verify(VECTOR_SIG, VECTOR_MSG, 1, VECTOR_PK) != 1) return -1;
  unsigned char sig[64], msg[1] = {0x73};
  if (pnyx_ed25519_verify(VECTOR_SIG, msg, 1, VECTOR_PK) != 0) return -1;
  for (int i = 0; i < 64; i += 21) {
    memcpy(sig, VECTOR_SIG, 64);
    sig[i] ^= 1;
    if (pnyx_ed25519_verify(sig, VECTOR_MSG, 1, VECTOR_PK) != 0) return -1;
  }
  /* And one made here through libsodium's public API. */
  unsigned char pk[32], sk[64], seed[32] = {7};
  crypto_sign_seed_keypair(pk, sk, seed);
  crypto_sign_detached(sig, NULL, msg, 1, sk);
  return pnyx_ed25519_verify(sig, msg, 1, pk) == 1 ? 0 : -1;
}
