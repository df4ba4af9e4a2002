/*
 * ustar archives for the firm export.  Written here rather than with
 * libarchive: the export needs regular files with short fixed names, a
 * hundred lines cover both directions, and the reader accepts only what
 * the writer makes (no links, devices, long-name extensions or paths that
 * climb), which is what an import of an untrusted file should accept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tar.h"

#define BLOCK	512

static unsigned
checksum(const unsigned char h[BLOCK])
{
	unsigned	 sum = 0;
	size_t		 i;

	for (i = 0; i < BLOCK; i++)
		sum += (i >= 148 && i < 156) ? (unsigned)' ' : h[i];
	return sum;
}

static enum vl_rc
header(FILE *f, const char *name, uint64_t size)
{
	unsigned char	 h[BLOCK];
	size_t		 nlen = strlen(name);

	if (nlen == 0 || nlen > 99 || size > VL_TAR_MAXSIZE)
		return VL_INVALID;
	memset(h, 0, sizeof(h));
	memcpy(h, name, nlen);
	snprintf((char *)h + 100, 8, "%07o", 0600);
	snprintf((char *)h + 108, 8, "%07o", 0);
	snprintf((char *)h + 116, 8, "%07o", 0);
	snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)size);
	snprintf((char *)h + 136, 12, "%011llo", (unsigned long long)time(NULL) & 077777777777ULL);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	snprintf((char *)h + 148, 8, "%06o", checksum(h));
	h[155] = ' ';
	return fwrite(h, 1, BLOCK, f) == BLOCK ? VL_OK : VL_ERR;
}

static enum vl_rc
pad(FILE *f, uint64_t size)
{
	static const char	 zero[BLOCK];
	size_t			 n = (size_t)((BLOCK - size % BLOCK) % BLOCK);

	return fwrite(zero, 1, n, f) == n ? VL_OK : VL_ERR;
}

enum vl_rc
vl_tar_add_mem(FILE *f, const char *name, const void *mem, size_t len)
{
	enum vl_rc	 rc;

	if ((rc = header(f, name, len)) != VL_OK)
		return rc;
	if (len > 0 && fwrite(mem, 1, len, f) != len)
		return VL_ERR;
	return pad(f, len);
}

enum vl_rc
vl_tar_add_file(FILE *f, const char *name, const char *path)
{
	FILE		*in;
	char		 buf[65536];
	uint64_t	 size, done = 0;
	size_t		 n;
	long		 end;
	enum vl_rc	 rc = VL_OK;

	if ((in = fopen(path, "rb")) == NULL)
		return VL_DECLINED;
	if (fseek(in, 0, SEEK_END) != 0 || (end = ftell(in)) < 0 || fseek(in, 0, SEEK_SET) != 0) {
		fclose(in);
		return VL_ERR;
	}
	size = (uint64_t)end;
	if ((rc = header(f, name, size)) != VL_OK) {
		fclose(in);
		return rc;
	}
	while (done < size && (n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (n > size - done)
			n = (size_t)(size - done);
		if (fwrite(buf, 1, n, f) != n) {
			rc = VL_ERR;
			break;
		}
		done += n;
	}
	fclose(in);
	/* A file that shrank while read would leave the archive misaligned. */
	if (rc != VL_OK || done != size)
		return VL_ERR;
	return pad(f, size);
}

enum vl_rc
vl_tar_end(FILE *f)
{
	static const char	 zero[2 * BLOCK];

	return fwrite(zero, 1, sizeof(zero), f) == sizeof(zero) && fflush(f) == 0 ? VL_OK : VL_ERR;
}

/* An octal field of n bytes: digits, then NULs or spaces. */
static int
octal(const unsigned char *p, size_t n, uint64_t *out)
{
	uint64_t	 v = 0;
	size_t		 i = 0;

	while (i < n && p[i] == ' ')
		i++;
	if (i == n || p[i] < '0' || p[i] > '7')
		return 0;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (uint64_t)(p[i] - '0');
	for (; i < n; i++)
		if (p[i] != '\0' && p[i] != ' ')
			return 0;
	*out = v;
	return 1;
}

int
vl_tar_next(FILE *f, struct vl_tar_entry *e)
{
	unsigned char	 h[BLOCK];
	uint64_t	 sum, size;
	size_t		 i, nlen;

	if (fread(h, 1, BLOCK, f) != BLOCK)
		return -1;
	for (i = 0; i < BLOCK && h[i] == 0; i++)
		;
	if (i == BLOCK)
		return 0;
	if (!octal(h + 148, 8, &sum) || sum != checksum(h) || memcmp(h + 257, "ustar", 5) != 0 ||
	    (h[156] != '0' && h[156] != '\0') || !octal(h + 124, 12, &size) ||
	    h[345] != '\0')	/* no prefix: names are ours, short */
		return -1;
	nlen = strnlen((const char *)h, 100);
	if (nlen == 0 || nlen == 100)
		return -1;
	memcpy(e->name, h, nlen);
	e->name[nlen] = '\0';
	e->size = size;
	return 1;
}

enum vl_rc
vl_tar_read(FILE *f, const struct vl_tar_entry *e, size_t max, char **out)
{
	char	*buf;

	if (e->size > max)
		return VL_TOOBIG;
	buf = vl_xmalloc((size_t)e->size + 1);
	if (fread(buf, 1, (size_t)e->size, f) != (size_t)e->size) {
		free(buf);
		return VL_ERR;
	}
	buf[e->size] = '\0';
	if (fseek(f, (long)((BLOCK - e->size % BLOCK) % BLOCK), SEEK_CUR) != 0) {
		free(buf);
		return VL_ERR;
	}
	*out = buf;
	return VL_OK;
}

enum vl_rc
vl_tar_copy(FILE *f, const struct vl_tar_entry *e, FILE *to)
{
	char		 buf[65536];
	uint64_t	 left = e->size;
	size_t		 n, want;

	while (left > 0) {
		want = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		if ((n = fread(buf, 1, want, f)) != want || fwrite(buf, 1, n, to) != n)
			return VL_ERR;
		left -= n;
	}
	return fseek(f, (long)((BLOCK - e->size % BLOCK) % BLOCK), SEEK_CUR) == 0 ? VL_OK : VL_ERR;
}

enum vl_rc
vl_tar_skip(FILE *f, const struct vl_tar_entry *e)
{
	uint64_t	 all = e->size + (BLOCK - e->size % BLOCK) % BLOCK;

	return all <= (uint64_t)INT64_MAX && fseeko(f, (off_t)all, SEEK_CUR) == 0 ? VL_OK : VL_ERR;
}
