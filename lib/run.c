/*
 * The run loop.  One binary serves FastCGI (fd 0 a listening socket, as
 * spawn-fcgi leaves it) or plain CGI (one request from the environment and
 * stdin); each transport hands the front door (front.c) the same struct
 * vl_req.  libfcgi's FCGX_Accept_r does not fall back to CGI by itself,
 * hence the FCGX_IsCGI() branch.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "vellum.h"
#include "internal.h"
#include "fcgiin.h"

/* ---- plain CGI transport ---- */

static const char *
cgi_getenv(struct vl_req *r, const char *k)
{
	(void)r;
	return getenv(k);
}

static long
cgi_read(void *io, char *buf, size_t len)
{
	ssize_t	 n;

	(void)io;
	do
		n = read(STDIN_FILENO, buf, len);
	while (n < 0 && errno == EINTR);
	return (long)n;
}

static int
cgi_write(struct vl_req *r, const char *p, size_t n)
{
	ssize_t	 w;

	(void)r;
	while (n > 0) {
		if ((w = write(STDOUT_FILENO, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The most of a refused body a plain-CGI program reads and drops. */
#define DRAIN_MAX	((uint64_t)128 << 20)

/*
 * Under Apache's mod_cgid the program's stdin and stdout are one socket,
 * and Apache writes the whole body before it reads the answer: a body
 * refused unread (too large, a stranger's post) is read to its end and
 * dropped after the answer is written, or the program's exit resets the
 * socket and the client gets no answer at all.  Bounded by what the
 * request declared (itself bounded by LimitRequestBody) and DRAIN_MAX.
 */
static void
cgi_drain(uint64_t left)
{
	char	 buf[65536];
	long	 n;

	if (left > DRAIN_MAX)
		left = DRAIN_MAX;
	while (left > 0 &&
	    (n = cgi_read(NULL, buf, left < sizeof(buf) ? (size_t)left : sizeof(buf))) > 0)
		left -= (uint64_t)n;
}

/* ---- FastCGI transport ---- */

/*
 * A request's FastCGI side.  The programs that take files (a declared
 * max_body) read their body straight from the connection, a record at a
 * time (fcgiin.c), not through libfcgi's 8 KiB buffer; the others read
 * through libfcgi.
 */
struct fcgi_io {
	FCGX_Request		*fr;
	int			 direct;	/* 1: wanted, 2: taken over */
	struct vl_fcgi_in	 in;
};

static const char *
fcgi_getenv(struct vl_req *r, const char *k)
{
	return FCGX_GetParam(k, ((struct fcgi_io *)r->io)->fr->envp);
}

static long
fcgi_read(void *arg, char *buf, size_t len)
{
	struct fcgi_io	*io = arg;
	FCGX_Request	*fr = io->fr;
	long		 r;
	int		 n;

	if (io->direct == 1)
		io->direct = vl_fcgi_in_take(&io->in, fr) == 0 ? 2 : 0;
	if (io->direct == 2) {
		/* A failed connection is closed at the end, as libfcgi does. */
		if ((r = vl_fcgi_in_read(&io->in, buf, len)) < 0)
			vl_fcgi_in_fail(fr);
		return r;
	}
	if (len > INT32_MAX)
		len = INT32_MAX;
	n = FCGX_GetStr(buf, (int)len, fr->in);
	if (n == 0 && FCGX_GetError(fr->in) != 0)
		return -1;
	return n;
}

static int
fcgi_write(struct vl_req *r, const char *p, size_t n)
{
	FCGX_Request	*fr = ((struct fcgi_io *)r->io)->fr;

	while (n > 0) {
		int chunk = n > 65536 ? 65536 : (int)n;
		if (FCGX_PutStr(p, chunk, fr->out) != chunk)
			return -1;
		p += chunk;
		n -= (size_t)chunk;
	}
	return 0;
}

static void
fcgi_log(void *arg, const char *line, size_t len)
{
	FCGX_Request	*fr = arg;

	FCGX_PutStr(line, (int)len, fr->err);
}

/*
 * Reads what is left of the request's stdin up to its closing empty
 * record: only that record is left once the body was read to its end, and
 * a client may send it after we have begun to answer (cgi-fcgi does).  A
 * plain close with it still unread makes the kernel reset the connection,
 * and the client then lost the end of our reply (pages cut at 8 KiB under
 * load, seen from cgi-fcgi).  1 once the end is read; 0 on an error or if
 * more than a little is left (the caller then closes lingering).
 */
static int
stdin_ended(struct fcgi_io *io)
{
	char	 buf[512];
	long	 n;
	size_t	 left = 64 * 1024;

	for (;;) {
		if (io->direct == 2)
			n = vl_fcgi_in_read(&io->in, buf, sizeof(buf));
		else
			n = FCGX_GetStr(buf, (int)sizeof(buf), io->fr->in);
		if (n == 0)
			return io->direct == 2 || io->fr->in->FCGI_errno == 0;
		if (n < 0 || (size_t)n >= left)
			return 0;
		left -= (size_t)n;
	}
}

/* Serves one request; returns 1 if its body was read to the end (and,
 * under FastCGI, the request's stdin to its closing record). */
static int
serve(const struct vl_app *app, struct vl_pool *pool, FCGX_Request *fr)
{
	struct vl_req	 r;
	struct fcgi_io	 io;

	memset(&r, 0, sizeof(r));
	r.pool = pool;
	if (fr != NULL) {
		io.fr = fr;
		io.direct = app->max_body > 0;
		r.getenv = fcgi_getenv;
		r.read = fcgi_read;
		r.write = fcgi_write;
		r.io = &io;
	} else {
		r.getenv = cgi_getenv;
		r.read = cgi_read;
		r.write = cgi_write;
	}
	if (fr != NULL)
		vl_log_context(fcgi_log, fr, NULL, NULL);
	vl_req_handle(app, &r);
	if (fr == NULL && r.unread > 0)
		cgi_drain(r.unread);
	vl_buf_release(&r.hdr);
	vl_pool_reset(pool);
	vl_log_context(NULL, NULL, NULL, NULL);
	return r.unread == 0 && (fr == NULL || stdin_ended(&io));
}

int
vl_run(const struct vl_app *app)
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_pool	*pool;
	FCGX_Request	 fr;
	int		 cgi;

	vl_log_init(app->name, VL_LOG_INFO);
	if (sodium_init() < 0) {
		fprintf(stderr, "%s: libsodium failed to start\n", app->name);
		return 1;
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "%s: libfcgi failed to start\n", app->name);
		return 1;
	}
	cgi = FCGX_IsCGI();
	vl_db_once(cgi);
	if (vl_conf_load(NULL, &err) != VL_OK) {
		vl_err("configuration: %s", vl_buf_str(&err));
		if (cgi)
			printf("Status: 500 Internal Server Error\r\n"
			    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
			    "The portal is not configured. See the server's error log.\n");
		vl_buf_release(&err);
		return 1;
	}
	/* Under CGI the server names its document root: nothing of ours may
	 * be under it. */
	if (vl_conf_dirs(cgi ? getenv("DOCUMENT_ROOT") : NULL, &err) != VL_OK) {
		vl_err("refusing to start: %s", vl_buf_str(&err));
		if (cgi)
			printf("Status: 500 Internal Server Error\r\n"
			    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
			    "The portal's storage is not set up safely. See the server's error log.\n");
		vl_buf_release(&err);
		return 1;
	}
	vl_buf_release(&err);
	vl_log_init(app->name, (enum vl_log_level)vl_conf.log_level);
	vl_tpl_init(vl_conf.site_templates, vl_conf.templates);
	/* A CGI process serves one request: it loads libmagic only if it sniffs. */
	if (app->sniff != NULL && !cgi)
		app->sniff();
	pool = vl_pool_new();
	if (cgi)
		serve(app, pool, NULL);
	else {
		FCGX_InitRequest(&fr, 0, 0);
		/* A negative return is shutdown (SIGTERM gives -EINTR) or a fatal error. */
		while (FCGX_Accept_r(&fr) == 0) {
			/*
			 * libfcgi closes with shutdown() and then reads until nginx
			 * hangs up (up to 2 s), holding this process idle.  When the
			 * body was read to the end, our reply already sits in nginx's
			 * receive queue and a plain close loses nothing.  A refused
			 * body still in flight needs that lingering close, or nginx
			 * receives a reset instead of our answer.
			 */
			if (serve(app, pool, &fr))
				FCGX_Detach(&fr);
			FCGX_Finish_r(&fr);
		}
	}
	vl_pool_free(pool);
	vl_db_close();
	vl_tpl_shutdown();
	return 0;
}
