/* csrf.c: tokens bound to the secret and the server key; checks on a request. */
#include "vectors.h"
#include "internal.h"

#include <sodium.h>

static struct vl_req *
fake_req(struct vl_pool *pool, const char *cookies, const char *form)
{
	struct vl_req *r = vl_pool_calloc(pool, 1, sizeof(*r));

	r->pool = pool;
	vl_parse_cookies(pool, cookies, &r->cookies);
	vl_parse_urlencoded(pool, form, strlen(form), &r->form);
	return r;
}

static void
test_token(void **state)
{
	char	 a[65], b[65], c[65];

	(void)state;
	vl_csrf_token("secret-one", a);
	vl_csrf_token("secret-one", b);
	vl_csrf_token("secret-two", c);
	assert_int_equal(strlen(a), 64);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	/* Another server key gives another token for the same secret. */
	vl_conf.secret[0] ^= 1;
	vl_csrf_token("secret-one", c);
	vl_conf.secret[0] ^= 1;
	assert_string_not_equal(a, c);
}

static void
test_check_presession(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_buf	 form = VL_BUF_INIT, ck = VL_BUF_INIT;
	char		 pre[44], tok[65];
	static const struct {
		int	 cookie, field, tamper;
		int	 ok;
	} vec[] = {
		{ 1, 1, 0, 1 },
		{ 1, 1, 1, 0 },		/* field from another cookie */
		{ 0, 1, 0, 0 },		/* no cookie */
		{ 1, 0, 0, 0 },		/* no field */
	};
	size_t	 i;

	(void)state;
	vl_conf.cookie_secure = 1;
	for (i = 0; i < NELEM(vec); i++) {
		vl_token_new(pre);
		vl_csrf_token(pre, tok);
		if (vec[i].tamper)
			tok[0] = tok[0] == 'a' ? 'b' : 'a';
		vl_buf_reset(&form);
		vl_buf_reset(&ck);
		if (vec[i].field)
			vl_buf_addf(&form, "csrf=%s&x=1", tok);
		if (vec[i].cookie)
			vl_buf_addf(&ck, "__Host-pre=%s", pre);
		struct vl_req *r = fake_req(pool, vl_buf_str(&ck), vl_buf_str(&form));
		assert_int_equal(vl_csrf_check(r), vec[i].ok);
	}
	vl_buf_release(&form);
	vl_buf_release(&ck);
	vl_pool_free(pool);
}

static void
test_check_session(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_sess	 s;
	struct vl_req	*r;
	char		 form[128];

	(void)state;
	memset(&s, 0, sizeof(s));
	vl_token_new(s.token);
	vl_csrf_token(s.token, s.csrf);
	snprintf(form, sizeof(form), "csrf=%s", s.csrf);
	r = fake_req(pool, "", form);
	r->sess = &s;
	assert_true(vl_csrf_check(r));
	/* The signed-out token does not serve a session. */
	r = fake_req(pool, "", "csrf=00");
	r->sess = &s;
	assert_false(vl_csrf_check(r));
	vl_pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token),
		cmocka_unit_test(test_check_presession),
		cmocka_unit_test(test_check_session),
	};

	if (sodium_init() < 0)
		return 1;
	vl_conf_defaults(&vl_conf);
	randombytes_buf(vl_conf.secret, sizeof(vl_conf.secret));
	return cmocka_run_group_tests_name("csrf", tests, NULL, NULL);
}
