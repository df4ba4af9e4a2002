/*
 * Plain CGI's kept pages in files (lib/pagefile.h).  The files live in the
 * upload temp directory, which only the programs can read, as
 * "page-<name>".  A file is written whole under a name of its own
 * ("page-<name>.<pid>", which the sweep removes once old: a program killed
 * before its rename) and renamed over the old one, so a reader sees
 * either; it is not synced: after a crash a cut file does not parse, and
 * the page is read from the database again.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vellum.h"
#include "pagefile.h"

/* A kept page is a few tens of KB; anything larger is not one of ours. */
#define PF_MAX	((size_t)4 << 20)

static int
path_of(const char *name, char *out, size_t n)
{
	int	 w = snprintf(out, n, "%s/page-%s", vl_conf.tmp, name);

	return w > 0 && (size_t)w < n ? 0 : -1;
}

char *
vl_pf_load(struct vl_pool *pool, const char *name, size_t *len)
{
	char		 path[PATH_MAX], *data;
	struct stat	 sb;
	size_t		 got = 0;
	ssize_t		 k;
	int		 fd;

	*len = 0;
	/* O_NONBLOCK: a FIFO in the file's place would otherwise hold the
	 * open (and the request) until a writer came; it is then no regular
	 * file, refused below.  A regular file's reads ignore the flag. */
	if (path_of(name, path, sizeof(path)) != 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > PF_MAX) {
		close(fd);
		return NULL;
	}
	data = vl_pool_alloc(pool, (size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size &&
	    (k = read(fd, data + got, (size_t)sb.st_size - got)) > 0)
		got += (size_t)k;
	close(fd);
	if (got != (size_t)sb.st_size)
		return NULL;
	data[got] = '\0';
	*len = got;
	return data;
}

void
vl_pf_save(const char *name, const struct vl_buf *b)
{
	char	 path[PATH_MAX], tmp[PATH_MAX];
	size_t	 done = 0;
	ssize_t	 k;
	int	 fd, w;

	if (path_of(name, path, sizeof(path)) != 0)
		return;
	w = snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
	if (w < 0 || (size_t)w >= sizeof(tmp))
		return;
	(void)unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)) < 0) {
		vl_warn("kept page %s: %s", tmp, strerror(errno));
		return;
	}
	while (done < b->len && (k = write(fd, b->buf + done, b->len - done)) > 0)
		done += (size_t)k;
	if (close(fd) != 0 || done != b->len || rename(tmp, path) != 0) {
		vl_warn("kept page %s: not written: %s", path, strerror(errno));
		(void)unlink(tmp);
	}
}

int
vl_pf_exists(const char *name)
{
	char		 path[PATH_MAX];
	struct stat	 sb;

	/* Only a regular file of its own (not a symlink, FIFO or directory)
	 * can be a copy: anything else is as good as none, and the page
	 * takes the statement that reads the session and the rows at once. */
	return path_of(name, path, sizeof(path)) == 0 && lstat(path, &sb) == 0 &&
	    S_ISREG(sb.st_mode) && access(path, R_OK) == 0;
}
