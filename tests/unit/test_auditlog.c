/* auditlog.c and tar.c: CSV fields, the chain's hash, filter dates, the
 * export archive's format; driven by tables. */
#include "vectors.h"

#include "auditlog.h"
#include "tar.h"

static const struct {
	const char	*in, *want;
} csv[] = {
	{ "", "" },
	{ "plain", "plain" },
	{ "two words", "two words" },
	{ "a,b", "\"a,b\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ "\"", "\"\"\"\"" },
	{ "line\nbreak", "\"line\nbreak\"" },
	{ "cr\rhere", "\"cr\rhere\"" },
	{ "Nov 22, 2026 9:14 AM EST", "\"Nov 22, 2026 9:14 AM EST\"" },
	/* Formula injection: a leading = + - @ (and tab, CR) is made text. */
	{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
	{ "=1+1", "'=1+1" },
	{ "+1", "'+1" },
	{ "-2", "'-2" },
	{ "@SUM(A1)", "'@SUM(A1)" },
	{ "\tx", "'\tx" },
	{ "\r=1", "\"'\r=1\"" },
	{ "=a,b", "\"'=a,b\"" },
	{ "a=b", "a=b" },
	{ "a-b@c", "a-b@c" },
	{ "::1", "::1" },
	{ "Ünïcödé", "Ünïcödé" },
};

static void
test_csv(void **state)
{
	struct vl_buf	 b = VL_BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(csv); i++) {
		vl_buf_reset(&b);
		vl_csv_field(&b, csv[i].in);
		if (strcmp(vl_buf_str(&b), csv[i].want) != 0)
			fail_msg("%zu: [%s] gave [%s], want [%s]", i, csv[i].in, vl_buf_str(&b),
			    csv[i].want);
	}
	vl_buf_reset(&b);
	vl_csv_field(&b, NULL);
	assert_string_equal(vl_buf_str(&b), "");
	vl_buf_release(&b);
}

/* Vectors computed apart (Python's hashlib over the documented form). */
static const struct {
	struct vl_audit_row	 row;
	const char		*prev, *want;
} chain[] = {
	{ { 1, 1, 2, 0, 2, 0, INT64_C(1795000000123456), "login", "user", "127.0.0.1" },
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    "6b17bccbd2cb07667a4375340fc9df0abed1870caad986d833373c8fc29e3e6e" },
	{ { 2, 1, 0, 7, 12, 3, INT64_C(1795000000999999), "client_download", "document", "::1" },
	    "6b17bccbd2cb07667a4375340fc9df0abed1870caad986d833373c8fc29e3e6e",
	    "87ab61e3a1327b9ccbf75df0e05668cf75663f01b5cb07342db1ffe492da1664" },
};

static void
test_hash(void **state)
{
	struct vl_audit_row	 r;
	char			 got[65], base[65];
	size_t			 i;

	(void)state;
	for (i = 0; i < NELEM(chain); i++) {
		vl_auditlog_hash(chain[i].prev, &chain[i].row, got);
		if (strcmp(got, chain[i].want) != 0)
			fail_msg("%zu: %s, want %s", i, got, chain[i].want);
	}
	/* Every field counts: change one and the hash changes. */
	vl_auditlog_hash(chain[0].prev, &chain[0].row, base);
	for (i = 0; i < 10; i++) {
		r = chain[0].row;
		switch (i) {
		case 0: r.seq++; break;
		case 1: r.firm++; break;
		case 2: r.user++; break;
		case 3: r.contact++; break;
		case 4: r.item_id++; break;
		case 5: r.matter++; break;
		case 6: r.at_us++; break;
		case 7: r.action = "login_failed"; break;
		case 8: r.item = "contact"; break;
		case 9: r.ip = "127.0.0.2"; break;
		}
		vl_auditlog_hash(chain[0].prev, &r, got);
		if (strcmp(got, base) == 0)
			fail_msg("field %zu does not change the hash", i);
	}
	/* Text moved between fields is another row (lengths are hashed). */
	r = chain[0].row;
	r.action = "login\n4:user";
	r.item = "";
	vl_auditlog_hash(chain[0].prev, &r, got);
	assert_string_not_equal(got, base);
	/* The previous hash counts. */
	vl_auditlog_hash(chain[1].want, &chain[0].row, got);
	assert_string_not_equal(got, base);
}

static const struct {
	const char	*date, *zone;
	int64_t		 want;	/* -1: refused */
} days[] = {
	{ "2026-01-01", "UTC", INT64_C(1767225600) },
	{ "2026-01-01", "America/New_York", INT64_C(1767243600) },
	{ "2026-07-01", "America/New_York", INT64_C(1782878400) },	/* EDT */
	{ "2026-03-08", "America/New_York", INT64_C(1772946000) },	/* DST day */
	{ "2026-01-01", "Asia/Tokyo", INT64_C(1767193200) },
	{ "2024-02-29", "UTC", INT64_C(1709164800) },
	{ "1970-01-01", "UTC", 0 },
	{ "2026-01-01", "No/Such_Zone", INT64_C(1767225600) },	/* UTC */
	{ "2025-02-29", "UTC", -1 },
	{ "2026-02-30", "UTC", -1 },
	{ "2026-13-01", "UTC", -1 },
	{ "2026-00-10", "UTC", -1 },
	{ "2026-01-00", "UTC", -1 },
	{ "2026-1-01", "UTC", -1 },
	{ "2026/01/01", "UTC", -1 },
	{ "20260101", "UTC", -1 },
	{ "1969-12-31", "UTC", -1 },
	{ " 2026-01-01", "UTC", -1 },
	{ "2026-01-01x", "UTC", -1 },
	{ "+026-01-01", "UTC", -1 },
	{ "", "UTC", -1 },
	{ NULL, "UTC", -1 },
};

static void
test_day(void **state)
{
	int64_t		 got;
	enum vl_rc	 rc;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(days); i++) {
		got = -1;
		rc = vl_auditlog_day(days[i].date, days[i].zone, &got);
		if (days[i].want < 0 && rc != VL_INVALID)
			fail_msg("%zu: %s accepted", i, days[i].date);
		if (days[i].want >= 0 && (rc != VL_OK || got != days[i].want))
			fail_msg("%zu: %s in %s gave %lld, want %lld", i, days[i].date,
			    days[i].zone, (long long)got, (long long)days[i].want);
	}
	/* The zone it leaves set is the one it found (lib/tz.c relies on it). */
	setenv("TZ", "Europe/Paris", 1);
	assert_int_equal(vl_auditlog_day("2026-01-01", "Asia/Tokyo", &got), VL_OK);
	assert_string_equal(getenv("TZ"), "Europe/Paris");
}

static void
test_tar(void **state)
{
	static const struct {
		const char	*name;
		size_t		 len;
	} files[] = {
		{ "vellum-export/manifest.json", 0 },
		{ "vellum-export/a.json", 1 },
		{ "vellum-export/b.json", 511 },
		{ "vellum-export/c.json", 512 },
		{ "vellum-export/d.json", 513 },
		{ "vellum-export/files/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 70000 },
	};
	struct vl_tar_entry	 e;
	FILE			*f = tmpfile();
	char			*data = vl_xmalloc(70000), *got, name[120];
	unsigned char		 block[512];
	size_t			 i, j;

	(void)state;
	for (j = 0; j < 70000; j++)
		data[j] = (char)(j * 7 + 3);
	for (i = 0; i < NELEM(files); i++)
		assert_int_equal(vl_tar_add_mem(f, files[i].name, data, files[i].len), VL_OK);
	assert_int_equal(vl_tar_end(f), VL_OK);
	/* Names the format cannot hold are refused, nothing written. */
	memset(name, 'x', sizeof(name));
	name[100] = '\0';
	assert_int_equal(vl_tar_add_mem(f, name, "", 0), VL_INVALID);
	assert_int_equal(vl_tar_add_mem(f, "", "", 0), VL_INVALID);
	rewind(f);
	for (i = 0; i < NELEM(files); i++) {
		assert_int_equal(vl_tar_next(f, &e), 1);
		assert_string_equal(e.name, files[i].name);
		assert_int_equal(e.size, files[i].len);
		if (i == 2) {
			assert_int_equal(vl_tar_skip(f, &e), VL_OK);
			continue;
		}
		if (i == 3)	/* bigger than allowed: refused, nothing read */
			assert_int_equal(vl_tar_read(f, &e, 100, &got), VL_TOOBIG);
		assert_int_equal(vl_tar_read(f, &e, 1 << 20, &got), VL_OK);
		assert_memory_equal(got, data, files[i].len);
		assert_int_equal(got[files[i].len], '\0');
		free(got);
	}
	assert_int_equal(vl_tar_next(f, &e), 0);
	/* A header with one byte changed fails its checksum; a link, or a
	 * short archive, is refused. */
	rewind(f);
	assert_int_equal(fread(block, 1, 512, f), 512);
	for (j = 0; j < 3; j++) {
		unsigned char bad[512];
		FILE *g = tmpfile();
		memcpy(bad, block, sizeof(bad));
		if (j == 0)
			bad[0] ^= 1;
		else if (j == 1) {
			unsigned sum = 0;
			size_t k;
			bad[156] = '2';	/* symlink */
			for (k = 0; k < 512; k++)
				sum += (k >= 148 && k < 156) ? ' ' : bad[k];
			snprintf((char *)bad + 148, 8, "%06o", sum);
			bad[155] = ' ';
		}
		assert_int_equal(fwrite(bad, 1, j == 2 ? 100 : 512, g), j == 2 ? 100 : 512);
		rewind(g);
		assert_int_equal(vl_tar_next(g, &e), -1);
		fclose(g);
	}
	fclose(f);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_tar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
