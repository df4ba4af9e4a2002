/* libFuzzer target: the Stripe-Signature header parser and verifier. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "stripesig.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vl_stripesig	 s;
	enum vl_rc		 rc;
	char			*h;

	/* A header value is a C string: cut at the first NUL as the server would. */
	h = malloc(size + 1);
	memcpy(h, data, size);
	h[size] = '\0';
	rc = vl_stripesig_parse(h, &s);
	if (rc != VL_OK && rc != VL_INVALID)
		__builtin_trap();
	if (rc == VL_OK && (s.t <= 0 || s.nv1 == 0 || s.nv1 > VL_STRIPESIG_MAXV1))
		__builtin_trap();
	/* the header itself as the body: verify never accepts a forged MAC */
	rc = vl_stripesig_verify(h, data, size, "whsec_fuzz", s.t, VL_STRIPESIG_TOLERANCE);
	if (rc == VL_OK)
		__builtin_trap();
	free(h);
	return 0;
}
