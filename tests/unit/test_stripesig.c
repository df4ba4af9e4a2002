/* stripesig.c: webhook signatures, against vectors computed with another
 * HMAC implementation (Python's hmac module), and the header parser. */
#include "vectors.h"

#include "stripesig.h"

#define BODY	"{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\"}"
#define SECRET	"whsec_test"
#define T	1700000000
#define GOOD	"749721cbedbfa4cc1aa6c9c2bec1edd93766a07906c9d9b3dbc7626e4e660caf"
/* the same body and time under "whsec_other" */
#define OTHER	"f9e5f219a592e1abd56c6b0d3489748da4ddca9b4a5c8bfb31f55c5214e676d2"
#define ZERO	"0000000000000000000000000000000000000000000000000000000000000000"

static const struct {
	const char	*name, *header, *body, *secret;
	int64_t		 now;
	enum vl_rc	 want;
} verify[] = {
	{ "good", "t=1700000000,v1=" GOOD, BODY, SECRET, T, VL_OK },
	{ "good, upper-case hex", "t=1700000000,v1=749721CBEDBFA4CC1AA6C9C2BEC1EDD93766A07906C9D9B3DBC7626E4E660CAF",
	    BODY, SECRET, T, VL_OK },
	{ "several v1, last matches", "t=1700000000,v1=" ZERO ",v1=" OTHER ",v1=" GOOD, BODY, SECRET, T, VL_OK },
	{ "several v1, first matches", "t=1700000000,v1=" GOOD ",v1=" ZERO, BODY, SECRET, T, VL_OK },
	{ "v0 alongside is skipped", "t=1700000000,v0=abc,v1=" GOOD, BODY, SECRET, T, VL_OK },
	{ "t after v1", "v1=" GOOD ",t=1700000000", BODY, SECRET, T, VL_OK },
	{ "299 s old", "t=1700000000,v1=" GOOD, BODY, SECRET, T + 299, VL_OK },
	{ "300 s old", "t=1700000000,v1=" GOOD, BODY, SECRET, T + 300, VL_OK },
	{ "301 s old", "t=1700000000,v1=" GOOD, BODY, SECRET, T + 301, VL_FORBIDDEN },
	{ "a day old", "t=1700000000,v1=" GOOD, BODY, SECRET, T + 86400, VL_FORBIDDEN },
	{ "300 s ahead", "t=1700000000,v1=" GOOD, BODY, SECRET, T - 300, VL_OK },
	{ "301 s ahead", "t=1700000000,v1=" GOOD, BODY, SECRET, T - 301, VL_FORBIDDEN },
	{ "wrong secret", "t=1700000000,v1=" GOOD, BODY, "whsec_other", T, VL_FORBIDDEN },
	{ "other secret's mac", "t=1700000000,v1=" OTHER, BODY, SECRET, T, VL_FORBIDDEN },
	{ "empty secret", "t=1700000000,v1=" GOOD, BODY, "", T, VL_FORBIDDEN },
	{ "tampered body", "t=1700000000,v1=" GOOD,
	    "{\"id\":\"evt_2\",\"type\":\"checkout.session.completed\"}", SECRET, T, VL_FORBIDDEN },
	{ "body with a byte added", "t=1700000000,v1=" GOOD, BODY " ", SECRET, T, VL_FORBIDDEN },
	{ "timestamp moved", "t=1700000001,v1=" GOOD, BODY, SECRET, T, VL_FORBIDDEN },
	{ "no v1", "t=1700000000", BODY, SECRET, T, VL_INVALID },
	{ "only v0", "t=1700000000,v0=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "no t", "v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "two t", "t=1700000000,t=1700000000,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "t not a number", "t=17000x0000,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "t negative", "t=-1,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "t zero", "t=0,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "t empty", "t=,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "t huge", "t=99999999999999999999,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "v1 short", "t=1700000000,v1=749721cb", BODY, SECRET, T, VL_INVALID },
	{ "v1 long", "t=1700000000,v1=" GOOD "00", BODY, SECRET, T, VL_INVALID },
	{ "v1 not hex", "t=1700000000,v1=z49721cbedbfa4cc1aa6c9c2bec1edd93766a07906c9d9b3dbc7626e4e660caf",
	    BODY, SECRET, T, VL_INVALID },
	{ "spaces", "t=1700000000, v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "element without =", "t=1700000000,v1=" GOOD ",junk", BODY, SECRET, T, VL_INVALID },
	{ "trailing comma", "t=1700000000,v1=" GOOD ",", BODY, SECRET, T, VL_INVALID },
	{ "empty key", "t=1700000000,=x,v1=" GOOD, BODY, SECRET, T, VL_INVALID },
	{ "empty header", "", BODY, SECRET, T, VL_INVALID },
	{ "no header", NULL, BODY, SECRET, T, VL_INVALID },
	{ "nine v1", "t=1700000000,v1=" ZERO ",v1=" ZERO ",v1=" ZERO ",v1=" ZERO ",v1=" ZERO
	    ",v1=" ZERO ",v1=" ZERO ",v1=" ZERO ",v1=" GOOD, BODY, SECRET, T, VL_INVALID },
};

static void
test_verify(void **state)
{
	size_t	 i;
	enum vl_rc rc;

	(void)state;
	for (i = 0; i < NELEM(verify); i++) {
		rc = vl_stripesig_verify(verify[i].header, verify[i].body,
		    strlen(verify[i].body), verify[i].secret, verify[i].now,
		    VL_STRIPESIG_TOLERANCE);
		if (rc != verify[i].want)
			fail_msg("%s: got %s, want %s", verify[i].name, vl_rc_names[rc],
			    vl_rc_names[verify[i].want]);
	}
}

/* A header longer than the cap is refused before it is read through. */
static void
test_long_header(void **state)
{
	struct vl_buf	 h = VL_BUF_INIT;

	(void)state;
	vl_buf_adds(&h, "t=1700000000,v1=" GOOD);
	while (h.len <= VL_STRIPESIG_HEADER_MAX)
		vl_buf_adds(&h, ",v0=" ZERO);
	assert_int_equal(vl_stripesig_verify(vl_buf_str(&h), BODY, strlen(BODY), SECRET, T,
	    VL_STRIPESIG_TOLERANCE), VL_INVALID);
	vl_buf_release(&h);
}

/* What sign makes, verify takes, and the known vector comes out. */
static void
test_sign(void **state)
{
	struct vl_buf	 h = VL_BUF_INIT;
	static const char nul_body[] = "a\0b";

	(void)state;
	vl_stripesig_sign(&h, BODY, strlen(BODY), SECRET, T);
	assert_string_equal(vl_buf_str(&h), "t=1700000000,v1=" GOOD);
	/* a body is bytes: a NUL inside is signed like any other */
	vl_stripesig_sign(&h, nul_body, 3, SECRET, T);
	assert_int_equal(vl_stripesig_verify(vl_buf_str(&h), nul_body, 3, SECRET, T, 300), VL_OK);
	assert_int_equal(vl_stripesig_verify(vl_buf_str(&h), nul_body, 1, SECRET, T, 300),
	    VL_FORBIDDEN);
	vl_buf_release(&h);
}

static void
test_parse(void **state)
{
	struct vl_stripesig	 s;

	(void)state;
	assert_int_equal(vl_stripesig_parse("t=12,v1=" GOOD ",v1=" OTHER, &s), VL_OK);
	assert_int_equal(s.t, 12);
	assert_int_equal(s.nv1, 2);
	assert_int_equal(s.v1[0][0], 0x74);
	assert_int_equal(s.v1[1][31], 0xd2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_long_header),
		cmocka_unit_test(test_sign),
		cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests_name("stripesig", tests, NULL, NULL);
}
