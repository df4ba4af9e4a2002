/*
 * store.c's sniffing: an upload's type from its content with libmagic's
 * rules mapped once (vl_store_sniff_init, as an upload program starts),
 * reading at most the file's first 256 KiB, so a large file neither costs
 * memory nor changes what is found from its start.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "vectors.h"
#include "store.h"

#define KIB	1024

static const struct {
	const char	*head;		/* the file's first bytes */
	size_t		 headlen;
	size_t		 size;		/* the file's size: head, then fill */
	char		 fill;
	const char	*want;
} vec[] = {
	{ "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29, 29, 0, "image/png" },
	{ "%PDF-1.4\n", 9, 4 * KIB, ' ', "application/pdf" },
	{ "GIF89a\x01\0\x01\0\x80\0\0", 13, 13, 0, "image/gif" },
	{ "Dear client,\n", 13, 4 * KIB, 'a', "text/plain" },
	{ "", 0, 0, 0, "inode/x-empty" },
	/* A large PDF is still a PDF: only its start is read. */
	{ "%PDF-1.7\n", 9, 20 * 1024 * KIB, '\xff', "application/pdf" },
	/* The name does not matter (there is none here); bytes of no kind: */
	{ "\x01\x02\x03\x04\xfe\xfd", 6, 64 * KIB, '\x07', "application/octet-stream" },
};

/* A temp file holding head, then fill up to size. */
static char *
file_of(size_t i)
{
	static char	 path[64];
	char		 buf[64 * KIB];
	size_t		 done, n;
	int		 fd;

	snprintf(path, sizeof(path), "/tmp/vl-sniff-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, vec[i].head, vec[i].headlen), (ssize_t)vec[i].headlen);
	for (done = vec[i].headlen; done < vec[i].size; done += n) {
		n = vec[i].size - done < sizeof(buf) ? vec[i].size - done : sizeof(buf);
		memset(buf, vec[i].fill, n);
		assert_int_equal(write(fd, buf, n), (ssize_t)n);
	}
	close(fd);
	return path;
}

static long
status_kib(const char *key)
{
	char	 line[256];
	long	 v = -1;
	FILE	*f = fopen("/proc/self/status", "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, strlen(key)) == 0)
			v = strtol(line + strlen(key), NULL, 10);
	fclose(f);
	return v;
}

static void
test_types(void **state)
{
	const char	*got;
	size_t		 i;
	char		*path;

	(void)state;
	for (i = 0; i < NELEM(vec); i++) {
		path = file_of(i);
		got = vl_store_sniff(path);
		unlink(path);
		if (strcmp(got, vec[i].want) != 0)
			fail_msg("case %zu: %s, want %s", i, got, vec[i].want);
	}
}

/* Sniffing a 20 MB file, after the rules were loaded at start, does not
 * raise the process's peak by the file: libmagic reads 256 KiB of it. */
static void
test_flat(void **state)
{
	size_t	 i = 5;	/* the 20 MB PDF */
	char	*path;
	long	 before, after;

	(void)state;
	path = file_of(i);
	before = status_kib("VmHWM:");
	assert_string_equal(vl_store_sniff(path), "application/pdf");
	after = status_kib("VmHWM:");
	unlink(path);
	if (after - before > 2048)
		fail_msg("the peak grew by %ld KiB", after - before);
}

/* After the start, the rules libmagic mapped are resident and still the
 * file's pages: every process shares them, none holds a copy. */
static void
test_resident(void **state)
{
	char		 line[4352], *path;
	unsigned long	 lo, hi;
	long		 rss = 0, dirty = 0, size = 0, v;
	size_t		 n;
	int		 in = 0, seen = 0;
	struct stat	 sb;
	FILE		*f = fopen("/proc/self/smaps", "r");

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		/* A mapping's first line: "lo-hi perms offset dev inode path". */
		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) {
			n = strlen(line);
			in = n > 5 && strcmp(line + n - 5, ".mgc\n") == 0;
			if (in && (path = strchr(line, '/')) != NULL) {
				line[n - 1] = '\0';
				seen = 1;
				if (stat(path, &sb) == 0)
					size += (long)(sb.st_size / 1024);
			}
		} else if (in && sscanf(line, "Rss: %ld", &v) == 1)
			rss += v;
		else if (in && sscanf(line, "Private_Dirty: %ld", &v) == 1)
			dirty += v;
	}
	fclose(f);
	assert_true(seen);
	if (rss * 10 < size * 9)
		fail_msg("%ld of %ld KiB of the rules resident", rss, size);
	assert_int_equal(dirty, 0);
}

static int
setup(void **state)
{
	(void)state;
	vl_conf.magic = NULL;	/* libmagic's own database */
	vl_store_sniff_init();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		/* First, before a file is sniffed: what the start left. */
		cmocka_unit_test(test_resident),
		/* Then before the other's 20 MB file raises the peak. */
		cmocka_unit_test(test_flat),
		cmocka_unit_test(test_types),
	};

	return cmocka_run_group_tests_name("sniff", tests, setup, NULL);
}
