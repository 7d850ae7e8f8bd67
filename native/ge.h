/*
 * Additions and doublings on libsodium's internal edwards25519 arithmetic (sodium_internal.h), shared
 * by msm.c and ed25519.c. libsodium exports its addition of a cached point but not its doubling, so a
 * doubling here is the unified addition of a point to itself; that formula is complete on edwards25519
 * (a = −1 is a square and d is not), so it is exact for every point, torsion components included.
 */
#ifndef PNYX_GE_H
#define PNYX_GE_H

#include "sodium_internal.h"

/* acc = acc + q, or acc − q when `subtract`. */
static inline void pnyx_ge_add(ge25519_p3 *acc, const ge25519_cached *q, int subtract) {
  ge25519_p1p1 t;
  if (subtract)
    ge25519_sub(&t, acc, q);
  else
    ge25519_add(&t, acc, q);
  ge25519_p1p1_to_p3(acc, &t);
}

/* acc = 2·acc. */
static inline void pnyx_ge_double(ge25519_p3 *acc) {
  ge25519_cached c;
  ge25519_p3_to_cached(&c, acc);
  pnyx_ge_add(acc, &c, 0);
}

#endif
