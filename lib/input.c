/*
 * Input parsers: urlencoded (query strings and form bodies), the Cookie
 * header, and multipart/form-data streamed from the body in bounded memory.
 * All results live in the request pool; each parser has a fuzz target.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "vellum.h"
#include "internal.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a pool copy; returns its length, or -1 on a bad escape. */
static long
urldecode(struct vl_pool *p, const char *s, size_t n, char **out)
{
	char	*d = vl_pool_alloc(p, n + 1);
	size_t	 i, j = 0;
	int	 h, l;

	for (i = 0; i < n; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			if ((h = hexval((unsigned char)s[i + 1])) < 0 ||
			    (l = hexval((unsigned char)s[i + 2])) < 0)
				return -1;
			d[j++] = (char)(h << 4 | l);
			i += 2;
		} else
			d[j++] = s[i];
	}
	d[j] = '\0';
	*out = d;
	return (long)j;
}

static void
append(struct vl_pair **head, struct vl_pair *p)
{
	while (*head)
		head = &(*head)->next;
	*head = p;
}

enum vl_rc
vl_parse_urlencoded(struct vl_pool *pool, const char *s, size_t n, struct vl_pair **out)
{
	const char	*end = s + n, *amp, *eq;
	struct vl_pair	*pr;
	long		 kl, vl;

	*out = NULL;
	while (s < end) {
		if ((amp = memchr(s, '&', (size_t)(end - s))) == NULL)
			amp = end;
		if (amp == s) {
			s++;
			continue;
		}
		if ((eq = memchr(s, '=', (size_t)(amp - s))) == NULL)
			eq = amp;
		pr = vl_pool_calloc(pool, 1, sizeof(*pr));
		if ((kl = urldecode(pool, s, (size_t)(eq - s), &pr->key)) < 0)
			return VL_INVALID;
		if (eq < amp)
			vl = urldecode(pool, eq + 1, (size_t)(amp - eq - 1), &pr->val);
		else
			vl = urldecode(pool, eq, 0, &pr->val);
		if (vl < 0)
			return VL_INVALID;
		pr->vallen = (size_t)vl;
		/* A key with a NUL byte can match no field: refuse the input. */
		if (strlen(pr->key) != (size_t)kl || kl == 0)
			return VL_INVALID;
		append(out, pr);
		s = amp + 1;
	}
	return VL_OK;
}

enum vl_rc
vl_parse_cookies(struct vl_pool *pool, const char *s, struct vl_pair **out)
{
	const char	*semi, *eq, *ks, *ke, *vs, *ve;
	struct vl_pair	*pr;

	*out = NULL;
	if (s == NULL)
		return VL_OK;
	while (*s) {
		if ((semi = strchr(s, ';')) == NULL)
			semi = s + strlen(s);
		ks = s;
		while (ks < semi && (*ks == ' ' || *ks == '\t'))
			ks++;
		eq = memchr(ks, '=', (size_t)(semi - ks));
		/* Browsers send junk at times: skip a piece we cannot read. */
		if (eq != NULL && eq > ks) {
			ke = eq;
			while (ke > ks && (ke[-1] == ' ' || ke[-1] == '\t'))
				ke--;
			vs = eq + 1;
			ve = semi;
			while (vs < ve && (*vs == ' ' || *vs == '\t'))
				vs++;
			while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - vs >= 2 && *vs == '"' && ve[-1] == '"') {
				vs++;
				ve--;
			}
			if (ke > ks) {
				pr = vl_pool_calloc(pool, 1, sizeof(*pr));
				pr->key = vl_pool_strndup(pool, ks, (size_t)(ke - ks));
				pr->val = vl_pool_strndup(pool, vs, (size_t)(ve - vs));
				pr->vallen = (size_t)(ve - vs);
				append(out, pr);
			}
		}
		s = *semi ? semi + 1 : semi;
	}
	return VL_OK;
}

const struct vl_pair *
vl_pair_find(const struct vl_pair *p, const char *key)
{
	for (; p; p = p->next)
		if (strcmp(p->key, key) == 0)
			return p;
	return NULL;
}

/* ---- multipart/form-data ---- */

/*
 * The parser's buffer: a file's bytes are written from it straight to the
 * disk (direct I/O, below) in pieces of up to this size; 64 KiB pieces
 * took twice as long as 256 KiB ones, and with the writer thread 512 KiB
 * buffers beat 256 KiB ones by a sixth (docs/performance.md).  It and the
 * sink's second one (1 MiB together) are the bulk of an upload's memory.
 */
#define MP_BUF		(512 * 1024)
#define MP_HDRMAX	8192
/* Parts (fields and files) in one body: each costs a header's parse. */
#define MP_PARTS_MAX	256

struct mp {
	struct vl_pool	*pool;
	vl_reader	 rd;
	void		*rdarg;
	char		*buf;
	size_t		 len;
	int		 eof;
	char		 delim[80];	/* "\r\n--" boundary */
	size_t		 dlen;
	uint8_t		 skip[256];	/* find_delim's shift for each byte */
};

/* Reads until the buffer is full or the body ends. */
static enum vl_rc
mp_fill(struct mp *m)
{
	long	 n;

	while (!m->eof && m->len < MP_BUF) {
		n = m->rd(m->rdarg, m->buf + m->len, MP_BUF - m->len);
		if (n < 0)
			return VL_ERR;
		if (n == 0)
			m->eof = 1;
		m->len += (size_t)n;
	}
	return VL_OK;
}

static void
mp_consume(struct mp *m, size_t n)
{
	memmove(m->buf, m->buf + n, m->len - n);
	m->len -= n;
}

/*
 * The delimiter's shifts (Horspool): how far the window may move when its
 * last byte is c.  glibc's memmem was a third of an upload's CPU in the
 * program; with a delimiter of 40 bytes or more, as browsers and curl
 * make them, a search here looks at about one byte in 40 of a file.
 */
static void
delim_init(struct mp *m)
{
	size_t	 i, last = m->dlen - 1;

	memset(m->skip, (int)m->dlen, sizeof(m->skip));
	for (i = 0; i < last; i++)
		m->skip[(unsigned char)m->delim[i]] = (uint8_t)(last - i);
}

/* The first delimiter in hay[0..n), as memmem() would find it. */
static char *
find_delim(const struct mp *m, char *hay, size_t n)
{
	const unsigned char	*h = (const unsigned char *)hay;
	size_t			 i = 0, last = m->dlen - 1;
	unsigned char		 lc = (unsigned char)m->delim[last], c;

	while (n >= m->dlen && i <= n - m->dlen) {
		c = h[i + last];
		if (c == lc && memcmp(h + i, m->delim, last) == 0)
			return hay + i;
		i += m->skip[c];
	}
	return NULL;
}

/* Finds the value of param (e.g. boundary, name) in a header value. */
static char *
hdr_param(struct vl_pool *pool, const char *v, const char *param)
{
	size_t	 pl = strlen(param);
	const char *s = v;
	struct vl_buf b = VL_BUF_INIT;
	char	*r;

	while ((s = strchr(s, ';')) != NULL) {
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncasecmp(s, param, pl) != 0 || s[pl] != '=')
			continue;
		s += pl + 1;
		if (*s == '"') {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				vl_buf_addc(&b, *s);
			}
			if (*s != '"') {
				vl_buf_release(&b);
				return NULL;
			}
		} else
			while (*s && *s != ';' && *s != ' ' && *s != '\t')
				vl_buf_addc(&b, *s++);
		r = vl_pool_strdup(pool, vl_buf_str(&b));
		vl_buf_release(&b);
		return r;
	}
	return NULL;
}

struct part {
	char	*name, *filename, *ctype;
};

static enum vl_rc
parse_part_headers(struct vl_pool *pool, char *h, struct part *pt)
{
	char	*line, *next, *colon, *v;

	memset(pt, 0, sizeof(*pt));
	for (line = h; line && *line; line = next) {
		if ((next = strstr(line, "\r\n")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if ((colon = strchr(line, ':')) == NULL)
			return VL_INVALID;
		*colon = '\0';
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			continue;
		if (strcasecmp(line, "Content-Disposition") == 0) {
			if (strncasecmp(v, "form-data", 9) != 0)
				return VL_INVALID;
			pt->name = hdr_param(pool, v, "name");
			pt->filename = hdr_param(pool, v, "filename");
		} else if (strcasecmp(line, "Content-Type") == 0)
			pt->ctype = vl_pool_strdup(pool, v);
	}
	if (pt->name == NULL || *pt->name == '\0')
		return VL_INVALID;
	return VL_OK;
}

static void
unlink_cb(void *arg)
{
	unlink((const char *)arg);
}

/* An O_EXCL temp file for an upload, unlinked when the pool is reset. */
static int
temp_file(struct vl_pool *pool, const char *tmpdir, char **path)
{
	int	 fd;

	*path = vl_pool_printf(pool, "%s/upload-XXXXXX", tmpdir);
	if ((fd = mkostemp(*path, O_CLOEXEC)) < 0) {
		vl_err("upload temp file in %s: %s", tmpdir, strerror(errno));
		return -1;
	}
	vl_pool_cleanup(pool, unlink_cb, *path);
	return fd;
}

/*
 * An upload's temp file is written with direct I/O where the file system
 * allows it: the bytes go from the parser's buffer to the disk, not first
 * into fresh page-cache pages, whose copy was most of an upload's CPU and
 * time (and all of dd's).  Direct writes need the buffer, the file offset
 * and the length aligned: whole blocks of DIO_ALIGN go direct, the tail
 * of the file is written through the page cache, and a file system or
 * device that refuses direct I/O (tmpfs, a larger block) gets every byte
 * through the page cache, as before.  The closing fsync is the promise in
 * both cases: direct I/O alone does not flush the device's cache nor the
 * file's metadata.
 *
 * A direct write waits for the disk, so a thread of the sink's writes
 * each full buffer while the parser reads the next one into a second
 * buffer: the body keeps arriving while the disk writes.  The parser's
 * buffer and the sink's spare trade places at each hand-over.
 */
#define DIO_ALIGN	((size_t)4096)

struct sink {
	int		 fd;
	int		 direct;
	uint64_t	 off;		/* bytes written */
	/* The writer thread, started at the first full buffer. */
	int		 started;
	pthread_t	 th;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	const char	*job;		/* being written; NULL: the writer is idle */
	size_t		 joblen;
	int		 werr, quit;
	char		*spare;		/* the buffer the parser gets next */
};

/* The parser's buffer, aligned for direct I/O (unaligned, a direct
 * write is refused and the page cache takes it: slower, not wrong). */
static char *
dio_buf(void)
{
	void	*p;

	if (posix_memalign(&p, DIO_ALIGN, MP_BUF) != 0)
		return vl_xmalloc(MP_BUF);
	return p;
}

/* Tries direct I/O on fd; the sink works either way. */
static void
sink_init(struct sink *k, int fd)
{
	int	 fl;

	memset(k, 0, sizeof(*k));
	k->fd = fd;
	k->direct = (fl = fcntl(fd, F_GETFL)) >= 0 && fcntl(fd, F_SETFL, fl | O_DIRECT) == 0;
}

/* Back to the page cache for the rest of the file. */
static enum vl_rc
sink_buffered(struct sink *k)
{
	int	 fl;

	k->direct = 0;
	if ((fl = fcntl(k->fd, F_GETFL)) < 0 || fcntl(k->fd, F_SETFL, fl & ~O_DIRECT) != 0)
		return VL_ERR;
	return VL_OK;
}

/*
 * Through the page cache, writeback of the file is started every
 * WRITEBACK_STEP bytes without waiting (sync_file_range), so the fsync
 * that ends the file waits for the tail, not for all of it at once.  The
 * fsync stays the only promise: this call's outcome is not one.
 */
#define WRITEBACK_STEP	((uint64_t)8 << 20)

static void
writeback(int fd, uint64_t before, uint64_t after)
{
	uint64_t	 end = after / WRITEBACK_STEP * WRITEBACK_STEP;

	if (before / WRITEBACK_STEP != after / WRITEBACK_STEP)
		(void)sync_file_range(fd, (off_t)(end - WRITEBACK_STEP), (off_t)WRITEBACK_STEP,
		    SYNC_FILE_RANGE_WRITE);
}

/* Writes p[0..n): by the writer thread while it has a job, else by the
 * parser's, never by both at once. */
static enum vl_rc
sink_put(struct sink *k, const char *p, size_t n)
{
	ssize_t	 w;

	while (n > 0) {
		if ((w = write(k->fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			/* Alignment refused (or a short write left the
			 * offset unaligned): the page cache takes it. */
			if (errno == EINVAL && k->direct) {
				if (sink_buffered(k) != VL_OK)
					return VL_ERR;
				continue;
			}
			return VL_ERR;
		}
		if (!k->direct)
			writeback(k->fd, k->off, k->off + (uint64_t)w);
		k->off += (uint64_t)w;
		p += w;
		n -= (size_t)w;
	}
	return VL_OK;
}

static void *
sink_writer(void *arg)
{
	struct sink	*k = arg;
	enum vl_rc	 rc;

	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (k->job == NULL && !k->quit)
			pthread_cond_wait(&k->cv, &k->mu);
		if (k->job == NULL)
			break;
		pthread_mutex_unlock(&k->mu);
		rc = sink_put(k, k->job, k->joblen);
		pthread_mutex_lock(&k->mu);
		if (rc != VL_OK)
			k->werr = 1;
		k->job = NULL;
		pthread_cond_broadcast(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

/* Waits until the writer has no job; VL_ERR if one failed. */
static enum vl_rc
sink_idle(struct sink *k)
{
	int	 err;

	if (!k->started)
		return VL_OK;
	pthread_mutex_lock(&k->mu);
	while (k->job != NULL)
		pthread_cond_wait(&k->cv, &k->mu);
	err = k->werr;
	pthread_mutex_unlock(&k->mu);
	return err ? VL_ERR : VL_OK;
}

/* Starts the writer; 0 if it could not (the parser then writes itself). */
static int
sink_start(struct sink *k)
{
	pthread_attr_t	 at;
	sigset_t	 all, old;
	int		 ok;

	if (k->started)
		return 1;
	if (pthread_mutex_init(&k->mu, NULL) != 0)
		return 0;
	if (pthread_cond_init(&k->cv, NULL) != 0) {
		pthread_mutex_destroy(&k->mu);
		return 0;
	}
	/* It calls write() and little else, and takes no signal: a
	 * shutdown signal must reach the thread that accepts requests. */
	ok = pthread_attr_init(&at) == 0;
	if (ok) {
		(void)pthread_attr_setstacksize(&at, 64 * 1024);
		sigfillset(&all);
		pthread_sigmask(SIG_SETMASK, &all, &old);
		ok = pthread_create(&k->th, &at, sink_writer, k) == 0;
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		pthread_attr_destroy(&at);
	}
	if (!ok) {
		pthread_cond_destroy(&k->cv);
		pthread_mutex_destroy(&k->mu);
		return 0;
	}
	k->spare = dio_buf();
	k->started = 1;
	return 1;
}

/*
 * Stops the writer after its last job and frees the spare buffer; must
 * come before the file is closed and the parser's buffer freed, on every
 * path.  VL_ERR if a write failed.
 */
static enum vl_rc
sink_close(struct sink *k)
{
	enum vl_rc	 rc;

	if (!k->started)
		return VL_OK;
	rc = sink_idle(k);
	pthread_mutex_lock(&k->mu);
	k->quit = 1;
	pthread_cond_broadcast(&k->cv);
	pthread_mutex_unlock(&k->mu);
	pthread_join(k->th, NULL);
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	free(k->spare);
	k->started = 0;
	return rc;
}

/*
 * Takes what it can of the n bytes that start *bufp (len bytes are in
 * it): with direct I/O the whole blocks, the rest kept for the next call,
 * unless last (the file ends with these n bytes); all of them otherwise.
 * Afterwards *bufp starts with the bytes that were not taken (*took says
 * how many were): the same buffer, or the spare when the writer thread
 * took the old one.
 */
static enum vl_rc
sink_take(struct sink *k, char **bufp, size_t n, size_t len, int last, size_t *took)
{
	char	*buf = *bufp, *next;
	size_t	 whole;

	*took = 0;
	if (sink_idle(k) != VL_OK)
		return VL_ERR;
	whole = k->direct ? n / DIO_ALIGN * DIO_ALIGN : n;
	if (!last && k->direct && whole >= MP_BUF / 2 && sink_start(k)) {
		/* The writer takes this buffer; the parser goes on in the
		 * spare, which starts with what was not taken. */
		next = k->spare;
		memcpy(next, buf + whole, len - whole);
		pthread_mutex_lock(&k->mu);
		k->job = buf;
		k->joblen = whole;
		k->spare = buf;
		pthread_cond_broadcast(&k->cv);
		pthread_mutex_unlock(&k->mu);
		*bufp = next;
		*took = whole;
		return VL_OK;
	}
	if (whole > 0 && sink_put(k, buf, whole) != VL_OK)
		return VL_ERR;
	if (last && whole < n) {
		if (sink_buffered(k) != VL_OK || sink_put(k, buf + whole, n - whole) != VL_OK)
			return VL_ERR;
		whole = n;
	}
	memmove(buf, buf + whole, len - whole);
	*took = whole;
	return VL_OK;
}

/* Streams one part's body to k (file) or into b (field) up to the delimiter. */
static enum vl_rc
mp_body(struct mp *m, struct sink *k, struct vl_buf *b, uint64_t max, uint64_t *size)
{
	char	*p;
	size_t	 n, took;
	enum vl_rc rc;

	*size = 0;
	for (;;) {
		if ((rc = mp_fill(m)) != VL_OK)
			return rc;
		p = find_delim(m, m->buf, m->len);
		if (p != NULL)
			n = (size_t)(p - m->buf);
		else if (m->eof)
			return VL_INVALID;	/* body ended inside a part */
		else
			n = m->len - (m->dlen - 1);
		/* *size counts what was taken, n what follows it. */
		if (*size + n > max)
			return VL_TOOBIG;
		if (k == NULL) {
			vl_buf_add(b, m->buf, n);
			*size += n;
			if (p != NULL) {
				mp_consume(m, n + m->dlen);
				return VL_OK;
			}
			mp_consume(m, n);
			continue;
		}
		/* The file's bytes: the buffer may change hands. */
		if ((rc = sink_take(k, &m->buf, n, m->len, p != NULL, &took)) != VL_OK)
			return rc;
		*size += took;
		m->len -= took;
		if (p != NULL) {
			mp_consume(m, m->dlen);
			return VL_OK;
		}
	}
}

static enum vl_rc
mp_file(struct mp *m, struct part *pt, const char *tmpdir, uint64_t filemax,
    struct vl_upload **uploads)
{
	struct vl_upload *u;
	struct sink	 k;
	char		*path;
	int		 fd;
	enum vl_rc	 rc;

	if ((fd = temp_file(m->pool, tmpdir, &path)) < 0)
		return VL_ERR;
	sink_init(&k, fd);
	u = vl_pool_calloc(m->pool, 1, sizeof(*u));
	rc = mp_body(m, &k, NULL, filemax, &u->size);
	/* The writer is done with the buffers before anything is freed. */
	if (sink_close(&k) != VL_OK && rc == VL_OK)
		rc = VL_ERR;
	if (rc == VL_OK && fsync(fd) != 0)
		rc = VL_ERR;
	if (close(fd) != 0 && rc == VL_OK)
		rc = VL_ERR;
	if (rc != VL_OK)
		return rc;
	/* An empty file input arrives as a part with no name and no bytes. */
	if (*pt->filename == '\0' && u->size == 0)
		return VL_OK;
	u->field = pt->name;
	u->filename = pt->filename;
	u->ctype = pt->ctype ? pt->ctype : "application/octet-stream";
	u->path = path;
	while (*uploads)
		uploads = &(*uploads)->next;
	*uploads = u;
	return VL_OK;
}

enum vl_rc
vl_parse_multipart(struct vl_pool *pool, const char *ctype, vl_reader rd, void *rdarg,
    const char *tmpdir, uint64_t filemax, size_t fieldmax,
    int (*file_ok)(void *, const struct vl_pair *), void *okarg,
    struct vl_pair **pairs, struct vl_upload **uploads)
{
	struct mp	 m;
	struct part	 pt;
	struct vl_pair	*pr;
	struct vl_buf	 field = VL_BUF_INIT;
	char		*boundary, *p, *hdr;
	uint64_t	 size, fields = 0;
	enum vl_rc	 rc = VL_INVALID;
	size_t		 bl, nparts = 0;

	*pairs = NULL;
	*uploads = NULL;
	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return VL_INVALID;
	if ((boundary = hdr_param(pool, ctype, "boundary")) == NULL)
		return VL_INVALID;
	bl = strlen(boundary);
	if (bl < 1 || bl > 70)
		return VL_INVALID;
	memset(&m, 0, sizeof(m));
	m.pool = pool;
	m.rd = rd;
	m.rdarg = rdarg;
	m.dlen = (size_t)snprintf(m.delim, sizeof(m.delim), "\r\n--%s", boundary);
	delim_init(&m);
	m.buf = dio_buf();
	/* A virtual CRLF lets the first boundary match like every other. */
	memcpy(m.buf, "\r\n", 2);
	m.len = 2;

	/* Preamble. */
	for (;;) {
		if ((rc = mp_fill(&m)) != VL_OK)
			goto out;
		if ((p = find_delim(&m, m.buf, m.len)) != NULL) {
			mp_consume(&m, (size_t)(p - m.buf) + m.dlen);
			break;
		}
		rc = VL_INVALID;
		if (m.eof)
			goto out;
		mp_consume(&m, m.len - (m.dlen - 1));
	}
	for (;;) {
		rc = VL_INVALID;
		if (mp_fill(&m) != VL_OK || m.len < 2)
			goto out;
		if (memcmp(m.buf, "--", 2) == 0) {
			rc = VL_OK;	/* final boundary; the epilogue is ignored */
			goto out;
		}
		if (memcmp(m.buf, "\r\n", 2) != 0)
			goto out;
		mp_consume(&m, 2);
		if ((p = memmem(m.buf, m.len, "\r\n\r\n", 4)) == NULL ||
		    p - m.buf > MP_HDRMAX)
			goto out;
		hdr = vl_pool_strndup(pool, m.buf, (size_t)(p - m.buf));
		mp_consume(&m, (size_t)(p - m.buf) + 4);
		if (strlen(hdr) != (size_t)(p - m.buf) ||
		    parse_part_headers(pool, hdr, &pt) != VL_OK)
			goto out;
		if (++nparts > MP_PARTS_MAX) {
			rc = VL_TOOBIG;
			goto out;
		}
		if (pt.filename != NULL) {
			/* Nothing touches the disk until the caller allows it. */
			if (file_ok != NULL && !file_ok(okarg, *pairs)) {
				rc = VL_FORBIDDEN;
				goto out;
			}
			if ((rc = mp_file(&m, &pt, tmpdir, filemax, uploads)) != VL_OK)
				goto out;
			continue;
		}
		/* fieldmax holds for all plain fields together. */
		vl_buf_reset(&field);
		if ((rc = mp_body(&m, NULL, &field, fieldmax - fields, &size)) != VL_OK)
			goto out;
		fields += size;
		pr = vl_pool_calloc(pool, 1, sizeof(*pr));
		pr->key = pt.name;
		pr->val = vl_pool_strndup(pool, vl_buf_str(&field), field.len);
		pr->vallen = field.len;
		append(pairs, pr);
	}
out:
	vl_buf_release(&field);
	free(m.buf);
	return rc;
}

enum vl_rc
vl_read_raw(struct vl_pool *pool, vl_reader rd, void *rdarg, const char *tmpdir, uint64_t max,
    const char *filename, const char *ctype, struct vl_upload **uploads)
{
	struct vl_upload	*u;
	struct sink		 k;
	char			*path, *buf;
	size_t			 len = 0, took;
	long			 n = 1;
	int			 fd;
	enum vl_rc		 rc = VL_OK;

	if ((fd = temp_file(pool, tmpdir, &path)) < 0)
		return VL_ERR;
	sink_init(&k, fd);
	u = vl_pool_calloc(pool, 1, sizeof(*u));
	buf = dio_buf();
	while (rc == VL_OK && n > 0) {
		/* The buffer fills before a write: whole blocks for direct I/O. */
		while (len < MP_BUF && (n = rd(rdarg, buf + len, MP_BUF - len)) > 0) {
			if (u->size + (uint64_t)n > max) {
				rc = VL_TOOBIG;
				break;
			}
			u->size += (uint64_t)n;
			len += (size_t)n;
		}
		if (rc != VL_OK || n < 0)
			break;
		if (sink_take(&k, &buf, len, len, n == 0, &took) != VL_OK)
			rc = VL_ERR;
		else
			len -= took;
	}
	if (sink_close(&k) != VL_OK && rc == VL_OK)
		rc = VL_ERR;
	if (rc == VL_OK && n < 0)
		rc = VL_ERR;
	free(buf);
	if (rc == VL_OK && fsync(fd) != 0)
		rc = VL_ERR;
	if (close(fd) != 0 && rc == VL_OK)
		rc = VL_ERR;
	if (rc != VL_OK)
		return rc;
	u->field = "file";
	u->filename = vl_pool_strdup(pool, filename ? filename : "");
	u->ctype = vl_pool_strdup(pool, ctype ? ctype : "application/octet-stream");
	u->path = path;
	*uploads = u;
	return VL_OK;
}
