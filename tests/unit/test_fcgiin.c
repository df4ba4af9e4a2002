/*
 * fcgiin.c: a FastCGI body read record by record, from tables of record
 * streams cut at every size, and taken over from the libfcgi the programs
 * are linked with (the layout of its private stream state is checked here).
 */
#include "vectors.h"
#include "fcgiin.h"

#include <errno.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fastcgi.h>
#include <fcgiapp.h>

/* Appends one record: type, request id, content and padding. */
static void
rec(struct vl_buf *b, int version, int type, unsigned id, const char *p, size_t n, unsigned pad)
{
	unsigned char	 h[8] = { (unsigned char)version, (unsigned char)type,
	    (unsigned char)(id >> 8), (unsigned char)id, (unsigned char)(n >> 8), (unsigned char)n,
	    (unsigned char)pad, 0 };
	unsigned	 i;

	vl_buf_add(b, (const char *)h, sizeof(h));
	vl_buf_add(b, p, n);
	for (i = 0; i < pad; i++)
		vl_buf_addc(b, 'P');
}

/* A readv over memory, at most step bytes a call (0: no limit). */
struct memv {
	const char	*p;
	size_t		 left, step;
	int		 calls;
};

static long
memv_readv(void *arg, const struct iovec *iov, int cnt)
{
	struct memv	*m = arg;
	size_t		 total = 0, n;
	int		 i;

	m->calls++;
	for (i = 0; i < cnt && m->left > 0; i++) {
		n = iov[i].iov_len < m->left ? iov[i].iov_len : m->left;
		if (m->step && n > m->step - total)
			n = m->step - total;
		memcpy(iov[i].iov_base, m->p, n);
		m->p += n;
		m->left -= n;
		total += n;
		if (m->step && total == m->step)
			break;
	}
	return (long)total;
}

/* Record streams: how each is built, and the body it gives (NULL: an error). */
enum { ONE, TWO_PADDED, EMPTY, WRONG_ID, WRONG_TYPE, WRONG_VERSION, MGMT, CUT_CONTENT,
    CUT_HEADER, NO_END, BIG, AFTER_END };

static const struct {
	const char	*name;
	int		 kind;
	const char	*want;
} vec[] = {
	{ "one record", ONE, "hello" },
	{ "two records with padding", TWO_PADDED, "hello, world" },
	{ "an empty body", EMPTY, "" },
	{ "another request's record", WRONG_ID, NULL },
	{ "a params record", WRONG_TYPE, NULL },
	{ "another version", WRONG_VERSION, NULL },
	{ "a management record", MGMT, NULL },
	{ "cut inside the content", CUT_CONTENT, NULL },
	{ "cut inside a header", CUT_HEADER, NULL },
	{ "no end record", NO_END, NULL },
	{ "records of 32 KiB and 1 byte", BIG, "" },	/* checked byte by byte */
	{ "bytes after the end", AFTER_END, "ab" },
};

static void
build(struct vl_buf *b, int kind, struct vl_buf *big)
{
	size_t	 i;

	switch (kind) {
	case ONE:
		rec(b, 1, FCGI_STDIN, 7, "hello", 5, 3);
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		break;
	case TWO_PADDED:
		rec(b, 1, FCGI_STDIN, 7, "hello, ", 7, 1);
		rec(b, 1, FCGI_STDIN, 7, "world", 5, 255);
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		break;
	case EMPTY:
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		break;
	case WRONG_ID:
		rec(b, 1, FCGI_STDIN, 7, "he", 2, 0);
		rec(b, 1, FCGI_STDIN, 8, "llo", 3, 0);
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		break;
	case WRONG_TYPE:
		rec(b, 1, FCGI_PARAMS, 7, "he", 2, 0);
		break;
	case WRONG_VERSION:
		rec(b, 2, FCGI_STDIN, 7, "he", 2, 0);
		break;
	case MGMT:
		rec(b, 1, FCGI_GET_VALUES, 0, "", 0, 0);
		break;
	case CUT_CONTENT:
		rec(b, 1, FCGI_STDIN, 7, "hello", 5, 0);
		b->len -= 2;
		break;
	case CUT_HEADER:
		rec(b, 1, FCGI_STDIN, 7, "hello", 5, 0);
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		b->len -= 3;
		break;
	case NO_END:
		rec(b, 1, FCGI_STDIN, 7, "hello", 5, 0);
		break;
	case BIG:
		vl_buf_reset(big);
		for (i = 0; i < 3 * 32768 + 1; i++)
			vl_buf_addc(big, (char)('a' + i % 26));
		for (i = 0; i < big->len; i += 32768)
			rec(b, 1, FCGI_STDIN, 7, big->buf + i, big->len - i < 32768 ? big->len - i : 32768,
			    (unsigned)(i / 32768 % 8));
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		break;
	case AFTER_END:
		rec(b, 1, FCGI_STDIN, 7, "ab", 2, 6);
		rec(b, 1, FCGI_STDIN, 7, "", 0, 0);
		vl_buf_adds(b, "NEXT");	/* not the body's: never read */
		break;
	}
}

/* Reads the whole body with reads of at most len bytes. */
static long
read_all(struct vl_fcgi_in *f, struct vl_buf *out, size_t len)
{
	char	 buf[40000];
	long	 n;

	while ((n = vl_fcgi_in_read(f, buf, len)) > 0)
		vl_buf_add(out, buf, (size_t)n);
	return n;
}

static void
test_records(void **state)
{
	static const size_t steps[] = { 0, 1, 2, 7, 8, 9, 263, 4096 };
	static const size_t lens[] = { 1, 3, 8, 4096, 40000 };
	struct vl_buf	 b = VL_BUF_INIT, out = VL_BUF_INIT, big = VL_BUF_INIT;
	struct vl_fcgi_in f;
	struct memv	 m;
	size_t		 i, s, l, pre;
	long		 rc;

	(void)state;
	for (i = 0; i < NELEM(vec); i++)
		for (s = 0; s < NELEM(steps); s++)
			for (l = 0; l < NELEM(lens); l++)
				/* pre: how many bytes were read before the reader
				 * started (libfcgi's buffer), as protocol bytes. */
				for (pre = 0; pre <= 9; pre += 9) {
					vl_buf_reset(&b);
					vl_buf_reset(&out);
					build(&b, vec[i].kind, &big);
					if (pre > b.len)
						continue;
					m.p = b.buf + pre;
					m.left = b.len - pre;
					m.step = steps[s];
					m.calls = 0;
					vl_fcgi_in_init(&f, memv_readv, &m, 7, NULL, 0,
					    (const unsigned char *)b.buf, pre, 0, 0, 0);
					rc = read_all(&f, &out, lens[l]);
					if (vec[i].want == NULL) {
						if (rc != -1)
							fail_msg("%s (step %zu, len %zu): no error", vec[i].name,
							    steps[s], lens[l]);
						/* The error stays. */
						assert_int_equal(vl_fcgi_in_read(&f, out.buf, 1), -1);
						continue;
					}
					if (rc != 0)
						fail_msg("%s (step %zu, len %zu, pre %zu): %ld", vec[i].name,
						    steps[s], lens[l], pre, rc);
					if (vec[i].kind == BIG) {
						assert_int_equal(out.len, big.len);
						assert_memory_equal(out.buf, big.buf, big.len);
						/* One read a record when reads are not cut. */
						if (steps[s] == 0 && lens[l] == 40000 && pre == 0)
							assert_int_equal(m.calls, 5);
					} else {
						assert_int_equal(out.len, strlen(vec[i].want));
						assert_memory_equal(out.buf, vec[i].want, out.len);
					}
					if (vec[i].kind == AFTER_END)
						assert_int_equal(m.left, 4);	/* "NEXT" left unread */
					/* The end stays the end. */
					assert_int_equal(vl_fcgi_in_read(&f, out.buf, 1), 0);
				}
	vl_buf_release(&b);
	vl_buf_release(&out);
	vl_buf_release(&big);
}

/* Content already in memory (libfcgi's buffer) comes first, then the rest
 * of the record from the wire. */
static void
test_ready_first(void **state)
{
	struct vl_buf	 b = VL_BUF_INIT, out = VL_BUF_INIT;
	struct vl_fcgi_in f;
	struct memv	 m;

	(void)state;
	/* The record "hello world": "hel" in memory, "lo world" on the wire. */
	vl_buf_adds(&b, "lo world");
	vl_buf_adds(&b, "PP");
	rec(&b, 1, FCGI_STDIN, 7, "", 0, 0);
	m.p = b.buf;
	m.left = b.len;
	m.step = 0;
	vl_fcgi_in_init(&f, memv_readv, &m, 7, (const unsigned char *)"hel", 3, NULL, 0, 8, 2, 0);
	assert_int_equal(read_all(&f, &out, 100), 0);
	assert_int_equal(out.len, 11);
	assert_memory_equal(out.buf, "hello world", 11);
	/* The end seen already: only what is in memory. */
	vl_buf_reset(&out);
	vl_fcgi_in_init(&f, memv_readv, &m, 7, (const unsigned char *)"xy", 2, NULL, 0, 0, 0, 1);
	assert_int_equal(read_all(&f, &out, 100), 0);
	assert_int_equal(out.len, 2);
	vl_buf_release(&b);
	vl_buf_release(&out);
}

static char sockdir[] = "/tmp/vl-fcgiin-XXXXXX";

/* The web server's side: the request's records, then the answer read to
 * the end.  In a child, so that large writes do not wait on the test. */
static pid_t
client(const char *path, const struct vl_buf *b)
{
	struct sockaddr_un	 sa;
	char			 buf[4096];
	size_t			 off = 0;
	ssize_t			 n;
	pid_t			 pid;
	int			 fd;

	if ((pid = fork()) != 0)
		return pid;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		_exit(1);
	while (off < b->len) {
		if ((n = write(fd, b->buf + off, b->len - off)) <= 0)
			_exit(1);
		off += (size_t)n;
	}
	while (read(fd, buf, sizeof(buf)) > 0)
		continue;
	_exit(0);
}

/* A request as nginx sends it: begin, params, end of params, the body. */
static void
request(struct vl_buf *b, const struct vl_buf *body, size_t recmax)
{
	static const unsigned char begin[8] = { 0, FCGI_RESPONDER, 0, 0, 0, 0, 0, 0 };
	static const char params[] = "\x0e\x04REQUEST_METHODPOST";
	size_t	 i, n;

	rec(b, 1, FCGI_BEGIN_REQUEST, 1, (const char *)begin, sizeof(begin), 0);
	rec(b, 1, FCGI_PARAMS, 1, params, sizeof(params) - 1, 4);
	rec(b, 1, FCGI_PARAMS, 1, "", 0, 0);
	for (i = 0; i < body->len; i += n) {
		n = body->len - i < recmax ? body->len - i : recmax;
		rec(b, 1, FCGI_STDIN, 1, body->buf + i, n, (unsigned)((8 - n % 8) % 8));
	}
	rec(b, 1, FCGI_STDIN, 1, "", 0, 0);
}

/*
 * The real libfcgi: a request accepted by FCGX_Accept_r, some of its body
 * read through libfcgi first (0, 10 or 9,000 bytes: inside the first
 * record, across libfcgi's 8 KiB buffer), then taken over; every byte
 * arrives once and in order.
 */
static void
test_take_over(void **state)
{
	static const struct {
		size_t	 size, recmax, before;
	} tv[] = {
		{ 0, 32768, 0 }, { 5, 32768, 0 }, { 5, 32768, 3 }, { 100000, 32768, 0 },
		{ 100000, 32768, 10 }, { 100000, 32768, 9000 }, { 100000, 8, 0 }, { 100000, 65535, 9000 },
		{ 3000, 1000, 0 }, { 3000, 1000, 1500 },
	};
	struct vl_buf		 body = VL_BUF_INIT, wire = VL_BUF_INIT, out = VL_BUF_INIT;
	struct vl_fcgi_in	 f;
	struct sockaddr_un	 sa;
	FCGX_Request		 req;
	char			 path[64], buf[9000];
	size_t			 i, j;
	long			 n;
	pid_t			 pid;
	int			 lfd, st;

	(void)state;
	assert_int_equal(FCGX_Init(), 0);
	snprintf(path, sizeof(path), "%s/s", sockdir);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	assert_true((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 4), 0);
	for (i = 0; i < NELEM(tv); i++) {
		vl_buf_reset(&body);
		vl_buf_reset(&wire);
		vl_buf_reset(&out);
		for (j = 0; j < tv[i].size; j++)
			vl_buf_addc(&body, (char)(j * 7 % 251));
		request(&wire, &body, tv[i].recmax);
		pid = client(path, &wire);
		assert_true(pid > 0);
		assert_int_equal(FCGX_InitRequest(&req, lfd, 0), 0);
		assert_int_equal(FCGX_Accept_r(&req), 0);
		assert_string_equal(FCGX_GetParam("REQUEST_METHOD", req.envp), "POST");
		if (tv[i].before > 0) {
			n = FCGX_GetStr(buf, (int)tv[i].before, req.in);
			assert_int_equal(n, (long)tv[i].before);
			vl_buf_add(&out, buf, (size_t)n);
		}
		if (vl_fcgi_in_take(&f, &req) != 0)
			fail_msg("%zu: libfcgi's state was not taken over", i);
		/* libfcgi's stream is spent. */
		assert_int_equal(FCGX_GetStr(buf, 1, req.in), 0);
		while ((n = vl_fcgi_in_read(&f, buf, sizeof(buf))) > 0)
			vl_buf_add(&out, buf, (size_t)n);
		assert_int_equal(n, 0);
		assert_int_equal(out.len, body.len);
		if (body.len > 0)
			assert_memory_equal(out.buf, body.buf, body.len);
		FCGX_PutS("Status: 204 No Content\r\n\r\n", req.out);
		FCGX_Finish_r(&req);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	close(lfd);
	unlink(path);
	vl_buf_release(&body);
	vl_buf_release(&wire);
	vl_buf_release(&out);
}

/* A connection that ends inside the body: an error, and libfcgi is told,
 * so that it closes the connection. */
static void
test_cut_short(void **state)
{
	struct vl_buf		 body = VL_BUF_INIT, wire = VL_BUF_INIT;
	struct vl_fcgi_in	 f;
	struct sockaddr_un	 sa;
	FCGX_Request		 req;
	char			 path[64], buf[4096];
	long			 n;
	pid_t			 pid;
	int			 lfd, st;

	(void)state;
	snprintf(path, sizeof(path), "%s/c", sockdir);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	assert_true((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) >= 0);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 1), 0);
	for (n = 0; n < 50000; n++)
		vl_buf_addc(&body, 'x');
	request(&wire, &body, 32768);
	wire.len -= 20000;	/* the client goes away inside the second record */
	pid = client(path, &wire);
	assert_int_equal(FCGX_InitRequest(&req, lfd, 0), 0);
	assert_int_equal(FCGX_Accept_r(&req), 0);
	assert_int_equal(vl_fcgi_in_take(&f, &req), 0);
	/* The client has sent all it will: gone, its side of the
	 * connection closes. */
	kill(pid, SIGKILL);
	while ((n = vl_fcgi_in_read(&f, buf, sizeof(buf))) > 0)
		continue;
	assert_int_equal(n, -1);
	vl_fcgi_in_fail(&req);
	assert_int_not_equal(FCGX_GetError(req.in), 0);
	FCGX_Finish_r(&req);
	waitpid(pid, &st, 0);
	close(lfd);
	unlink(path);
	vl_buf_release(&body);
	vl_buf_release(&wire);
}

static int
setup(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	return mkdtemp(sockdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(sockdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_ready_first),
		cmocka_unit_test(test_take_over),
		cmocka_unit_test(test_cut_short),
	};

	return cmocka_run_group_tests_name("fcgiin", tests, setup, teardown);
}
