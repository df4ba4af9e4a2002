/*
 * What MariaDB spends on a plain-CGI request, step by step: N fresh
 * connections, each doing one of the steps below and closing, with
 * mariadbd's CPU time (utime + stime of every thread, from /proc) read
 * before and after.  The statement is the signed-in matters page's first
 * page (PAGES_MATTERS_ALL_NUMBER) with a session of the bench's database.
 *
 *	cgidb SOCKET USER PASSWORD DB MARIADBD_PID N [STEP]
 *
 * STEP, a number in names[] below, runs that step alone (under perf).
 *
 * Not part of Vellum: a measuring tool for docs/performance.md ("Plain
 * CGI"), built and run by hand on a kept bench stack (BENCH_KEEP=1):
 *
 *	gcc -std=c17 -D_GNU_SOURCE -O2 -Ilib $(mariadb_config --cflags) \
 *	    -o build/bench/cgidb tests/bench/cgidb.c $(mariadb_config --libs)
 *
 * The page's text with its values written in (the "as text" steps) is for
 * measuring only: Vellum binds every value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include <mysql.h>

#define EPOCH(x) "TIMESTAMPDIFF(SECOND, '1970-01-01', " x ")"
#define EPOCH_US(x) "TIMESTAMPDIFF(MICROSECOND, '1970-01-01', " x ")"

static const char *page_sql, *once_sql;
static const char *sock, *user, *pass, *dbname;
static unsigned char hash[32];

#define SETUP "SET time_zone = '+00:00', sql_mode = " \
    "'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO'," \
    " innodb_lock_wait_timeout = 5"

static void
die(MYSQL *c, const char *what)
{
	fprintf(stderr, "cgidb: %s: %s\n", what, c ? mysql_error(c) : "");
	exit(1);
}

static MYSQL *
conn(void)
{
	MYSQL	*c;

	if ((c = mysql_init(NULL)) == NULL)
		die(NULL, "init");
	mysql_options(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(c, NULL, user, pass, dbname, 0, sock, 0) == NULL)
		die(c, "connect");
	return c;
}

static void
query(MYSQL *c, const char *sql)
{
	MYSQL_RES	*res;

	if (mysql_query(c, sql) != 0)
		die(c, sql);
	if ((res = mysql_store_result(c)) != NULL)
		mysql_free_result(res);
}

static void
bind_page(MYSQL_BIND *b, int64_t *v, unsigned long *hl)
{
	memset(b, 0, 5 * sizeof(*b));
	v[0] = 60, v[1] = 1800, v[2] = 43200, v[3] = 51;
	b[0].buffer_type = MYSQL_TYPE_LONGLONG, b[0].buffer = &v[0];
	*hl = sizeof(hash);
	b[1].buffer_type = MYSQL_TYPE_BLOB, b[1].buffer = hash;
	b[1].buffer_length = *hl, b[1].length = hl;
	b[2].buffer_type = MYSQL_TYPE_LONGLONG, b[2].buffer = &v[1];
	b[3].buffer_type = MYSQL_TYPE_LONGLONG, b[3].buffer = &v[2];
	b[4].buffer_type = MYSQL_TYPE_LONGLONG, b[4].buffer = &v[3];
}

static void
page(MYSQL *c, int direct, const char *sql)
{
	MYSQL_STMT	*st;
	MYSQL_BIND	 b[5];
	int64_t		 v[4];
	unsigned long	 hl;
	int		 rc;

	bind_page(b, v, &hl);
	if ((st = mysql_stmt_init(c)) == NULL)
		die(c, "stmt_init");
	if (direct) {
		unsigned int n = 5;
		mysql_stmt_attr_set(st, STMT_ATTR_PREBIND_PARAMS, &n);
		if (mysql_stmt_bind_param(st, b) != 0 ||
		    mariadb_stmt_execute_direct(st, sql, strlen(sql)) != 0)
			die(c, mysql_stmt_error(st));
	} else if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0 ||
	    mysql_stmt_bind_param(st, b) != 0 || mysql_stmt_execute(st) != 0)
		die(c, mysql_stmt_error(st));
	if (mysql_stmt_store_result(st) != 0)
		die(c, "store");
	if (mysql_stmt_num_rows(st) == 0)
		die(c, "the page's statement found no row (no session?)");
	while ((rc = mysql_stmt_fetch(st)) == 0 || rc == MYSQL_DATA_TRUNCATED)
		;
	mysql_stmt_close(st);
}

/* The page's text with its values in place of the placeholders. */
static char *
page_text(void)
{
	static char	 out[8192];
	char		 vals[5][80];
	const char	*p;
	size_t		 o = 0, k = 0, i;

	snprintf(vals[0], sizeof(vals[0]), "60");
	vals[1][0] = 'X', vals[1][1] = '\'';
	for (i = 0; i < sizeof(hash); i++)
		snprintf(vals[1] + 2 + 2 * i, 3, "%02x", hash[i]);
	vals[1][2 + 2 * sizeof(hash)] = '\'', vals[1][3 + 2 * sizeof(hash)] = '\0';
	snprintf(vals[2], sizeof(vals[2]), "1800");
	snprintf(vals[3], sizeof(vals[3]), "43200");
	snprintf(vals[4], sizeof(vals[4]), "51");
	for (p = page_sql; *p && o < sizeof(out) - 100; p++) {
		if (*p == '?' && k < 5)
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s", vals[k++]);
		else
			out[o++] = *p;
	}
	out[o] = '\0';
	return out;
}

static long long
cpu_ticks(const char *pid)
{
	char		 path[64], buf[1024], *p;
	unsigned long	 ut, st;
	FILE		*f;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if ((f = fopen(path, "r")) == NULL || fgets(buf, sizeof(buf), f) == NULL)
		die(NULL, path);
	fclose(f);
	p = strrchr(buf, ')');
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &ut, &st) != 2)
		die(NULL, "stat");
	return (long long)(ut + st);
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum step { S_CONNECT, S_NOQUIT, S_SET, S_PAGE, S_DIRECT, S_SETDIRECT, S_TEXT, S_SETTEXT,
    S_SETTRIVIAL, S_ONCE, S__MAX };
static const char *const names[S__MAX] = {
	"connect, close",
	"connect, close without COM_QUIT",
	"connect, SET, close",
	"connect, SET, prepare + execute the page, close",
	"connect, execute_direct the page, close (no SET)",
	"connect, SET, execute_direct the page, close",
	"connect, the page as text, close (no SET)",
	"connect, SET, the page as text, close",
	"connect, SET, SELECT 1, close",
	"connect, SET STATEMENT ... FOR the page direct, close",
};

int
main(int argc, char **argv)
{
	MYSQL		*c;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	unsigned long	*len;
	const char	*pid, *text;
	long long	 t0;
	double		 w0;
	int		 n, i, s, round;

	if (argc != 7 && argc != 8)
		die(NULL, "usage: cgidb SOCKET USER PASSWORD DB MARIADBD_PID N [STEP]");
	sock = argv[1], user = argv[2], pass = argv[3], dbname = argv[4], pid = argv[5];
	n = (int)strtol(argv[6], NULL, 10);
#define VL_STMT(name, p, r, sql) if (strcmp(#name, "PAGES_MATTERS_ALL_NUMBER") == 0) page_sql = sql;
	{
#include "stmts.def"
	}
#undef VL_STMT
	mysql_library_init(0, NULL, NULL);
	c = conn();
	query(c, SETUP);
	if (mysql_query(c, "SELECT token_hash FROM sessions ORDER BY last_seen DESC LIMIT 1") != 0 ||
	    (res = mysql_store_result(c)) == NULL || (row = mysql_fetch_row(res)) == NULL ||
	    (len = mysql_fetch_lengths(res)) == NULL || len[0] != sizeof(hash))
		die(c, "no session");
	memcpy(hash, row[0], sizeof(hash));
	mysql_free_result(res);
	mysql_close(c);
	text = page_text();
	{
		static char	 buf[8192];

		snprintf(buf, sizeof(buf), "SET STATEMENT %s FOR %s", SETUP + 4, page_sql);
		once_sql = buf;
	}
	for (round = 0; round < 2; round++)
	for (s = 0; s < S__MAX; s++) {
		if (argc == 8 && s != (int)strtol(argv[7], NULL, 10))
			continue;
		t0 = cpu_ticks(pid);
		w0 = now();
		for (i = 0; i < n; i++) {
			c = conn();
			switch (s) {
			case S_NOQUIT:
				shutdown(mysql_get_socket(c), SHUT_RDWR);
				break;
			case S_SET:
				query(c, SETUP);
				break;
			case S_PAGE:
				query(c, SETUP);
				page(c, 0, page_sql);
				break;
			case S_DIRECT:
				page(c, 1, page_sql);
				break;
			case S_SETDIRECT:
				query(c, SETUP);
				page(c, 1, page_sql);
				break;
			case S_TEXT:
				query(c, text);
				break;
			case S_SETTEXT:
				query(c, SETUP);
				query(c, text);
				break;
			case S_SETTRIVIAL:
				query(c, SETUP);
				query(c, "SELECT 1");
				break;
			case S_ONCE:
				page(c, 1, once_sql);
				break;
			default:
				break;
			}
			mysql_close(c);
		}
		printf("%-52s mariadbd %5.0f us, wall %5.0f us a connection\n", names[s],
		    (double)(cpu_ticks(pid) - t0) * 1e6 / (double)sysconf(_SC_CLK_TCK) / n,
		    (now() - w0) * 1e6 / n);
	}
	mysql_library_end();
	return 0;
}
