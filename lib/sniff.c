/*
 * An upload's type, sniffed with libmagic from its content (lib/store.h).
 * Apart from lib/store.c because libmagic brings xz's, bzip2's and zlib's
 * code, and xz's start asks the processor for its features: a program
 * that only reads stored files (downloads, deletes) starts none of it,
 * which under plain CGI is paid on every request (docs/performance.md).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <magic.h>
#include <sodium.h>

#include "vellum.h"
#include "store.h"

static magic_t	 cookie;

/*
 * libmagic reads at most this much of a file into a buffer of its own
 * (7 MB by default): enough for every type it names from a file's header
 * (ISO 9660 looks at 32 KiB), and a small, fixed share of the upload
 * program's memory.
 */
#define SNIFF_BYTES	((size_t)256 * 1024)

/*
 * libmagic maps its compiled rules (magic.mgc, 8 MB) from the file, and a
 * match touches their pages as it walks them, a different set for each
 * kind of file.  Reading one byte of every page once, at start, maps them
 * all: the pages stay the page cache's, shared by every process (a read
 * does not copy them), and the process is as large after any upload as
 * before it.
 */
static void
sniff_touch(void)
{
	char		 line[4352], perms[5];
	unsigned long	 lo, hi, a;
	size_t		 n, page = (size_t)sysconf(_SC_PAGESIZE);
	FILE		*f;

	if ((f = fopen("/proc/self/maps", "re")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n < 4 || strcmp(line + n - 4, ".mgc") != 0 ||
		    sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3 || perms[0] != 'r')
			continue;
		for (a = lo; a < hi; a += page)
			(void)*(volatile const char *)(uintptr_t)a;
	}
	fclose(f);
}

/* Opens libmagic once a process; -1 if it cannot be loaded. */
static int
sniff_open(void)
{
	size_t	 max = SNIFF_BYTES;

	if (cookie != NULL)
		return 0;
	if ((cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) == NULL)
		return -1;
	if (magic_load(cookie, vl_conf.magic) != 0 ||
	    magic_setparam(cookie, MAGIC_PARAM_BYTES_MAX, &max) != 0) {
		vl_err("libmagic: %s", magic_error(cookie));
		magic_close(cookie);
		cookie = NULL;
		return -1;
	}
	return 0;
}

void
vl_store_sniff_init(void)
{
	static const char	 text[] = "A few words of plain text.\n";
	unsigned char		 bin[16384];

	if (sniff_open() != 0)
		return;
	sniff_touch();
	/* The first matches allocate libmagic's own working memory (compiled
	 * regular expressions, buffers): one text and one binary sample make
	 * it now, so the first upload does not grow the process by it. */
	(void)magic_buffer(cookie, text, sizeof(text) - 1);
	randombytes_buf(bin, sizeof(bin));
	(void)magic_buffer(cookie, bin, sizeof(bin));
}

const char *
vl_store_sniff(const char *path)
{
	const char	*t;

	if (sniff_open() != 0)
		return "application/octet-stream";
	if ((t = magic_file(cookie, path)) == NULL)
		return "application/octet-stream";
	return t;
}
