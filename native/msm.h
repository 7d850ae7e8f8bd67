/*
 * Variable-time multi-scalar multiplication on ristretto255 (msm.c). For public scalars only.
 */
#ifndef PNYX_MSM_H
#define PNYX_MSM_H

#include <stddef.h>

/*
 * out = Σ ks[i]·points[i] for `n` canonical 32-byte encodings and scalars in [0, l) (32 bytes, little
 * endian). Returns 0, -1 if a point does not decode, or -2 when out of memory. Variable time.
 */
int pnyx_msm(unsigned char out[32], const unsigned char (*points)[32], const unsigned char (*ks)[32],
             size_t n);

/* Compares pnyx_msm with libsodium's public functions on fixed inputs; 0 when every case agrees. */
int pnyx_msm_selftest(void);

#endif
