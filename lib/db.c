/*
 * The data layer: one MariaDB connection per process, statements from the
 * table in stmts.def prepared once on first use, parameters and results
 * bound by type strings that must be the ones the statement declares.
 * Under plain CGI (vl_db_once) a statement's first run is prepared and
 * executed in one round trip and carries the session's settings.
 * When the server restarts under a running program, the next call outside
 * a transaction reconnects, re-prepares and runs again; inside a
 * transaction the work is lost, so it fails cleanly.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include <curl/curl.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <openssl/ssl.h>

#include "vellum.h"
#include "internal.h"

#define MAXBIND 24	/* a page with its session: 11 + the page's columns */

static const struct vl_stmt_decl decls[STMT__MAX] = {
#define VL_STMT(name, ptypes, rtypes, sql) { #name, ptypes, rtypes, sql },
#include "stmts.def"
#undef VL_STMT
};

static MYSQL		*conn;
static MYSQL_STMT	*stmts[STMT__MAX];
/* The result set that holds each statement's stored result, if any. */
static struct vl_rows	*holder[STMT__MAX];
static int		 in_tx;
/* Plain CGI: each statement runs about once (vl_db_once). */
static int		 once;
/* Fetch errors ever, and their count when the transaction began. */
static unsigned		 fetch_errors, tx_fetch_errors;
static int		 fetch_failed;	/* since vl_db_fetch_clear() */

/* Who hears that the transaction ended, newest first. */
struct tx_hook {
	void		(*fn)(void *, enum vl_tx_end);
	void		*arg;
	struct tx_hook	*next;
};
static struct tx_hook	*tx_hooks;
static unsigned		 last_errno;
static char		 last_error[256];
static int		 pending_active;	/* vl_db_exec_start's, not waited for */
static int		 nonblocking;	/* vl_db_nonblocking(): the option on connections */
static void		 pending_settle(void);

/*
 * A stored result, owned by the pool it was queried into: the pool's
 * cleanup frees it, so a handler never has to.  A statement holds one
 * result at a time; running it again takes that result away from the
 * rows that held it (st becomes NULL and their next fetch is an error).
 */
struct vl_rows {
	struct vl_pool	*pool;
	enum vl_stmt	 id;
	MYSQL_STMT	*st;		/* NULL once released */
	MYSQL_RES	*meta;
	unsigned	 ncols;
	int		 bound;
	int		 failed;	/* a fetch failed: every later one fails */
	MYSQL_BIND	 res[MAXBIND];
	unsigned long	 len[MAXBIND];
	my_bool		 isnull[MAXBIND];
	int64_t		 ints[MAXBIND];
};

static void
set_error(unsigned no, const char *msg)
{
	last_errno = no;
	snprintf(last_error, sizeof(last_error), "%s", msg ? msg : "");
}

const char *
vl_db_error(void)
{
	return last_error;
}

unsigned
vl_db_errno(void)
{
	return last_errno;
}

const struct vl_stmt_decl *
vl_db_stmt(enum vl_stmt id)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	return &decls[id];
}

/*
 * A call whose types differ from the declaration would read its arguments
 * as the wrong C types: refused before any is read, named in the log.
 */
static int
types_match(enum vl_stmt id, int result, const char *types)
{
	const char	*want;

	if ((unsigned)id >= STMT__MAX) {
		vl_err("statement %d: no such statement", (int)id);
		return 0;
	}
	want = result ? decls[id].rtypes : decls[id].ptypes;
	if (types == NULL || strcmp(types, want) != 0) {
		vl_err("statement %s: %s types \"%s\", declared \"%s\"", decls[id].name,
		    result ? "result" : "parameter", types ? types : "(null)", want);
		return 0;
	}
	return 1;
}

static int
conn_lost(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == ER_CONNECTION_KILLED || e == 4031 /* client idle timeout */ ||
	    e == 2055 /* lost connection at reading */;
}

/* Tells the hooks how the transaction ended, once, and forgets them. */
static void
tx_end(enum vl_tx_end how)
{
	struct tx_hook	*h, *next;

	h = tx_hooks;
	tx_hooks = NULL;
	for (; h != NULL; h = next) {
		next = h->next;
		h->fn(h->arg, how);
		free(h);
	}
}

void
vl_db_close(void)
{
	int	 i;

	if (pending_active)
		pending_settle();
	for (i = 0; i < STMT__MAX; i++)
		if (holder[i] != NULL)
			vl_db_rows_free(holder[i]);
	/*
	 * The connection first: the server drops its statements with it, and
	 * Connector/C detaches every handle from a closed connection, so
	 * closing them after frees their memory and sends nothing (before, a
	 * COM_STMT_CLOSE each, the server dispatching every one: a plain-CGI
	 * request's end).
	 */
	if (conn != NULL)
		mysql_close(conn);
	conn = NULL;
	for (i = 0; i < STMT__MAX; i++) {
		if (stmts[i] != NULL) {
			mysql_stmt_close(stmts[i]);
			stmts[i] = NULL;
		}
	}
	/* The server rolls back a transaction whose connection is gone. */
	if (in_tx)
		tx_end(VL_TX_ROLLED_BACK);
	in_tx = 0;
}

/*
 * libcurl's, when the program has it: weak, so that a program without
 * libcurl links (and loads) none, and sees NULL here.
 */
#pragma weak curl_global_init
/*
 * Connector/C's default port: a global of its static archive (set, the
 * library's start skips reading /etc/services for "mysql", a tenth of a
 * plain-CGI request), not exported by its shared library (NULL here).
 */
#pragma weak mysql_port

#define DB_PORT	3306	/* db_port when the configuration names none */

/*
 * MariaDB's client starts OpenSSL in its library start (the first
 * mysql_init), even for a unix socket: OpenSSL then reads openssl.cnf and
 * loads its error strings, 2.3 M instructions of a 9.2 M plain-CGI request
 * and pages of libcrypto in every process (docs/performance.md).  Vellum's
 * connection to MariaDB never uses TLS (no setting asks for it), so a
 * program without libcurl makes no TLS connection at all: OpenSSL starts
 * there without a configuration file, error strings, the tables of cipher
 * and digest names (looked up by name only for TLS; the client's password
 * hashing takes its digests directly) and the cleanup at exit (the
 * process's memory goes with it).  A program with libcurl (the mailer,
 * vellumctl, the payment programs) talks TLS to the relay or the
 * provider, and keeps the system's configuration and readable errors: its
 * OpenSSL starts as it always did.  This holds for Connector/C 3.3
 * (Debian 12), which speaks TLS only when asked; Connector/C 3.4 tries TLS
 * on its own over TCP, so a build against it must revisit this start
 * (docs/install.md).  The first call decides; later ones
 * change nothing (OpenSSL's start runs once).
 */
static void
library_start(void)
{
	static int	 started;

	if (started)
		return;
	started = 1;
	if (&mysql_port != NULL && mysql_port == 0)
		mysql_port = DB_PORT;
	if (curl_global_init == NULL)
		OPENSSL_init_ssl(OPENSSL_INIT_NO_LOAD_CONFIG |
		    OPENSSL_INIT_NO_LOAD_SSL_STRINGS |
		    OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS |
		    OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
		    OPENSSL_INIT_NO_ADD_ALL_DIGESTS |
		    OPENSSL_INIT_NO_ATEXIT, NULL);
	mysql_library_init(0, NULL, NULL);
}

/*
 * The session every statement runs in: times in UTC (NOW() compares with
 * stored values, EPOCH() is whole seconds since 1970), strict writes, and
 * a lock wait that fails a request rather than holding it.
 */
#define SESSION_VARS "time_zone = '+00:00', sql_mode = " \
    "'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO'," \
    " innodb_lock_wait_timeout = 5"
/* The same settings for one statement only (plain CGI, run_once). */
#define ONCE_PREFIX "SET STATEMENT " SESSION_VARS " FOR "

void
vl_db_once(int on)
{
	once = on != 0;
}

int
vl_db_is_once(void)
{
	return once;
}

/* A statement's text behind ONCE_PREFIX, NUL-terminated (free it); its
 * length in *len. */
static char *
once_text(const char *sql, size_t *len)
{
	size_t	 plen = sizeof(ONCE_PREFIX) - 1, slen = strlen(sql);
	char	*text;

	text = vl_xmalloc(plen + slen + 1);
	memcpy(text, ONCE_PREFIX, plen);
	memcpy(text + plen, sql, slen + 1);
	*len = plen + slen;
	return text;
}

/*
 * A connected handle, or NULL.  flags: CLIENT_MULTI_STATEMENTS for
 * migrations only; the request connection runs one statement per text, so
 * no text can ever smuggle a second one in.  setup: the session's settings
 * are SET now; without it (the request connection of plain CGI) every
 * statement carries them itself (run_once).
 */
static MYSQL *
connect_db(unsigned long flags, int setup)
{
	unsigned int	 timeout = 5;
	my_bool		 off = 0;
	MYSQL		*c;
	int		 slack, connected;

	library_start();
	if ((c = mysql_init(NULL)) == NULL) {
		set_error(0, "mysql_init failed");
		return NULL;
	}
	mysql_options(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(c, MYSQL_OPT_RECONNECT, &off);	/* we reconnect ourselves */
	if (nonblocking)
		mysql_options(c, MYSQL_OPT_NONBLOCK, 0);
	/*
	 * Connector/C sleeps after its connect() even when that succeeded at
	 * once (usleep(1), its first retry wait), and the kernel stretches a
	 * sleep by the thread's timer slack, 50 us by default: 60-90 us off
	 * the CPU on every plain-CGI request.  The slack is 1 ns for the
	 * connect only.
	 */
	slack = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	(void)prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	connected = mysql_real_connect(c,
	    vl_conf.db_socket ? NULL : vl_conf.db_host,
	    vl_conf.db_user, vl_conf.db_password, vl_conf.db_name,
	    vl_conf.db_port ? (unsigned)vl_conf.db_port : DB_PORT,
	    vl_conf.db_socket, flags) != NULL;
	if (slack > 0)
		(void)prctl(PR_SET_TIMERSLACK, (unsigned long)slack, 0, 0, 0);
	if (!connected) {
		set_error(mysql_errno(c), mysql_error(c));
		vl_err("database connect: %s", last_error);
		mysql_close(c);
		return NULL;
	}
	if (setup && mysql_query(c, "SET " SESSION_VARS) != 0) {
		set_error(mysql_errno(c), mysql_error(c));
		vl_err("database session setup: %s", last_error);
		mysql_close(c);
		return NULL;
	}
	return c;
}

enum vl_rc
vl_db_open(void)
{
	/* A statement started and not yet waited for comes first: one
	 * statement at a time on a connection. */
	if (pending_active)
		pending_settle();
	if (conn != NULL)
		return VL_OK;
	if ((conn = connect_db(0, !once)) == NULL)
		return VL_ERR;
	return VL_OK;
}

static MYSQL_STMT *
stmt_get(enum vl_stmt id)
{
	MYSQL_STMT	*st;

	if (stmts[id] != NULL)
		return stmts[id];
	if ((st = mysql_stmt_init(conn)) == NULL) {
		set_error(mysql_errno(conn), mysql_error(conn));
		return NULL;
	}
	if (mysql_stmt_prepare(st, decls[id].sql, strlen(decls[id].sql)) != 0) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	return stmts[id] = st;
}

struct params {
	MYSQL_BIND	 b[MAXBIND];
	unsigned long	 len[MAXBIND];
	int64_t		 ints[MAXBIND];
	unsigned	 n;
};

static enum vl_rc
params_bind(struct params *p, const char *types, va_list ap)
{
	const char	*s;

	memset(p, 0, sizeof(*p));
	for (; *types; types++, p->n++) {
		MYSQL_BIND *b = &p->b[p->n];
		if (p->n >= MAXBIND)
			return VL_ERR;
		switch (*types) {
		case 'i':
			p->ints[p->n] = va_arg(ap, int64_t);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[p->n];
			break;
		case 's':
			if ((s = va_arg(ap, const char *)) == NULL) {
				b->buffer_type = MYSQL_TYPE_NULL;
				break;
			}
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = (void *)(uintptr_t)s;	/* an input: only read */
			p->len[p->n] = strlen(s);
			b->buffer_length = p->len[p->n];
			b->length = &p->len[p->n];
			break;
		case 'b':
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = va_arg(ap, void *);
			p->len[p->n] = (unsigned long)va_arg(ap, size_t);
			b->buffer_length = p->len[p->n];
			b->length = &p->len[p->n];
			break;
		default:
			return VL_ERR;
		}
	}
	return VL_OK;
}

/* 1 if st has n placeholders; else logged, with the error set. */
static int
count_matches(MYSQL_STMT *st, enum vl_stmt id, unsigned n)
{
	if (mysql_stmt_param_count(st) == n)
		return 1;
	vl_err("statement %s: %lu placeholders, %u bound", decls[id].name,
	    mysql_stmt_param_count(st), n);
	set_error(0, "placeholders and parameters differ");
	return 0;
}

/*
 * Plain CGI, a statement's first run: prepared and executed in one round
 * trip (mariadb_stmt_execute_direct sends both commands at once; the
 * server runs the execute on the statement it has just prepared), with the
 * session's settings in the statement itself (SET STATEMENT ... FOR: set
 * for this statement and restored after it), so the connection needs no
 * SET of its own.  The text is the declared one behind a constant prefix:
 * the values stay bound parameters.  The handle stays prepared: a second
 * run in the same request only executes it.  NULL with the error set.
 */
static MYSQL_STMT *
run_once(enum vl_stmt id, struct params *p)
{
	MYSQL_STMT	*st;
	unsigned int	 n = p->n;
	size_t		 len;
	char		*text;
	int		 rc;

	if ((st = mysql_stmt_init(conn)) == NULL) {
		set_error(mysql_errno(conn), mysql_error(conn));
		return NULL;
	}
	text = once_text(decls[id].sql, &len);
	/* Parameters are bound before the prepare only when there are any:
	 * Connector/C refuses an empty binding of an unprepared statement. */
	rc = (n > 0 && (mysql_stmt_attr_set(st, STMT_ATTR_PREBIND_PARAMS, &n) != 0 ||
	    mysql_stmt_bind_param(st, p->b) != 0)) ||
	    mariadb_stmt_execute_direct(st, text, len) != 0;
	free(text);
	if (rc) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	/* The declaration's count was checked against the text by check-sql
	 * and against the call by types_match; a mismatch here is logged. */
	if (!count_matches(st, id, p->n)) {
		mysql_stmt_close(st);
		return NULL;
	}
	return stmts[id] = st;
}

/* Prepares (if needed), binds and executes; reconnects once when allowed. */
static enum vl_rc
run(enum vl_stmt id, struct params *p, MYSQL_STMT **out)
{
	MYSQL_STMT	*st;
	unsigned	 e;
	int		 attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (vl_db_open() != VL_OK)
			return VL_ERR;
		if (once && stmts[id] == NULL) {
			if ((st = run_once(id, p)) != NULL) {
				*out = st;
				return VL_OK;
			}
			e = last_errno;
		} else if ((st = stmt_get(id)) == NULL)
			e = last_errno;
		else if (!count_matches(st, id, p->n))
			return VL_ERR;
		else if (mysql_stmt_bind_param(st, p->b) != 0 ||
		    mysql_stmt_execute(st) != 0) {
			e = mysql_stmt_errno(st);
			set_error(e, mysql_stmt_error(st));
		} else {
			*out = st;
			return VL_OK;
		}
		if (e == ER_DUP_ENTRY)
			return VL_CONFLICT;
		if (!conn_lost(e) || in_tx || attempt > 0) {
			vl_err("database statement %s: %s (%u)", decls[id].name, last_error, e);
			if (conn_lost(e))
				vl_db_close();	/* the next request starts afresh */
			return VL_ERR;
		}
		vl_warn("database connection lost (%u); reconnecting", e);
		vl_db_close();
	}
	return VL_ERR;
}

enum vl_rc
vl_db_exec(enum vl_stmt id, uint64_t *affected, uint64_t *insert_id, const char *types, ...)
{
	struct params	 p;
	MYSQL_STMT	*st;
	va_list		 ap;
	enum vl_rc	 rc;

	if (!types_match(id, 0, types))
		return VL_ERR;
	va_start(ap, types);
	rc = params_bind(&p, types, ap);
	va_end(ap);
	if (rc != VL_OK || (rc = run(id, &p, &st)) != VL_OK)
		return rc;
	if (affected)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id)
		*insert_id = mysql_stmt_insert_id(st);
	return VL_OK;
}

static void
rows_cleanup(void *r)
{
	vl_db_rows_free(r);
}

static enum vl_rc
vquery(struct vl_pool *pool, enum vl_stmt id, struct vl_rows **out, const char *types, va_list ap)
{
	struct params	 p;
	struct vl_rows	*r;
	MYSQL_STMT	*st;
	my_bool		 on = 1;
	enum vl_rc	 rc;

	*out = NULL;
	if (!types_match(id, 0, types))
		return VL_ERR;
	if ((rc = params_bind(&p, types, ap)) != VL_OK)
		return rc;
	/* Running the statement again replaces its stored result. */
	if (holder[id] != NULL)
		vl_db_rows_free(holder[id]);
	if ((rc = run(id, &p, &st)) != VL_OK)
		return rc;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &on);
	if (mysql_stmt_store_result(st) != 0) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		vl_err("database store result: %s", last_error);
		return VL_ERR;
	}
	r = vl_pool_calloc(pool, 1, sizeof(*r));
	r->pool = pool;
	r->id = id;
	r->st = st;
	r->meta = mysql_stmt_result_metadata(st);
	r->ncols = mysql_stmt_field_count(st);
	holder[id] = r;
	vl_pool_cleanup(pool, rows_cleanup, r);
	*out = r;
	return VL_OK;
}

enum vl_rc
vl_db_query(struct vl_pool *pool, enum vl_stmt id, struct vl_rows **out, const char *types, ...)
{
	va_list		 ap;
	enum vl_rc	 rc;

	va_start(ap, types);
	rc = vquery(pool, id, out, types, ap);
	va_end(ap);
	return rc;
}

/* Binds result buffers sized by the stored result's longest value. */
static int
rows_bind(struct vl_rows *r, const char *types)
{
	MYSQL_FIELD	*f;
	unsigned	 i;

	if (strlen(types) != r->ncols || r->ncols > MAXBIND || r->meta == NULL) {
		vl_err("result binding: %u columns, types \"%s\"", r->ncols, types);
		return -1;
	}
	f = mysql_fetch_fields(r->meta);
	memset(r->res, 0, sizeof(r->res));
	for (i = 0; i < r->ncols; i++) {
		MYSQL_BIND *b = &r->res[i];
		b->is_null = &r->isnull[i];
		b->length = &r->len[i];
		if (types[i] == 'i') {
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &r->ints[i];
		} else {
			b->buffer_type = types[i] == 'b' ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b->buffer_length = f[i].max_length + 1;
			b->buffer = vl_pool_alloc(r->pool, b->buffer_length);
		}
	}
	if (mysql_stmt_bind_result(r->st, r->res) != 0) {
		vl_err("result binding: %s", mysql_stmt_error(r->st));
		return -1;
	}
	r->bound = 1;
	return 0;
}

/* A failed fetch sticks: to the rows, to the transaction (which will not
 * commit) and to the request (whose page becomes the error page), so a
 * loop that stops at the first non-row cannot pass a cut list off as whole. */
static int
fetch_failure(struct vl_rows *r)
{
	if (r != NULL)
		r->failed = 1;
	fetch_errors++;
	fetch_failed = 1;
	return -1;
}

static int
vnext(struct vl_rows *r, const char *types, va_list ap)
{
	unsigned	 i;
	int		 rc;

	if (r == NULL || r->failed)
		return fetch_failure(r);
	if (r->st == NULL) {
		vl_err("statement %s: its result was freed or replaced", decls[r->id].name);
		return fetch_failure(r);
	}
	if (!types_match(r->id, 1, types) || (!r->bound && rows_bind(r, types) != 0))
		return fetch_failure(r);
	rc = mysql_stmt_fetch(r->st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	/* A value that did not fit its binding would be a wrong value, not a short one. */
	if (rc == MYSQL_DATA_TRUNCATED) {
		vl_err("statement %s: a value does not fit its result type \"%s\"",
		    decls[r->id].name, types);
		return fetch_failure(r);
	}
	if (rc != 0) {
		vl_err("statement %s: fetch: %s", decls[r->id].name, mysql_stmt_error(r->st));
		return fetch_failure(r);
	}
	for (i = 0; i < r->ncols; i++) {
		if (types[i] == 'i') {
			int64_t *dst = va_arg(ap, int64_t *);
			*dst = r->isnull[i] ? 0 : r->ints[i];
		} else if (types[i] == 's') {
			char **dst = va_arg(ap, char **);
			*dst = r->isnull[i] ? NULL :
			    vl_pool_strndup(r->pool, r->res[i].buffer, r->len[i]);
		} else {
			void **dst = va_arg(ap, void **);
			size_t *dl = va_arg(ap, size_t *);
			*dst = r->isnull[i] ? NULL :
			    vl_pool_strndup(r->pool, r->res[i].buffer, r->len[i]);
			*dl = r->isnull[i] ? 0 : r->len[i];
		}
	}
	return 1;
}

int
vl_db_next(struct vl_rows *r, const char *types, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, types);
	rc = vnext(r, types, ap);
	va_end(ap);
	return rc;
}

void
vl_db_rows_free(struct vl_rows *r)
{
	if (r == NULL || r->st == NULL)
		return;
	if (r->meta)
		mysql_free_result(r->meta);
	r->meta = NULL;
	if (conn != NULL)
		mysql_stmt_free_result(r->st);
	if (holder[r->id] == r)
		holder[r->id] = NULL;
	r->st = NULL;
}

int
vl_db_rows_failed(const struct vl_rows *r)
{
	return r == NULL || r->failed;
}

int
vl_db_fetch_failed(void)
{
	return fetch_failed;
}

void
vl_db_fetch_clear(void)
{
	fetch_failed = 0;
}

size_t
vl_db_count(const struct vl_rows *r)
{
	return r == NULL || r->st == NULL ? 0 : (size_t)mysql_stmt_num_rows(r->st);
}

enum vl_rc
vl_db_row(struct vl_pool *pool, enum vl_stmt id, const char *ptypes, const char *rtypes, ...)
{
	struct vl_rows	*r;
	va_list		 ap;
	enum vl_rc	 rc;
	int		 got;

	if (!types_match(id, 1, rtypes))
		return VL_ERR;
	va_start(ap, rtypes);
	rc = vquery(pool, id, &r, ptypes, ap);
	if (rc == VL_OK) {
		got = vnext(r, rtypes, ap);
		rc = got > 0 ? VL_OK : got == 0 ? VL_DECLINED : VL_ERR;
		vl_db_rows_free(r);
	}
	va_end(ap);
	return rc;
}

/* A column declared 'i' must be a whole number: a time, text or a fraction
 * read into an int64_t would be a different value. */
static int
check_columns(MYSQL_STMT *st, const struct vl_stmt_decl *d, struct vl_buf *err)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	unsigned	 i;
	int		 bad = 0;

	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return 0;
	f = mysql_fetch_fields(meta);
	for (i = 0; i < mysql_num_fields(meta) && !bad; i++) {
		if (d->rtypes[i] != 'i')
			continue;
		switch (f[i].type) {
		case MYSQL_TYPE_TINY:
		case MYSQL_TYPE_SHORT:
		case MYSQL_TYPE_INT24:
		case MYSQL_TYPE_LONG:
		case MYSQL_TYPE_LONGLONG:
			break;
		case MYSQL_TYPE_DECIMAL:
		case MYSQL_TYPE_NEWDECIMAL:
			bad = f[i].decimals != 0;
			break;
		default:
			bad = 1;
		}
		if (bad)
			vl_buf_addf(err, "%s: result column %u (%s) is declared i but is not"
			    " a whole number (type %d)", d->name, i + 1, f[i].name, (int)f[i].type);
	}
	mysql_free_result(meta);
	return bad ? -1 : 0;
}

/* The text as plain CGI sends it prepares with the same placeholders. */
static enum vl_rc
check_once(const struct vl_stmt_decl *d)
{
	MYSQL_STMT	*st;
	char		*text;
	size_t		 len;
	enum vl_rc	 rc = VL_OK;

	if ((st = mysql_stmt_init(conn)) == NULL)
		return VL_ERR;
	text = once_text(d->sql, &len);
	if (mysql_stmt_prepare(st, text, len) != 0) {
		set_error(mysql_stmt_errno(st), mysql_stmt_error(st));
		rc = VL_INVALID;
	} else if (mysql_stmt_param_count(st) != strlen(d->ptypes) ||
	    mysql_stmt_field_count(st) != strlen(d->rtypes)) {
		set_error(0, "placeholders or result columns differ");
		rc = VL_INVALID;
	}
	free(text);
	mysql_stmt_close(st);
	return rc;
}

enum vl_rc
vl_db_check(enum vl_stmt id, struct vl_buf *err)
{
	const struct vl_stmt_decl *d = vl_db_stmt(id);
	MYSQL_STMT	*st;
	size_t		 np, nr;
	enum vl_rc	 rc = VL_INVALID;

	if (d == NULL) {
		vl_buf_addf(err, "statement %d: no such statement", (int)id);
		return VL_INVALID;
	}
	if (vl_db_open() != VL_OK || (st = mysql_stmt_init(conn)) == NULL) {
		vl_buf_addf(err, "%s: %s", d->name, last_error);
		return VL_ERR;
	}
	/* A fresh handle: the process's own prepared copy stays untouched. */
	np = strlen(d->ptypes);
	nr = strlen(d->rtypes);
	if (mysql_stmt_prepare(st, d->sql, strlen(d->sql)) != 0)
		vl_buf_addf(err, "%s: does not prepare: %s (%u)", d->name,
		    mysql_stmt_error(st), mysql_stmt_errno(st));
	else if (mysql_stmt_param_count(st) != np)
		vl_buf_addf(err, "%s: %lu placeholders, %zu parameter types declared (\"%s\")",
		    d->name, mysql_stmt_param_count(st), np, d->ptypes);
	else if (mysql_stmt_field_count(st) != nr)
		vl_buf_addf(err, "%s: %u result columns, %zu result types declared (\"%s\")",
		    d->name, mysql_stmt_field_count(st), nr, d->rtypes);
	else if (strspn(d->ptypes, "isb") != np || strspn(d->rtypes, "isb") != nr)
		vl_buf_addf(err, "%s: a declared type is not one of i, s, b", d->name);
	else if (check_columns(st, d, err) == 0)
		rc = VL_OK;
	mysql_stmt_close(st);
	/* Plain CGI runs the same text behind its settings (run_once). */
	if (rc == VL_OK && (rc = check_once(d)) != VL_OK)
		vl_buf_addf(err, "%s: does not prepare behind SET STATEMENT: %s", d->name,
		    last_error);
	return rc;
}

static enum vl_rc
simple(const char *sql)
{
	if (vl_db_open() != VL_OK)
		return VL_ERR;
	if (mysql_query(conn, sql) != 0) {
		set_error(mysql_errno(conn), mysql_error(conn));
		vl_err("database %s: %s", sql, last_error);
		if (conn_lost(last_errno))
			vl_db_close();
		return VL_ERR;
	}
	return VL_OK;
}

enum vl_rc
vl_db_begin(void)
{
	/* A fresh connection may be needed: open it before the transaction starts. */
	if (simple("START TRANSACTION") != VL_OK) {
		if (conn != NULL || simple("START TRANSACTION") != VL_OK)
			return VL_ERR;
	}
	in_tx = 1;
	tx_fetch_errors = fetch_errors;
	return VL_OK;
}

enum vl_rc
vl_db_commit(void)
{
	enum vl_rc rc;

	if (!in_tx)
		return VL_ERR;
	/* Work decided on a list cut short by a fetch error is not committed. */
	if (fetch_errors != tx_fetch_errors) {
		vl_err("a fetch failed in this transaction: rolled back");
		vl_db_rollback();
		return VL_ERR;
	}
	/* Out of the transaction first: a connection lost in COMMIT leaves
	 * its outcome unknown, not rolled back. */
	in_tx = 0;
	rc = simple("COMMIT");
	tx_end(rc == VL_OK ? VL_TX_COMMITTED : VL_TX_UNKNOWN);
	return rc;
}

void
vl_db_rollback(void)
{
	if (in_tx && conn != NULL)
		(void)simple("ROLLBACK");
	if (in_tx)
		tx_end(VL_TX_ROLLED_BACK);
	in_tx = 0;
}

enum vl_rc
vl_db_on_end(void (*fn)(void *, enum vl_tx_end), void *arg)
{
	struct tx_hook	*h;

	if (!in_tx) {
		vl_err("a transaction hook outside a transaction");
		return VL_ERR;
	}
	h = vl_xmalloc(sizeof(*h));
	h->fn = fn;
	h->arg = arg;
	h->next = tx_hooks;
	tx_hooks = h;
	return VL_OK;
}

int
vl_db_in_tx(void)
{
	return in_tx;
}

int
vl_db_multi_statements(void)
{
	return conn != NULL && (conn->client_flag & CLIENT_MULTI_STATEMENTS) != 0;
}

enum vl_rc
vl_db_script(const char *sql, struct vl_buf *err)
{
	MYSQL_RES	*res;
	MYSQL		*c;
	enum vl_rc	 rc = VL_ERR;
	int		 status;

	/* Several statements in one text: on a connection of its own. */
	if ((c = connect_db(CLIENT_MULTI_STATEMENTS, 1)) == NULL) {
		vl_buf_adds(err, last_error);
		return VL_ERR;
	}
	if (mysql_query(c, sql) != 0)
		goto fail;
	do {
		if ((res = mysql_store_result(c)) != NULL)
			mysql_free_result(res);
		if ((status = mysql_next_result(c)) > 0)
			goto fail;
	} while (status == 0);
	rc = VL_OK;
	goto out;
fail:
	vl_buf_addf(err, "%s (%u)", mysql_error(c), mysql_errno(c));
out:
	mysql_close(c);
	return rc;
}

/*
 * One statement on the way while the program does something else (the
 * mailer: an email's outcome is written while the next email goes out,
 * so MariaDB's flush of the log to disk costs no waiting).  Started with
 * Connector/C's non-blocking calls on a connection opened with
 * MYSQL_OPT_NONBLOCK; the statement's packet is sent before
 * vl_db_exec_start returns, so the server runs it even if this process
 * dies before it waits.  Any other statement waits for it first
 * (vl_db_open), and so does vl_db_close.
 */
static struct {
	MYSQL_STMT	*st;
	enum vl_stmt	 id;
	struct params	 p;
	int		 wait;		/* what the library waits on; 0: finished */
	int		 ret;		/* mysql_stmt_execute's result once finished */
} pend;
static enum vl_rc	 pend_rc;	/* the last settled statement's outcome */
static uint64_t		 pend_affected;

void
vl_db_nonblocking(void)
{
	nonblocking = 1;
}

/* Waits for the started statement to finish and keeps its outcome. */
static void
pending_settle(void)
{
	struct pollfd	 pfd;
	unsigned	 e;
	int		 timeout, n;

	pending_active = 0;
	while (pend.wait != 0) {
		pfd.fd = mysql_get_socket(conn);
		pfd.events = (short)(((pend.wait & MYSQL_WAIT_READ) ? POLLIN : 0) |
		    ((pend.wait & MYSQL_WAIT_WRITE) ? POLLOUT : 0) |
		    ((pend.wait & MYSQL_WAIT_EXCEPT) ? POLLPRI : 0));
		timeout = (pend.wait & MYSQL_WAIT_TIMEOUT) ?
		    (int)mysql_get_timeout_value_ms(conn) : -1;
		n = poll(&pfd, 1, timeout);
		if (n < 0 && errno == EINTR)
			continue;	/* a stop signal: the statement still ends */
		pend.wait = mysql_stmt_execute_cont(&pend.ret, pend.st, n == 0 ?
		    MYSQL_WAIT_TIMEOUT : (((pfd.revents & POLLIN) ? MYSQL_WAIT_READ : 0) |
		    ((pfd.revents & POLLOUT) ? MYSQL_WAIT_WRITE : 0) |
		    ((pfd.revents & POLLPRI) ? MYSQL_WAIT_EXCEPT : 0) |
		    ((pfd.revents & (POLLERR | POLLHUP)) ? MYSQL_WAIT_READ : 0)));
	}
	pend_affected = 0;
	if (pend.ret != 0) {
		e = mysql_stmt_errno(pend.st);
		set_error(e, mysql_stmt_error(pend.st));
		vl_err("database statement %s: %s (%u)", decls[pend.id].name, last_error, e);
		pend_rc = e == ER_DUP_ENTRY ? VL_CONFLICT : VL_ERR;
		if (conn_lost(e))
			vl_db_close();	/* the next statement connects afresh */
		return;
	}
	pend_affected = mysql_stmt_affected_rows(pend.st);
	pend_rc = VL_OK;
}

enum vl_rc
vl_db_exec_start(enum vl_stmt id, const char *types, ...)
{
	MYSQL_STMT	*st;
	va_list		 ap;
	enum vl_rc	 rc;

	pend_rc = VL_ERR;
	pend_affected = 0;
	if (!types_match(id, 0, types))
		return VL_ERR;
	va_start(ap, types);
	rc = params_bind(&pend.p, types, ap);
	va_end(ap);
	if (rc != VL_OK)
		return VL_ERR;
	/* A program that did not ask: vl_db_exec's path, run to its end now,
	 * its outcome kept for vl_db_exec_finish. */
	if (!nonblocking) {
		if ((pend_rc = run(id, &pend.p, &st)) == VL_OK)
			pend_affected = mysql_stmt_affected_rows(st);
		return VL_OK;
	}
	/* The statement before this one, if any, is waited for here. */
	if (vl_db_open() != VL_OK || (st = stmt_get(id)) == NULL)
		return VL_ERR;
	if (!count_matches(st, id, pend.p.n))
		return VL_ERR;
	if (mysql_stmt_bind_param(st, pend.p.b) != 0) {
		vl_err("statement %s: parameters not bound", decls[id].name);
		return VL_ERR;
	}
	pend.st = st;
	pend.id = id;
	pend.ret = 0;
	pend.wait = mysql_stmt_execute_start(&pend.ret, st);
	pending_active = 1;
	return VL_OK;
}

enum vl_rc
vl_db_exec_finish(uint64_t *affected)
{
	if (pending_active)
		pending_settle();
	if (affected)
		*affected = pend_affected;
	return pend_rc;
}
