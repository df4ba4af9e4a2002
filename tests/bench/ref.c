/*
 * The bench's yardstick: a FastCGI program that is not part of Vellum.  One
 * prepared statement reads the 12 rows of a two-column table, the rows are
 * escaped into a small HTML table with plain C, and that is the page: no
 * session, no template, no pool.  tests/bench/run serves it through the same
 * nginx with the same number of processes as Vellum's programs, so a page's
 * requests/s divided by this one's is a ratio that holds on a busy machine.
 *
 * Usage: ref SOCKET DATABASE (the user is the process's own, by socket).
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>

#define NAME_MAX_LEN	128

struct page {
	char	 buf[8192];
	size_t	 len;
};

static void
put(struct page *p, const char *s, size_t n)
{
	if (n > sizeof(p->buf) - p->len)
		n = sizeof(p->buf) - p->len;
	memcpy(p->buf + p->len, s, n);
	p->len += n;
}

/* HTML-escapes s (n bytes) into the page. */
static void
put_escaped(struct page *p, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': put(p, "&lt;", 4); break;
		case '>': put(p, "&gt;", 4); break;
		case '&': put(p, "&amp;", 5); break;
		case '"': put(p, "&quot;", 6); break;
		case '\'': put(p, "&#39;", 5); break;
		default: put(p, s + i, 1); break;
		}
	}
}

int
main(int argc, char *argv[])
{
	static const char	 q[] = "SELECT id, name FROM bench_ref WHERE id <= ? ORDER BY id";
	FCGX_Request		 req;
	MYSQL			*db;
	MYSQL_STMT		*st;
	MYSQL_BIND		 in[1], out[2];
	struct passwd		*pw;
	struct page		 p;
	char			 name[NAME_MAX_LEN], num[24], head[128];
	unsigned long		 namelen;
	long long		 id, limit = 12;
	int			 n;

	if (argc != 3 || (pw = getpwuid(getuid())) == NULL)
		return 2;
	db = mysql_init(NULL);
	if (mysql_real_connect(db, NULL, pw->pw_name, NULL, argv[2], 0, argv[1], 0) == NULL)
		return 1;
	st = mysql_stmt_init(db);
	if (st == NULL || mysql_stmt_prepare(st, q, sizeof(q) - 1) != 0)
		return 1;
	memset(in, 0, sizeof(in));
	in[0].buffer_type = MYSQL_TYPE_LONGLONG;
	in[0].buffer = &limit;
	memset(out, 0, sizeof(out));
	out[0].buffer_type = MYSQL_TYPE_LONGLONG;
	out[0].buffer = &id;
	out[1].buffer_type = MYSQL_TYPE_STRING;
	out[1].buffer = name;
	out[1].buffer_length = sizeof(name);
	out[1].length = &namelen;
	if (mysql_stmt_bind_param(st, in) != 0 || mysql_stmt_bind_result(st, out) != 0)
		return 1;
	FCGX_Init();
	FCGX_InitRequest(&req, 0, 0);
	while (FCGX_Accept_r(&req) >= 0) {
		p.len = 0;
		put(&p, "<!doctype html><title>Reference</title><table>", 46);
		if (mysql_stmt_execute(st) != 0) {
			FCGX_FPrintF(req.out, "Status: 500\r\nContent-Type: text/plain\r\n\r\n%s\n",
			    mysql_stmt_error(st));
			FCGX_Finish_r(&req);
			continue;
		}
		while (mysql_stmt_fetch(st) == 0) {
			n = snprintf(num, sizeof(num), "%lld", id);
			put(&p, "<tr><td>", 8);
			put(&p, num, n > 0 ? (size_t)n : 0);
			put(&p, "</td><td>", 9);
			put_escaped(&p, name, namelen < sizeof(name) ? namelen : sizeof(name));
			put(&p, "</td></tr>", 10);
		}
		mysql_stmt_free_result(st);
		put(&p, "</table>\n", 9);
		/* libfcgi's own printf knows no %zu: the header is made here. */
		n = snprintf(head, sizeof(head), "Content-Type: text/html; charset=utf-8\r\n"
		    "Content-Length: %zu\r\n\r\n", p.len);
		FCGX_PutStr(head, n, req.out);
		FCGX_PutStr(p.buf, (int)p.len, req.out);
		/* As Vellum's run loop after a GET: no lingering close. */
		FCGX_Detach(&req);
		FCGX_Finish_r(&req);
	}
	return 0;
}
