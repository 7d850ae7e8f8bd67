/*
 * Ed25519 verification, steps 4 and 5 of pnyx's policy (docs/crypto.md, Ed25519): the caller has
 * applied the byte checks (lengths, S < L, canonical and not small-order A).
 */
#ifndef PNYX_ED25519_H
#define PNYX_ED25519_H

#include <stddef.h>

/*
 * 1 iff A decodes to a point of edwards25519 and encode([S]B − [k]A) = R byte for byte, with
 * k = SHA-512(R ‖ A ‖ M) mod L. Variable time (public data only).
 */
int pnyx_ed25519_verify(const unsigned char sig[64], const unsigned char *m, size_t mlen,
                        const unsigned char pk[32]);

/* Checks an RFC 8032 test vector and its corruptions; 0 when every case answers as expected. */
int pnyx_ed25519_selftest(void);

#endif
