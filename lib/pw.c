/* Passwords: libsodium argon2id (t=2, m=64 MiB), PHC strings stored. */
#include <string.h>

#include <sodium.h>

#include "vellum.h"

enum vl_rc
vl_pw_hash(const char *pw, char out[128])
{
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
	    crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return VL_ERR;
	return VL_OK;
}

int
vl_pw_verify(const char *hash, const char *pw)
{
	if (hash == NULL || pw == NULL)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

const char *
vl_pw_dummy(void)
{
	static char dummy[128];

	/* Hashed once per process so unknown emails cost the same as known ones. */
	if (dummy[0] == '\0' && vl_pw_hash("vellum-dummy-password", dummy) != VL_OK)
		return "";
	return dummy;
}
