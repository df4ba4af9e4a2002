/* envelope.c's pure parts: splitting items into envelopes, ids of a list form. */
#include "vectors.h"

#include "envelope.h"

#define C(...)	{ __VA_ARGS__ }

static const struct {
	const char	*name;
	size_t		 n;
	int64_t		 contact[24];
	int		 combine;
	size_t		 want[24];
	size_t		 envelopes;
} split[] = {
	{ "nothing", 0, C(0), 1, C(0), 0 },
	{ "one a bill", 3, C(7, 7, 7), 0, C(0, 1, 2), 3 },
	{ "one client combined", 3, C(7, 7, 7), 1, C(0, 0, 0), 1 },
	{ "two clients interleaved", 5, C(7, 8, 7, 8, 9), 1, C(0, 1, 0, 1, 2), 3 },
	{ "exactly ten", 10, C(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 1, C(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 1 },
	{ "twelve: ten and two", 12, C(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 1,
	    C(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1), 2 },
	{ "twelve, not combined", 12, C(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 0,
	    C(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 12 },
	{ "twenty-one and another client", 22, C(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1,
	    1, 1, 1, 1, 1, 1, 1), 1, C(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	    2, 3), 4 },
};

static void
test_split(void **state)
{
	size_t	 group[24], i, j, got;

	(void)state;
	for (i = 0; i < NELEM(split); i++) {
		memset(group, 0xff, sizeof(group));
		got = vl_envelope_split(split[i].contact, split[i].n, split[i].combine, group);
		if (got != split[i].envelopes)
			fail_msg("%s: %zu envelopes, want %zu", split[i].name, got,
			    split[i].envelopes);
		for (j = 0; j < split[i].n; j++)
			if (group[j] != split[i].want[j])
				fail_msg("%s: item %zu in %zu, want %zu", split[i].name, j, group[j],
				    split[i].want[j]);
	}
}

/* Never more than VL_ENVELOPE_ITEMS in one, never two clients in one. */
static void
test_split_bounds(void **state)
{
	int64_t	 contact[500];
	size_t	 group[500], count[500], i, n;
	int64_t	 owner[500];

	(void)state;
	for (i = 0; i < 500; i++)
		contact[i] = (int64_t)((i * 7919) % 13);
	n = vl_envelope_split(contact, 500, 1, group);
	memset(count, 0, sizeof(count));
	for (i = 0; i < 500; i++)
		owner[i] = -1;
	for (i = 0; i < 500; i++) {
		assert_true(group[i] < n);
		count[group[i]]++;
		if (owner[group[i]] == -1)
			owner[group[i]] = contact[i];
		assert_int_equal(owner[group[i]], contact[i]);
	}
	for (i = 0; i < n; i++)
		assert_true(count[i] >= 1 && count[i] <= VL_ENVELOPE_ITEMS);
}

static struct vl_pair *
pairs(struct vl_pool *pool, const char *const *kv)
{
	struct vl_pair	*head = NULL, **tail = &head;

	for (; kv[0] != NULL; kv += 2) {
		*tail = vl_pool_calloc(pool, 1, sizeof(**tail));
		(*tail)->key = vl_pool_strdup(pool, kv[0]);
		(*tail)->val = vl_pool_strdup(pool, kv[1]);
		tail = &(*tail)->next;
	}
	return head;
}

static void
test_form_ids(void **state)
{
	static const struct {
		const char	*kv[12];
		size_t		 max;
		enum vl_rc	 rc;
		size_t		 n;
		int64_t		 first;
	} v[] = {
		{ { NULL }, 5, VL_OK, 0, 0 },
		{ { "id", "12", "x", "zz", "id", "13", NULL }, 5, VL_OK, 2, 12 },
		{ { "id", "12", "id", "12", "id", "12", NULL }, 1, VL_OK, 1, 12 },
		{ { "id", "1", "id", "2", NULL }, 1, VL_INVALID, 0, 0 },
		{ { "id", "0", NULL }, 5, VL_INVALID, 0, 0 },
		{ { "id", "-3", NULL }, 5, VL_INVALID, 0, 0 },
		{ { "id", "12a", NULL }, 5, VL_INVALID, 0, 0 },
		{ { "id", "", NULL }, 5, VL_INVALID, 0, 0 },
		{ { "id", "99999999999999999999999", NULL }, 5, VL_INVALID, 0, 0 },
		{ { "id", "9223372036854775807", NULL }, 5, VL_OK, 1, INT64_MAX },
		{ { "ID", "4", NULL }, 5, VL_OK, 0, 0 },
	};
	struct vl_pool	*pool = vl_pool_new();
	int64_t		*ids;
	size_t		 i, n;

	(void)state;
	for (i = 0; i < NELEM(v); i++) {
		assert_int_equal(vl_form_ids(pool, pairs(pool, v[i].kv), "id", v[i].max, &ids, &n),
		    v[i].rc);
		if (v[i].rc != VL_OK)
			continue;
		assert_int_equal(n, v[i].n);
		if (n > 0)
			assert_int_equal(ids[0], v[i].first);
	}
	vl_pool_free(pool);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_split_bounds),
		cmocka_unit_test(test_form_ids),
	};

	return cmocka_run_group_tests_name("envelope", tests, NULL, NULL);
}
