/* log.c: one line per record, with program, request id and address. */
#include "vectors.h"
#include "internal.h"

static struct vl_buf lines;

static void
sink(void *arg, const char *line, size_t len)
{
	(void)arg;
	vl_buf_add(&lines, line, len);
}

static void
test_format(void **state)
{
	(void)state;
	vl_log_init("prog", VL_LOG_INFO);
	vl_log_context(sink, NULL, "req42", "10.0.0.9");
	vl_info("hello %d", 7);
	assert_non_null(strstr(lines.buf, " info prog req=req42 addr=10.0.0.9: hello 7\n"));
	vl_buf_reset(&lines);
	vl_err("two\nlines\r\nhere");
	assert_non_null(strstr(lines.buf, "error prog req=req42 addr=10.0.0.9: two lines  here\n"));
	assert_int_equal(strchr(lines.buf, '\n') - lines.buf + 1, (long)lines.len);
	vl_buf_reset(&lines);
	vl_log_ids("req43", NULL);
	vl_warn("w");
	assert_non_null(strstr(lines.buf, "warn prog req=req43 addr=-: w\n"));
}

static void
test_levels(void **state)
{
	(void)state;
	vl_buf_reset(&lines);
	vl_log_init("prog", VL_LOG_WARN);
	vl_info("hidden");
	vl_log(VL_LOG_DEBUG, "hidden too");
	assert_int_equal(lines.len, 0);
	vl_err("shown");
	assert_non_null(strstr(vl_buf_str(&lines), "shown"));
	vl_log_context(NULL, NULL, NULL, NULL);
	vl_buf_release(&lines);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_levels),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
