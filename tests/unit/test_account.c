/* The accounts rules that need no database: the stored form of an email
 * (vl_email_norm) and the way back after sign-in (vl_next_safe). */
#include "vectors.h"
#include "account.h"

static const struct {
	const char	*in;
	const char	*want;	/* NULL: refused */
} emails[] = {
	{ "alice.johnson@work.test", "alice.johnson@work.test" },
	{ "ALICE.JOHNSON@WORK.TEST", "alice.johnson@work.test" },
	{ "Alice.Johnson@Work.Test", "alice.johnson@work.test" },
	{ "  alice@work.test\t ", "alice@work.test" },
	{ "first.last+tag@sub.example.org", "first.last+tag@sub.example.org" },
	{ "alice.johnson@w\xc3\xb6rk.test", NULL },		/* o with diaeresis */
	{ "\xd0\xb0lice@work.test", NULL },			/* Cyrillic a */
	{ "alice@work.t\xd0\xb5st", NULL },			/* Cyrillic e */
	{ "alice@\xef\xbd\x97ork.test", NULL },			/* full-width w */
	{ "alice@work.test\xc2\xa0", NULL },			/* no-break space */
	{ "ALICE@WORK.TEST\xe2\x80\x8b", NULL },		/* zero-width space */
	{ "alice@work.test.", NULL },
	{ "alice @work.test", NULL },
	{ "alice@work", NULL },
	{ "", NULL },
	{ "   ", NULL },
	{ "a@b@c.test", NULL },
	{ "alice@work.test\r\nBcc: x@y.test", NULL },
	{ "\xff@work.test", NULL },
};

static void
test_email_norm(void **state)
{
	struct vl_pool	*pool = vl_pool_new();
	char		 long_local[300];
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(emails); i++) {
		char *got = vl_email_norm(pool, emails[i].in);
		if (emails[i].want == NULL && got != NULL)
			fail_msg("email %zu: \"%s\" accepted as \"%s\"", i, emails[i].in, got);
		if (emails[i].want != NULL && (got == NULL || strcmp(got, emails[i].want) != 0))
			fail_msg("email %zu: \"%s\" gave \"%s\", want \"%s\"", i, emails[i].in,
			    got ? got : "(refused)", emails[i].want);
	}
	assert_null(vl_email_norm(pool, NULL));
	memset(long_local, 'a', sizeof(long_local));
	memcpy(long_local + 250, "@b.test", 8);
	assert_null(vl_email_norm(pool, long_local));
	vl_pool_free(pool);
}

static const struct {
	const char	*in;
	int		 client;
	int		 ok;
} nexts[] = {
	{ "/portal/matters/12", 1, 1 },
	{ "/portal/matters/12?view=shared", 1, 1 },
	{ "/matters/12/portal", 0, 1 },
	{ "/matters/12/portal?view=shared", 0, 1 },
	{ "/matters/12/portal", 1, 0 },		/* a client stays in the portal */
	{ "/portal/matters/12", 0, 0 },		/* a firm user stays out of it */
	{ "/portal", 0, 0 },
	{ "//evil.test", 1, 0 },
	{ "//evil.test", 0, 0 },
	{ "/\\evil.test", 0, 0 },
	{ "/portal/\\evil.test", 1, 0 },
	{ "https://evil.test", 1, 0 },
	{ "https://evil.test", 0, 0 },
	{ "javascript:alert(1)", 0, 0 },
	{ "evil.test", 0, 0 },
	{ "/portal/../matters", 1, 0 },
	{ "/portal/./x", 1, 0 },
	{ "/portal/..", 1, 0 },
	{ "/portal/%2e%2e/matters", 1, 0 },
	{ "/portal/%2F%2Fevil.test", 1, 0 },
	{ "/portal/x y", 1, 0 },
	{ "/portal/x\r\nSet-Cookie: a=b", 1, 0 },
	{ "/portal/\xc3\xa9", 1, 0 },
	{ "/", 0, 0 },
	{ "", 0, 0 },
};

static void
test_next_safe(void **state)
{
	char	 big[1100];
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(nexts); i++) {
		const char *got = vl_next_safe(nexts[i].in, nexts[i].client);
		if ((got != NULL) != nexts[i].ok)
			fail_msg("next %zu: \"%s\" (client %d): %s, want %s", i, nexts[i].in,
			    nexts[i].client, got ? "kept" : "refused", nexts[i].ok ? "kept" : "refused");
	}
	assert_null(vl_next_safe(NULL, 0));
	memset(big, 'a', sizeof(big));
	memcpy(big, "/portal/", 8);
	big[sizeof(big) - 1] = '\0';
	assert_null(vl_next_safe(big, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_email_norm),
		cmocka_unit_test(test_next_safe),
	};

	return cmocka_run_group_tests_name("account", tests, NULL, NULL);
}
