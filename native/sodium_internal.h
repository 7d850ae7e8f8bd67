/*
 * libsodium's internal edwards25519 arithmetic, reachable because the addon links libsodium.a: the
 * types and prototypes follow libsodium's private header ed25519_ref10.h (1.0.18 and later).
 *
 * A field element is 40 bytes in both of libsodium's layouts (5 × 64 or 10 × 32 bits); code here only
 * copies field elements and never reads their limbs, so it does not depend on the layout. The addon's
 * load-time self-tests compare every path built on these functions with libsodium's public API.
 */
#ifndef PNYX_SODIUM_INTERNAL_H
#define PNYX_SODIUM_INTERNAL_H

#include <stdint.h>

typedef uint64_t fe25519[5];
typedef struct { fe25519 X, Y, Z; } ge25519_p2;
typedef struct { fe25519 X, Y, Z, T; } ge25519_p3;
typedef struct { fe25519 X, Y, Z, T; } ge25519_p1p1;
typedef struct { fe25519 YplusX, YminusX, Z, T2d; } ge25519_cached;

int ristretto255_frombytes(ge25519_p3 *h, const unsigned char *s);
void ristretto255_p3_tobytes(unsigned char *s, const ge25519_p3 *h);
int ge25519_frombytes_negate_vartime(ge25519_p3 *h, const unsigned char *s);
void ge25519_tobytes(unsigned char *s, const ge25519_p2 *h);
void ge25519_p3_tobytes(unsigned char *s, const ge25519_p3 *h);
void ge25519_p3_to_cached(ge25519_cached *r, const ge25519_p3 *p);
void ge25519_p1p1_to_p3(ge25519_p3 *r, const ge25519_p1p1 *p);
void ge25519_add(ge25519_p1p1 *r, const ge25519_p3 *p, const ge25519_cached *q);
void ge25519_sub(ge25519_p1p1 *r, const ge25519_p3 *p, const ge25519_cached *q);
void ge25519_scalarmult(ge25519_p3 *h, const unsigned char *a, const ge25519_p3 *p);
void ge25519_scalarmult_base(ge25519_p3 *h, const unsigned char *a);
/* r = a·A + b·B for the base point B, variable time. */
void ge25519_double_scalarmult_vartime(ge25519_p2 *r, const unsigned char *a, const ge25519_p3 *A,
                                       const unsigned char *b);

#endif
