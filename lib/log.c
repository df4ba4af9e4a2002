/*
 * One logger.  Each line: time, level, program, request id, remote address,
 * message.  In FastCGI mode the sink is the request's error stream, which
 * reaches nginx's error_log; otherwise stderr.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "vellum.h"
#include "internal.h"

static const char *const level_names[VL_LOG__MAX] = { "error", "warn", "info", "debug" };

static struct {
	char		 prog[32];
	enum vl_log_level level;
	vl_log_sink	 sink;
	void		*arg;
	char		 reqid[24];
	char		 remote[64];
} lg = { "vellum", VL_LOG_INFO, NULL, NULL, "-", "-" };

void
vl_log_init(const char *prog, enum vl_log_level level)
{
	snprintf(lg.prog, sizeof(lg.prog), "%s", prog);
	lg.level = level;
}

/* s, or "-" for none, cut to size: set on every request (twice), so a
 * copy rather than snprintf's format parsing. */
static void
set_id(char *dst, size_t size, const char *s)
{
	size_t	 n;

	if (s == NULL)
		s = "-";
	n = strnlen(s, size - 1);
	memcpy(dst, s, n);
	dst[n] = '\0';
}

void
vl_log_context(vl_log_sink sink, void *arg, const char *reqid, const char *remote)
{
	lg.sink = sink;
	lg.arg = arg;
	set_id(lg.reqid, sizeof(lg.reqid), reqid);
	set_id(lg.remote, sizeof(lg.remote), remote);
}

void
vl_log_ids(const char *reqid, const char *remote)
{
	set_id(lg.reqid, sizeof(lg.reqid), reqid);
	set_id(lg.remote, sizeof(lg.remote), remote);
}

void
vl_log(enum vl_log_level level, const char *fmt, ...)
{
	struct vl_buf	 b = VL_BUF_INIT;
	char		 ts[32];
	struct tm	 tm;
	time_t		 now;
	va_list		 ap;
	size_t		 i;

	if (level > lg.level)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	vl_buf_addf(&b, "%s %s %s req=%s addr=%s: ", ts, level_names[level],
	    lg.prog, lg.reqid, lg.remote);
	va_start(ap, fmt);
	vl_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	/* One record per line: fold embedded newlines. */
	for (i = 0; i < b.len; i++)
		if (b.buf[i] == '\n' || b.buf[i] == '\r')
			b.buf[i] = ' ';
	vl_buf_addc(&b, '\n');
	if (lg.sink)
		lg.sink(lg.arg, b.buf, b.len);
	else {
		fwrite(b.buf, 1, b.len, stderr);
		fflush(stderr);
	}
	vl_buf_release(&b);
}
