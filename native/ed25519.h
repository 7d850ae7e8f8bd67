/*
 * Ed25519 verification, steps 4 and 5 of pnyx's policy (docs/crypto.md, Ed25519): the caller has
 * applied the byte checks (lengths, S < L, canonical and not small-order A).
 */
#ifndef PNYX_ED25519_H
#define PNYX_ED25519_H

#include <stddef.h>
#include <stdint.h>

/*
 * 1 iff A decodes to a point of edwards25519 and encode([S]B − [k]A) = R byte for byte, with
 * k = SHA-512(R ‖ A ‖ M) mod L: libsodium's double-scalar multiplication, nothing kept between calls.
 * The reference for pnyx_ed25519_verify, and its path for keys seen once. Variable time (public data).
 */
int pnyx_ed25519_verify_plain(const unsigned char sig[64], const unsigned char *m, size_t mlen,
                              const unsigned char pk[32]);

/*
 * Tables of multiples for the public keys used most recently (ed25519.c). One per Node environment:
 * not thread-safe, and needing no lock because each environment calls from its own thread.
 */
typedef struct pnyx_ed25519_cache pnyx_ed25519_cache;

/* A new empty cache (NULL when out of memory); also builds the shared base-point table once. */
pnyx_ed25519_cache *pnyx_ed25519_cache_new(void);

void pnyx_ed25519_cache_free(pnyx_ed25519_cache *cache);

/* What a cache holds and has done, for tests and diagnostics. */
typedef struct {
  uint32_t tables;      /* keys with a table now */
  uint64_t table_calls; /* verifications answered through a key's table */
  uint64_t builds;      /* tables built */
} pnyx_ed25519_cache_stats;

void pnyx_ed25519_cache_get_stats(const pnyx_ed25519_cache *cache, pnyx_ed25519_cache_stats *out);

/*
 * The same answer as pnyx_ed25519_verify_plain for every input, through `cache` (NULL: the plain path):
 * a key seen again gets a table of multiples of −A, and verifications under it use that table and the
 * base point's. Variable time (public data only).
 */
int pnyx_ed25519_verify(pnyx_ed25519_cache *cache, const unsigned char sig[64], const unsigned char *m,
                        size_t mlen, const unsigned char pk[32]);

/*
 * Checks RFC 8032 test 2, a signature made by libsodium and their corruptions on both paths, and the
 * table arithmetic against libsodium's on a point with a torsion component; 0 when every case answers
 * as expected. Runs once per process (every thread loading the addon gets the first run's answer).
 */
int pnyx_ed25519_selftest(void);

#endif
