/*
 * firmcopy.c: the firm's portal page's head and panels kept by a process.
 * A copy is found only for its firm, user and matter under the very four
 * stamps it was kept under; what it hands out is the request's own (the
 * copy outlives the request's pool, and the caller may change it); a copy
 * without every stamp, or heavier than a copy may be, is not kept.
 */
#include "vectors.h"
#include "firmcopy.h"

static struct vl_pool *pool;

static int
setup(void **state)
{
	pool = vl_pool_new();
	return 0;
}

static int
teardown(void **state)
{
	vl_firm_copy_forget();
	vl_pool_free(pool);
	return 0;
}

static const char *addr0[] = { "ann@one.test", "ann@two.test" };
static int login0[] = { 1, 0 };

/* A head with every field set: matter 7 of a portal under stamps 1-4. */
static void
sample(struct vl_msgpage_firm *h)
{
	static char	*names[] = { "Dana", "Eve" };
	static struct vl_portal_person in[1];
	static struct vl_pick docs[] = { { 11, "Lease.pdf" } }, folders[] = { { 12, "Court" } };

	memset(h, 0, sizeof(*h));
	h->matter.id = 7;
	h->matter.client_id = 3;
	h->matter.number = "2026-0007";
	h->matter.description = "Lease";
	h->matter.status = "open";
	h->matter.client = "Ann";
	h->matter.opened = "";
	h->created = 1700000000;
	h->portal = 5;
	h->feed_stamp = 4;
	h->perm[VL_PERM_MESSAGES] = 1;
	h->muted = 1;
	h->responsible = names;
	h->nresponsible = 2;
	in[0].id = 3;
	in[0].name = "Ann";
	in[0].active = 1;
	in[0].addr = addr0;
	in[0].login = login0;
	in[0].naddr = 2;
	h->people.in = in;
	h->people.nin = 1;
	h->docs = docs;
	h->ndocs = 1;
	h->folders = folders;
	h->nfolders = 1;
	h->st = (struct vl_firm_stamps){ 1, 2, 3, 4 };
}

static void
test_found_as_kept(void **state)
{
	struct vl_msgpage_firm	 h, got;
	struct vl_firm_stamps	 st = { 1, 2, 3, 4 };

	sample(&h);
	vl_firm_copy_put(9, 8, &h);
	memset(&got, 0, sizeof(got));
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 7, &st, &got), 1);
	assert_int_equal(got.kept, 1);
	assert_string_equal(got.matter.number, "2026-0007");
	assert_string_equal(got.matter.client, "Ann");
	assert_int_equal(got.portal, 5);
	assert_int_equal(got.muted, 1);
	assert_int_equal(got.perm[VL_PERM_MESSAGES], 1);
	assert_int_equal(got.perm[VL_PERM_NOTES], 0);
	assert_int_equal(got.nresponsible, 2);
	assert_string_equal(got.responsible[1], "Eve");
	assert_int_equal(got.people.nin, 1);
	assert_int_equal(got.people.in[0].naddr, 2);
	assert_string_equal(got.people.in[0].addr[1], "ann@two.test");
	assert_int_equal(got.people.in[0].login[0], 1);
	assert_int_equal(got.people.in[0].login[1], 0);
	assert_int_equal(got.ndocs, 1);
	assert_string_equal(got.docs[0].name, "Lease.pdf");
	assert_string_equal(got.folders[0].name, "Court");
	/* The request's own: changing it leaves the copy as it was. */
	got.matter.number[0] = 'X';
	got.responsible[0][0] = 'X';
	memset(&got, 0, sizeof(got));
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 7, &st, &got), 1);
	assert_string_equal(got.matter.number, "2026-0007");
	assert_string_equal(got.responsible[0], "Dana");
}

static void
test_only_its_own(void **state)
{
	struct vl_msgpage_firm	 h, got;
	struct vl_firm_stamps	 st = { 1, 2, 3, 4 }, other;
	size_t			 i;

	sample(&h);
	vl_firm_copy_put(9, 8, &h);
	memset(&got, 0, sizeof(got));
	assert_int_equal(vl_firm_copy_get(pool, 10, 8, 7, &st, &got), 0);	/* another firm */
	assert_int_equal(vl_firm_copy_get(pool, 9, 6, 7, &st, &got), 0);	/* another user */
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 70, &st, &got), 0);	/* another matter */
	for (i = 0; i < 4; i++) {		/* any one stamp moved */
		int64_t	*moved[] = { &other.facts, &other.matters, &other.clients, &other.portal };

		other = st;
		*moved[i] = 40;
		assert_int_equal(vl_firm_copy_get(pool, 9, 8, 7, &other, &got), 0);
	}
	assert_null(got.matter.number);		/* untouched when not found */
	assert_int_equal(got.kept, 0);
}

static void
test_not_kept(void **state)
{
	struct vl_msgpage_firm	 h, got;
	struct vl_firm_stamps	 st = { 1, 2, 3, 4 }, zero = { 1, 2, 3, 0 };
	static struct vl_pick	 many[2000];
	size_t			 i;

	/* A stamp of 0 (none yet): nothing kept, nothing found. */
	sample(&h);
	h.st = zero;
	vl_firm_copy_put(9, 8, &h);
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 7, &zero, &got), 0);
	/* Read under a portal stamp other than the one checked. */
	sample(&h);
	h.feed_stamp = 99;
	vl_firm_copy_put(9, 8, &h);
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 7, &st, &got), 0);
	/* Too heavy: a matter of 2,000 documents is read every time. */
	for (i = 0; i < 2000; i++) {
		many[i].id = (int64_t)i + 1;
		many[i].name = "A document with a long enough name.pdf";
	}
	sample(&h);
	h.docs = many;
	h.ndocs = 2000;
	vl_firm_copy_put(9, 8, &h);
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 7, &st, &got), 0);
}

static void
test_bounded(void **state)
{
	struct vl_msgpage_firm	 h, got;
	struct vl_firm_stamps	 st = { 1, 2, 3, 4 };
	int64_t			 m;

	/* Twenty matters kept one after the other: the latest are found,
	 * the first ones gave their place. */
	for (m = 1; m <= 20; m++) {
		sample(&h);
		h.matter.id = m;
		vl_firm_copy_put(9, 8, &h);
	}
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 20, &st, &got), 1);
	assert_int_equal(vl_firm_copy_get(pool, 9, 8, 1, &st, &got), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_found_as_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bounded, setup, teardown),
	};

	return cmocka_run_group_tests_name("firmcopy", tests, NULL, NULL);
}
