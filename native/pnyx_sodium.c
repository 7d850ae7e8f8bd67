/*
 * pnyx_sodium: a small Node-API binding of libsodium's ristretto255 functions.
 *
 * Points are 32-byte RFC 9496 encodings (Uint8Array); scalars are JavaScript BigInts in [0, l),
 * read directly from their 64-bit words so no hex or byte conversion happens in JavaScript.
 * Every function returns a fresh Uint8Array. Programmer errors (wrong types, out-of-range scalars,
 * invalid points passed where a validated element is required) throw; they never come from
 * untrusted input because the TypeScript group validates every element on decode.
 *
 * libsodium's crypto_scalarmult_ristretto255(_base) returns -1 when the product is the identity;
 * here that case yields the identity encoding (32 zero bytes), as the group law requires.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ed25519.h"
#include "msm.h"

#define POINT_BYTES 32
#define SCALAR_BYTES 32

/* The group order l = 2^252 + 27742317777372353535851937790883648493 as 64-bit little-endian words. */
static const uint64_t ORDER_WORDS[4] = {
    0x5812631a5cf5d3edULL, 0x14def9dea2f79cd6ULL, 0x0000000000000000ULL, 0x1000000000000000ULL};

#define CHECK(call)                                                                                      \
  do {                                                                                                   \
    if ((call) != napi_ok) {                                                                             \
      napi_throw_error(env, NULL, "pnyx_sodium: Node-API call failed: " #call);                         \
      return NULL;                                                                                       \
    }                                                                                                    \
  } while (0)

/* Canonical encoding of the base point B (RFC 9496 §4.4). */
static const unsigned char BASE_POINT[POINT_BYTES] = {
    0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
    0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76};

/*
 * Strict validity: libsodium 1.0.18 ignores the top bit of the last byte when it decodes, so an
 * encoding with that bit set is rejected here before libsodium sees it (RFC 9496 requires s < p).
 */
static int is_canonical_point(const unsigned char p[POINT_BYTES]) {
  return (p[POINT_BYTES - 1] & 0x80) == 0 && crypto_core_ristretto255_is_valid_point(p) == 1;
}

/* Reads a Uint8Array of exactly 32 bytes; throws a TypeError and returns NULL otherwise. */
static const unsigned char *read_point(napi_env env, napi_value v) {
  bool is_typed;
  napi_typedarray_type type;
  size_t length;
  void *data;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array || length != POINT_BYTES) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: expected a 32-byte Uint8Array point");
    return NULL;
  }
  return (const unsigned char *)data;
}

/* Reads a BigInt k with 0 <= k < l into 32 little-endian bytes; throws and returns 0 otherwise. */
static int read_scalar(napi_env env, napi_value v, unsigned char out[SCALAR_BYTES]) {
  uint64_t words[4] = {0, 0, 0, 0};
  size_t count = 4;
  int sign = 0;
  if (napi_get_value_bigint_words(env, v, &sign, &count, words) != napi_ok) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: expected a BigInt scalar");
    return 0;
  }
  int below = 0; /* words < ORDER_WORDS, compared from the most significant word */
  if (sign == 0 && count <= 4) {
    for (int i = 3; i >= 0; i--) {
      if (words[i] != ORDER_WORDS[i]) {
        below = words[i] < ORDER_WORDS[i];
        break;
      }
    }
  }
  if (!below) {
    napi_throw_range_error(env, NULL, "pnyx_sodium: scalar outside [0, l)");
    return 0;
  }
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 8; j++) out[8 * i + j] = (unsigned char)(words[i] >> (8 * j));
  }
  return 1;
}

/* Creates a fresh 32-byte Uint8Array and returns its data pointer through `data`. */
static napi_value new_point(napi_env env, unsigned char **data) {
  napi_value ab, out;
  void *raw;
  CHECK(napi_create_arraybuffer(env, POINT_BYTES, &raw, &ab));
  CHECK(napi_create_typedarray(env, napi_uint8_array, POINT_BYTES, ab, 0, &out));
  *data = (unsigned char *)raw;
  return out;
}

/* Fetches exactly `n` arguments. */
static int get_args(napi_env env, napi_callback_info info, size_t n, napi_value *argv) {
  size_t argc = n;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != n) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: wrong number of arguments");
    return 0;
  }
  return 1;
}

/*
 * r = k·P with the identity for a zero product. Returns 0 on success, -1 if P does not decode
 * (a TypeError is then pending).
 */
static int mul_point(napi_env env, unsigned char r[POINT_BYTES], const unsigned char k[SCALAR_BYTES],
                     const unsigned char p[POINT_BYTES]) {
  if (crypto_scalarmult_ristretto255(r, k, p) == 0) return 0;
  if (crypto_core_ristretto255_is_valid_point(p) != 1) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: not a valid ristretto255 point");
    return -1;
  }
  memset(r, 0, POINT_BYTES); /* k·P is the identity */
  return 0;
}

/* isValidPoint(p: Uint8Array): boolean — the canonical encoding of a group element. */
static napi_value is_valid_point(napi_env env, napi_callback_info info) {
  napi_value argv[1], out;
  if (!get_args(env, info, 1, argv)) return NULL;
  bool is_typed;
  napi_typedarray_type type;
  size_t length;
  void *data;
  bool valid = false;
  CHECK(napi_is_typedarray(env, argv[0], &is_typed));
  if (is_typed) {
    CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL));
    valid = type == napi_uint8_array && length == POINT_BYTES &&
            is_canonical_point((const unsigned char *)data);
  }
  CHECK(napi_get_boolean(env, valid, &out));
  return out;
}

/* Shared body of add and sub. */
static napi_value add_or_sub(napi_env env, napi_callback_info info, int subtract) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv)) return NULL;
  const unsigned char *a = read_point(env, argv[0]);
  if (a == NULL) return NULL;
  const unsigned char *b = read_point(env, argv[1]);
  if (b == NULL) return NULL;
  unsigned char *r;
  napi_value out = new_point(env, &r);
  if (out == NULL) return NULL;
  int rc = subtract ? crypto_core_ristretto255_sub(r, a, b) : crypto_core_ristretto255_add(r, a, b);
  if (rc != 0) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: not a valid ristretto255 point");
    return NULL;
  }
  return out;
}

/* add(a, b): a + b. */
static napi_value add(napi_env env, napi_callback_info info) { return add_or_sub(env, info, 0); }

/* sub(a, b): a − b. */
static napi_value sub(napi_env env, napi_callback_info info) { return add_or_sub(env, info, 1); }

/* mul(p: Uint8Array, k: bigint): k·P, constant-time in k. */
static napi_value mul(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  unsigned char k[SCALAR_BYTES];
  if (!get_args(env, info, 2, argv)) return NULL;
  const unsigned char *p = read_point(env, argv[0]);
  if (p == NULL || !read_scalar(env, argv[1], k)) return NULL;
  unsigned char *r;
  napi_value out = new_point(env, &r);
  if (out == NULL) return NULL;
  int rc = mul_point(env, r, k, p);
  sodium_memzero(k, sizeof k);
  return rc == 0 ? out : NULL;
}

/* mulBase(k: bigint): k·B for the RFC 9496 base point B, constant-time in k. */
static napi_value mul_base(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  unsigned char k[SCALAR_BYTES];
  if (!get_args(env, info, 1, argv) || !read_scalar(env, argv[0], k)) return NULL;
  unsigned char *r;
  napi_value out = new_point(env, &r);
  if (out == NULL) return NULL;
  if (crypto_scalarmult_ristretto255_base(r, k) != 0) memset(r, 0, POINT_BYTES); /* k = 0 */
  sodium_memzero(k, sizeof k);
  return out;
}

/* True when the variable-time multi-scalar multiplication passed its self-test at load. */
static int msm_ok = 0;

/* Up to this many terms are read into stack buffers; longer sums allocate. */
#define STACK_TERMS 8

/*
 * multiExp(points: Uint8Array[], ks: bigint[]): Σ ks[i]·points[i] for public scalars, in one call so
 * a proof check pays one JavaScript↔C crossing instead of one per operation. Variable time
 * (msm.c) once its self-test passed; else a loop of libsodium's constant-time multiplications.
 */
static napi_value multi_exp(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!get_args(env, info, 2, argv)) return NULL;
  uint32_t n, m;
  bool is_array;
  CHECK(napi_is_array(env, argv[0], &is_array));
  if (is_array) CHECK(napi_is_array(env, argv[1], &is_array));
  if (!is_array) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: multiExp expects two arrays");
    return NULL;
  }
  CHECK(napi_get_array_length(env, argv[0], &n));
  CHECK(napi_get_array_length(env, argv[1], &m));
  if (n != m) {
    napi_throw_range_error(env, NULL, "pnyx_sodium: multiExp arrays differ in length");
    return NULL;
  }
  unsigned char stack_points[STACK_TERMS][POINT_BYTES], stack_ks[STACK_TERMS][SCALAR_BYTES];
  unsigned char (*points)[POINT_BYTES] = stack_points;
  unsigned char (*ks)[SCALAR_BYTES] = stack_ks;
  if (n > STACK_TERMS) {
    points = malloc((size_t)n * POINT_BYTES);
    ks = malloc((size_t)n * SCALAR_BYTES);
  }
  napi_value out = NULL;
  if (points == NULL || ks == NULL) {
    napi_throw_error(env, NULL, "pnyx_sodium: out of memory");
    goto done;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value pv, kv;
    if (napi_get_element(env, argv[0], i, &pv) != napi_ok ||
        napi_get_element(env, argv[1], i, &kv) != napi_ok) {
      napi_throw_error(env, NULL, "pnyx_sodium: Node-API call failed: napi_get_element");
      goto done;
    }
    const unsigned char *p = read_point(env, pv);
    if (p == NULL || !read_scalar(env, kv, ks[i])) goto done;
    memcpy(points[i], p, POINT_BYTES);
  }
  unsigned char *acc;
  out = new_point(env, &acc);
  if (out == NULL) goto done;
  if (msm_ok) {
    int rc = pnyx_msm(acc, (const unsigned char (*)[32])points, (const unsigned char (*)[32])ks, n);
    if (rc != 0) {
      napi_throw_type_error(env, NULL,
                            rc == -1 ? "pnyx_sodium: not a valid ristretto255 point" : "pnyx_sodium: out of memory");
      out = NULL;
    }
    goto done;
  }
  memset(acc, 0, POINT_BYTES); /* the identity */
  int empty = 1;                /* acc still holds the identity: the first product is copied, not added */
  unsigned char t[POINT_BYTES];
  for (uint32_t i = 0; i < n; i++) {
    if (sodium_is_zero(ks[i], SCALAR_BYTES)) continue; /* 0·P adds nothing */
    if (memcmp(points[i], BASE_POINT, POINT_BYTES) == 0) {
      /* k·B through the precomputed base-point tables, about three times faster */
      if (crypto_scalarmult_ristretto255_base(t, ks[i]) != 0) memset(t, 0, POINT_BYTES);
    } else if (mul_point(env, t, ks[i], points[i]) != 0) {
      out = NULL;
      goto done;
    }
    if (empty) {
      memcpy(acc, t, POINT_BYTES);
      empty = 0;
    } else if (crypto_core_ristretto255_add(acc, acc, t) != 0) {
      napi_throw_error(env, NULL, "pnyx_sodium: internal error in point addition");
      out = NULL;
      goto done;
    }
  }
done:
  if (points != stack_points) free(points);
  if (ks != stack_ks) free(ks);
  return out;
}

/* Reads a Uint8Array (any length); throws a TypeError and returns NULL otherwise. */
static const unsigned char *read_bytes(napi_env env, napi_value v, size_t *length) {
  bool is_typed;
  napi_typedarray_type type;
  void *data;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, v, &type, length, &data, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: expected a Uint8Array");
    return NULL;
  }
  return *length == 0 ? (const unsigned char *)"" : (const unsigned char *)data;
}

/* Reads ed25519Verify's arguments; 0 with an exception pending when one is not a Uint8Array. */
static int read_ed25519_args(napi_env env, napi_callback_info info, const unsigned char **pk, size_t *pk_len,
                             const unsigned char **m, size_t *m_len, const unsigned char **sig,
                             size_t *sig_len, void **data) {
  napi_value argv[3];
  size_t argc = 3;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, data) != napi_ok || argc != 3) {
    napi_throw_type_error(env, NULL, "pnyx_sodium: wrong number of arguments");
    return 0;
  }
  return (*pk = read_bytes(env, argv[0], pk_len)) != NULL && (*m = read_bytes(env, argv[1], m_len)) != NULL &&
         (*sig = read_bytes(env, argv[2], sig_len)) != NULL;
}

/*
 * ed25519Verify(publicKey, message, signature): steps 4 and 5 of pnyx's Ed25519 policy (ed25519.c);
 * the caller has applied the byte checks. False for wrong lengths. Keys used again get tables of
 * multiples in this environment's cache (the function's data); the answer is ed25519VerifyPlain's.
 */
static napi_value ed25519_verify(napi_env env, napi_callback_info info) {
  const unsigned char *pk, *m, *sig;
  size_t pk_len, m_len, sig_len;
  void *cache;
  if (!read_ed25519_args(env, info, &pk, &pk_len, &m, &m_len, &sig, &sig_len, &cache)) return NULL;
  napi_value out;
  int valid = pk_len == 32 && sig_len == 64 && pnyx_ed25519_verify(cache, sig, m, m_len, pk) == 1;
  CHECK(napi_get_boolean(env, valid, &out));
  return out;
}

/* ed25519VerifyPlain(publicKey, message, signature): the same, never through a table (the reference). */
static napi_value ed25519_verify_plain(napi_env env, napi_callback_info info) {
  const unsigned char *pk, *m, *sig;
  size_t pk_len, m_len, sig_len;
  if (!read_ed25519_args(env, info, &pk, &pk_len, &m, &m_len, &sig, &sig_len, NULL)) return NULL;
  napi_value out;
  int valid = pk_len == 32 && sig_len == 64 && pnyx_ed25519_verify_plain(sig, m, m_len, pk) == 1;
  CHECK(napi_get_boolean(env, valid, &out));
  return out;
}

/* ed25519TableStats(): {tables, tableCalls, builds} of this environment's cache. */
static napi_value ed25519_table_stats(napi_env env, napi_callback_info info) {
  void *cache;
  CHECK(napi_get_cb_info(env, info, NULL, NULL, NULL, &cache));
  pnyx_ed25519_cache_stats st;
  pnyx_ed25519_cache_get_stats(cache, &st);
  napi_value out, tables, calls, builds;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_create_uint32(env, st.tables, &tables));
  CHECK(napi_create_double(env, (double)st.table_calls, &calls));
  CHECK(napi_create_double(env, (double)st.builds, &builds));
  CHECK(napi_set_named_property(env, out, "tables", tables));
  CHECK(napi_set_named_property(env, out, "tableCalls", calls));
  CHECK(napi_set_named_property(env, out, "builds", builds));
  return out;
}

/* Frees an environment's Ed25519 cache when the environment (main thread or worker) ends. */
static void free_ed25519_cache(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  pnyx_ed25519_cache_free(data);
}

/*
 * Exports the Ed25519 functions, only when they verified the known-answer cases on both paths. Each
 * Node environment (the main thread, every worker thread) gets its own cache of key tables, owned by
 * the environment's instance data, so threads never share a mutable cache; without memory for one,
 * verification takes the plain path.
 */
static napi_status export_ed25519(napi_env env, napi_value exports) {
  if (pnyx_ed25519_selftest() != 0) return napi_ok;
  pnyx_ed25519_cache *cache = pnyx_ed25519_cache_new();
  napi_status st;
  if (cache != NULL && (st = napi_set_instance_data(env, cache, free_ed25519_cache, NULL)) != napi_ok) {
    pnyx_ed25519_cache_free(cache);
    return st;
  }
  napi_property_descriptor props[] = {
      {"ed25519Verify", NULL, ed25519_verify, NULL, NULL, NULL, napi_enumerable, cache},
      {"ed25519VerifyPlain", NULL, ed25519_verify_plain, NULL, NULL, NULL, napi_enumerable, NULL},
      {"ed25519TableStats", NULL, ed25519_table_stats, NULL, NULL, NULL, napi_enumerable, cache},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}

static napi_value init(napi_env env, napi_value exports) {
  if (sodium_init() < 0) {
    napi_throw_error(env, NULL, "pnyx_sodium: sodium_init failed");
    return NULL;
  }
  msm_ok = pnyx_msm_selftest() == 0;
  CHECK(export_ed25519(env, exports));
  napi_property_descriptor props[] = {
      {"isValidPoint", NULL, is_valid_point, NULL, NULL, NULL, napi_enumerable, NULL},
      {"add", NULL, add, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sub", NULL, sub, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mul", NULL, mul, NULL, NULL, NULL, napi_enumerable, NULL},
      {"mulBase", NULL, mul_base, NULL, NULL, NULL, napi_enumerable, NULL},
      {"multiExp", NULL, multi_exp, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof props / sizeof props[0], props));
  napi_value version;
  CHECK(napi_create_string_utf8(env, sodium_version_string(), NAPI_AUTO_LENGTH, &version));
  CHECK(napi_set_named_property(env, exports, "sodiumVersion", version));
  napi_value vartime;
  CHECK(napi_get_boolean(env, msm_ok, &vartime));
  CHECK(napi_set_named_property(env, exports, "vartimeMultiExp", vartime));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
