/*
 * Vellum's framework: what a program needs to read a request, reach the
 * database, render a page and answer (util, buf, pool, log, conf, input,
 * valid, req, out, tpl, page, db with the statements, pw, sess, csrf).
 * The rules of the business live in the domain modules, one header each
 * (matter.h, doc.h, share.h, msg.h, portal.h, account.h, signin.h,
 * notify.h, audit.h, tz.h, money.h, store.h, housekeep.h, mail.h); what
 * only the library, the tools of bin/ and the tests use is in internal.h.
 * See docs/architecture.md.
 */
#ifndef VELLUM_H
#define VELLUM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VL_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Result of a library call; mapped to HTTP status only in vl_rc_status(). */
enum vl_rc {
	VL_OK = 0,
	VL_DECLINED,	/* not found */
	VL_INVALID,	/* bad input */
	VL_FORBIDDEN,
	VL_CONFLICT,
	VL_TOOBIG,
	VL_BUSY,	/* too many requests (a rate limit) */
	VL_ERR,		/* internal error */
	VL_RC__MAX
};
extern const char *const vl_rc_names[VL_RC__MAX];

/* ---- util.c: allocation that aborts on OOM, bounded numbers, tokens ---- */
void	*vl_xmalloc(size_t);
void	*vl_xcalloc(size_t, size_t);
void	*vl_xrealloc(void *, size_t);
char	*vl_xstrdup(const char *);
/* Parses a whole decimal string into [min,max]; returns VL_OK or VL_INVALID. */
enum vl_rc vl_strtonum(const char *, int64_t min, int64_t max, int64_t *out);
/* 32 random bytes as 43 base64url chars into out[44]. */
void	 vl_token_new(char out[44]);
/* SHA-256 of a string into 32 bytes. */
void	 vl_sha256(const char *, size_t, unsigned char out[32]);
/* Hex of n bytes into out[2n+1]. */
void	 vl_hex(const unsigned char *, size_t n, char *out);
/* Returns 1 if a and b are equal strings, compared in constant time for equal lengths. */
int	 vl_streq_ct(const char *a, const char *b);
/* Strips CR and LF (for mail headers); returns a pool-free malloc'd copy. */
char	*vl_strip_crlf(const char *);

/* ---- buf.c: growing text (git strbuf rules: always NUL-terminated) ---- */
struct vl_buf {
	char	*buf;
	size_t	 len;
	size_t	 alloc;
};
#define VL_BUF_INIT { NULL, 0, 0 }
void	 vl_buf_init(struct vl_buf *);
void	 vl_buf_grow(struct vl_buf *, size_t extra);
void	 vl_buf_add(struct vl_buf *, const void *, size_t);
void	 vl_buf_adds(struct vl_buf *, const char *);
void	 vl_buf_addc(struct vl_buf *, char);
void	 vl_buf_addf(struct vl_buf *, const char *, ...) VL_PRINTF(2, 3);
void	 vl_buf_vaddf(struct vl_buf *, const char *, va_list) VL_PRINTF(2, 0);
void	 vl_buf_reset(struct vl_buf *);
void	 vl_buf_release(struct vl_buf *);
/* Appends s percent-encoded for a URL query component. */
void	 vl_buf_add_urlenc(struct vl_buf *, const char *);
/* Appends "key=val" (both encoded), after a "&" unless b is empty. */
void	 vl_buf_add_param(struct vl_buf *, const char *key, const char *val);
/* Returns the text (never NULL: "" when empty); caller does not own it. */
const char *vl_buf_str(const struct vl_buf *);

/* ---- pool.c: per-request memory with cleanups (nginx-style) ---- */
struct vl_pool;
typedef void (*vl_cleanup_fn)(void *);
struct vl_pool *vl_pool_new(void);
void	*vl_pool_alloc(struct vl_pool *, size_t);
void	*vl_pool_calloc(struct vl_pool *, size_t, size_t);
char	*vl_pool_strdup(struct vl_pool *, const char *);	/* NULL -> NULL */
char	*vl_pool_strndup(struct vl_pool *, const char *, size_t);
char	*vl_pool_printf(struct vl_pool *, const char *, ...) VL_PRINTF(2, 3);
/* Registers fn(arg) to run (in reverse order) when the pool is reset. */
void	 vl_pool_cleanup(struct vl_pool *, vl_cleanup_fn, void *);
/* Runs cleanups and frees everything but the pool itself. */
void	 vl_pool_reset(struct vl_pool *);
void	 vl_pool_free(struct vl_pool *);

/* ---- log.c: one logger; every line names program, request id, remote ---- */
enum vl_log_level { VL_LOG_ERR, VL_LOG_WARN, VL_LOG_INFO, VL_LOG_DEBUG, VL_LOG__MAX };
void	 vl_log_init(const char *prog, enum vl_log_level);
void	 vl_log(enum vl_log_level, const char *, ...) VL_PRINTF(2, 3);
#define vl_err(...)	vl_log(VL_LOG_ERR, __VA_ARGS__)
#define vl_warn(...)	vl_log(VL_LOG_WARN, __VA_ARGS__)
#define vl_info(...)	vl_log(VL_LOG_INFO, __VA_ARGS__)

/* ---- conf.c: "key = value" configuration ---- */
struct vl_conf {
	char	*db_socket, *db_host, *db_user, *db_password, *db_name;
	int64_t	 db_port;
	char	*templates;		/* default templates directory */
	char	*site_templates;	/* admin overrides, searched first */
	char	*secret_hex;		/* 64 hex chars: MAC key */
	unsigned char secret[32];
	char	*base_url;		/* absolute links in mail */
	char	*smtp_url, *smtp_user, *smtp_password, *mail_from;
	char	*store;			/* document storage directory */
	char	*tmp;			/* upload temp directory (same fs as store) */
	int64_t	 session_idle, session_max;	/* seconds */
	int64_t	 reset_ttl;			/* seconds */
	int64_t	 cookie_secure;		/* 1: __Host- prefix + Secure */
	int64_t	 log_level;
	int64_t	 mail_max_attempts;
	int64_t	 mail_backoff_base;	/* seconds */
	int64_t	 mail_lease;		/* seconds */
	int64_t	 notify_window;		/* seconds a coalesced mail collects items */
	int64_t	 auth_limit, auth_window;	/* sign-in, reset and link requests per address per window (s) */
	int64_t	 development;		/* 1: a development stack (vellumctl seed-demo runs) */
	char	*magic;			/* libmagic's database; NULL: libmagic's own */
	char	*smtp_ca_file;		/* CA bundle for the relay's TLS; NULL: libcurl's */
	char	*stripe_api_base;	/* the payment provider's API, no trailing slash */
	int64_t	 page_check;		/* 1: pages named by inputs checked (vl_page_alias) */
};
extern struct vl_conf vl_conf;
/* Loads path (NULL: $VELLUM_CONF, else the built-in default path). */
enum vl_rc vl_conf_load(const char *path, struct vl_buf *err);

/* ---- input.c: query strings, urlencoded bodies, cookies, multipart ---- */
struct vl_pair {
	char		*key;
	char		*val;
	size_t		 vallen;
	struct vl_pair	*next;
};
const struct vl_pair *vl_pair_find(const struct vl_pair *, const char *);

struct vl_upload {
	char		*field;
	char		*filename;	/* client's name: metadata only */
	char		*ctype;
	char		*path;		/* O_EXCL temp file, unlinked on pool reset */
	uint64_t	 size;
	struct vl_upload *next;
};
/* ---- valid.c: total validators ---- */
enum vl_valid {
	VL_V_STRING,	/* any UTF-8 text without NUL, trimmed */
	VL_V_LINE,	/* single line text */
	VL_V_EMAIL,
	VL_V_INT,	/* non-negative 64-bit */
	VL_V_ID,	/* positive 64-bit */
	VL_V_TOKEN,	/* 43 base64url chars */
	VL_V_PASSWORD,	/* 12..128 bytes */
	VL_V_BOOL,	/* "1", "on" */
	VL_V__MAX
};
/* Validates v (len bytes); on success returns 1 and may set *num. */
int	 vl_validate(enum vl_valid, const char *v, size_t len, size_t max, int64_t *num);
int	 vl_utf8_valid(const char *, size_t);
/* 1 if a request path (no query) holds a "." or ".." segment (also as
 * %2e) or an encoded slash (%2f): the front door refuses it (400). */
int	 vl_path_unsafe(const char *);
/* h gets the SHA-256 a typed token (a link's, a cookie's) is stored under;
 * 0 when token is not one (43 base64url characters). */
int	 vl_token_hash(const char *token, unsigned char h[32]);
/* s made fit to store: invalid UTF-8 bytes and control characters become
 * '?', cut to at most max bytes between characters; a pool copy ("" for NULL). */
char	*vl_utf8_clean(struct vl_pool *, const char *s, size_t max);
/* s as a stored email (trimmed, lower-case ASCII, a valid address), a pool
 * copy; NULL when s is not one (non-ASCII is refused, never folded). */
char	*vl_email_norm(struct vl_pool *, const char *s);

/* ---- req.c: the front door (FastCGI and CGI give the same request) ---- */
enum vl_method { VL_GET, VL_HEAD, VL_POST, VL_OTHER, VL_METHOD__MAX };

struct vl_field {
	const char	*name;
	enum vl_valid	 valid;
	size_t		 max;		/* longest accepted value, bytes */
};

struct vl_param {
	const char	*val;		/* NULL unless present and valid */
	int64_t		 num;		/* for VL_V_INT / VL_V_ID / VL_V_BOOL */
	int		 present;	/* sent, valid or not */
};

enum vl_access {
	VL_PUBLIC,		/* anyone; session loaded if present */
	VL_FIRM_USER,		/* signed-in firm staff */
	VL_FIRM_ADMIN,
	VL_CLIENT,		/* signed-in client (a portal participant) */
	VL_ACCESS__MAX
};

struct vl_sess;
struct vl_req;

/*
 * Who acts, for the domain modules (doc, share, msg, account, portal,
 * signin, matter, audit): they take this, never the HTTP request, so the
 * mailer, vellumctl, a webhook or the API can call them as well.  The front
 * door fills one a request (r->ctx) from the session; others fill their own
 * with vl_ctx_init().
 */
struct vl_ctx {
	struct vl_pool	*pool;		/* results and scratch live here */
	int64_t		 firm_id;	/* 0: no firm (signed out) */
	int64_t		 user_id;	/* the acting firm user, or 0 */
	int64_t		 contact_id;	/* the acting client contact, or 0 */
	const char	*name;		/* the actor's name for people, or "" */
	const char	*remote;	/* client address for the audit; "-" if none */
	const char	*id;		/* request id for logs; "" if none */
	const char	*zone;		/* the firm's time zone once read (vl_tz_firm) */
	int64_t		 users_stamp;	/* the firm's users_stamp read with the session, or 0 */
	int64_t		 matters_stamp;	/* its matters_stamp read with the session, or 0 */
	struct vl_sess_join *join;	/* a session the page's statement checks, or NULL */
};
/*
 * A session checked inside a page's own statement (vl_app.sess_joined):
 * the front door reads only the cookie; the domain function binds the key
 * and limits, joins sessions, users and firms to its rows and keeps the
 * columns (found: a row came); the handler then calls vl_sess_joined.  One
 * round trip a page that lists something.
 */
struct vl_sess_join {
	unsigned char	 hash[32];	/* SHA-256 of the cookie's token */
	int64_t		 touch, idle, max;	/* seconds, as vl_sess_load binds them */
	struct vl_sess	*s;		/* the columns, once a row was read */
	int64_t		 stale;		/* last_seen older than touch */
	int		 found;
};
/* Sets c to act for firm as user or contact (0: neither) from remote
 * (NULL: "-"), memory in pool; no request id, zone not yet read. */
void	 vl_ctx_init(struct vl_ctx *c, struct vl_pool *pool, int64_t firm, int64_t user,
	    int64_t contact, const char *remote);

struct vl_app {
	const char		*name;
	const struct vl_field	*fields;
	size_t			 nfields;
	enum vl_access		 access;
	uint64_t		 max_body;	/* 0: 64 KiB */
	int			 client;	/* a public page of the client side */
	int			 raw_body;	/* accepts one file as a raw body */
	/* Sniffs uploads' types: vl_store_sniff_init (store.h), called at a
	 * FastCGI start to load libmagic and page its rules in, so an upload
	 * does not grow the process.  Named by the program, never by the run
	 * loop: a program without it links neither libmagic nor its
	 * decompressors, and a process holds none of their pages. */
	void			(*sniff)(void);
	/* A provider's signed POST (a webhook): its JSON body, at most
	 * 256 KiB, read whole into r->body; no session and no
	 * CSRF token, as no browser sends it: the program verifies the
	 * body's signature itself before anything changes. */
	int			 signed_body;
	/* Its pages are kept whole by what makes them (lib/pagememo.c): a
	 * page built from the same values under the same templates is sent
	 * without expanding it again.  For the pages read most often. */
	int			 memo_pages;
	/* A firm page (VL_FIRM_USER) or a client page (VL_CLIENT) whose GET
	 * checks the session in its own statement when this says so for the
	 * request (see vl_sess_join). */
	int			(*sess_joined)(struct vl_req *);
	enum vl_rc		(*get)(struct vl_req *);
	enum vl_rc		(*post)(struct vl_req *);
};

struct vl_sess {
	char		 token[44];	/* raw cookie value */
	int		 client;	/* a client's session (cookie "cid") */
	int64_t		 firm_id;
	int64_t		 user_id;	/* firm user, or 0 */
	int64_t		 contact_id;	/* client contact, or 0 */
	char		*firm_slug;	/* the firm's slug */
	char		*firm_name;
	char		*firm_logo;	/* the firm's logo URL, or NULL (a new session: NULL) */
	char		*firm_zone;	/* its time zone, or NULL (then read when needed) */
	char		*user_email;
	char		*user_name;
	char		*role;
	int64_t		 users_stamp;	/* firm users: firms.users_stamp, else 0 */
	int64_t		 matters_stamp;	/* firm users: firms.matters_stamp, else 0 */
	int64_t		 facts_stamp;	/* firm users: firm_stamps.facts_stamp as read, else 0 */
	char		 csrf[65];
};

struct vl_req {
	struct vl_pool		*pool;
	const struct vl_app	*app;
	enum vl_method		 method;
	const char		*uri;		/* path without query */
	const char		*remote;
	char			 id[17];	/* request id for logs */
	struct vl_param		*fields;	/* app->nfields entries */
	struct vl_pair		*query, *form, *cookies;
	struct vl_upload	*uploads;
	char			*body;		/* a signed_body program's body (NUL-terminated) */
	size_t			 bodylen;
	struct vl_sess		*sess;		/* NULL when signed out */
	struct vl_ctx		*ctx;		/* who acts, for domain calls */
	char			 precsrf[65];	/* CSRF for signed-out forms */
	uint64_t		 unread;	/* body bytes left unread */
	int			 sent;		/* response started */
	int			 csrf_ok;	/* the POST's CSRF token passed */
	int			 status;
	struct vl_buf		 hdr;		/* extra headers */
	/* The page named by what its program read (vl_page_alias): its name;
	 * 1 named, 2 named and the key it names found (built anyway and
	 * compared: page_check). */
	unsigned char		 alias_name[32], alias_key[32];
	int			 alias_state;
	/* transport */
	const char		*(*getenv)(struct vl_req *, const char *);
	long			(*read)(void *, char *, size_t);
	int			(*write)(struct vl_req *, const char *, size_t);
	void			*io;
};

/* Runs the program: CGI once, or FastCGI until shutdown.  Returns exit code. */
int	 vl_run(const struct vl_app *);
const char *vl_req_env(struct vl_req *, const char *);
/* The numeric id after prefix in the URI ("/matters/12" -> 12); 0 if none. */
int64_t	 vl_req_path_id(struct vl_req *, const char *prefix);

/* ---- out.c: status, headers, cookies, pages ---- */
int	 vl_rc_status(enum vl_rc);
void	 vl_out_header(struct vl_req *, const char *name, const char *value);
/* The cookies Vellum sets: each has one name and one path (lib/out.c). */
enum vl_cookie {
	VL_COOKIE_SID,		/* a firm user's session */
	VL_COOKIE_CID,		/* a client's session */
	VL_COOKIE_PRE,		/* the pre-session CSRF secret */
	VL_COOKIE_PORTAL_FIRM,	/* the firm whose client sign-in page to show */
	VL_COOKIE_PENDING,	/* a sign-in waiting for its second step */
	VL_COOKIE__MAX
};
/* Sets cookie c for the browser session (HttpOnly, SameSite=Lax, Secure
 * and a prefix when configured); a value with ';', ',' or a blank is set empty. */
void	 vl_out_cookie(struct vl_req *, enum vl_cookie c, const char *value);
void	 vl_out_cookie_clear(struct vl_req *, enum vl_cookie c);
/* The request's cookie c, or NULL. */
const struct vl_pair *vl_cookie_get(struct vl_req *, enum vl_cookie c);
/* Full response: status, security headers, extra headers, content type, body. */
void	 vl_out_send(struct vl_req *, int status, const char *ctype, const char *body, size_t len);
void	 vl_out_redirect(struct vl_req *, const char *location);
/* Sends the file at path as a download named filename (Content-Disposition
 * attachment, sandboxed); VL_DECLINED if the file is missing. */
enum vl_rc vl_out_file(struct vl_req *, const char *path, const char *mime, const char *filename);
/* The error page for rc (from templates, falling back to a built-in one). */
void	 vl_out_error(struct vl_req *, enum vl_rc, const char *message);
/* Name of cookie c with the configured prefix ("__Host-sid" or "sid"). */
const char *vl_cookie_name(enum vl_cookie c);

/* ---- tpl.cc: ctemplate behind a C face ---- */
struct vl_tpl;
enum vl_tpl_rc { VL_TPL_OK = 0, VL_TPL_NOTFOUND, VL_TPL_SYNTAX, VL_TPL_EXPAND, VL_TPL_NOMEM };
enum vl_tpl_strip { VL_TPL_HTML, VL_TPL_TEXT };
/* A root dictionary, freed with pool (never by hand). */
struct vl_tpl *vl_tpl_new(struct vl_pool *);
void	 vl_tpl_set(struct vl_tpl *, const char *key, const char *val);	/* NULL -> "" */
void	 vl_tpl_set_int(struct vl_tpl *, const char *key, long long);
struct vl_tpl *vl_tpl_section(struct vl_tpl *, const char *name);	/* adds one row */
void	 vl_tpl_show(struct vl_tpl *, const char *name);
struct vl_tpl *vl_tpl_include(struct vl_tpl *, const char *marker, const char *file);
/* Expands file, appending to out; on failure err holds the captured message. */
enum vl_tpl_rc vl_tpl_expand(const char *file, enum vl_tpl_strip, const struct vl_tpl *,
    struct vl_buf *out, struct vl_buf *err);
/* Loads file and reports syntax errors (no includes). */
enum vl_tpl_rc vl_tpl_check(const char *file, enum vl_tpl_strip, struct vl_buf *err);

/* ---- page.c: a page = layout + template, rendered then sent ---- */
/* A new page dictionary with the layout's header/footer filled for req. */
struct vl_tpl *vl_page_new(struct vl_req *, const char *title);
/* Renders file with d and sends it (200); VL_ERR if it cannot, or if a
 * fetch failed in this request (the list would be cut short). */
enum vl_rc vl_page_send(struct vl_req *, const char *file, struct vl_tpl *d);
/* A notice shown after a change: when code (from the redirect's ?notice=)
 * is one of the page's codes, shows section NOTICE and in it the section
 * named by the code in capitals, whose text the template holds (admins edit
 * it there); other codes show nothing. */
void	 vl_page_notice(struct vl_tpl *d, const char *const *codes, size_t n, const char *code);
/* Same with a status other than 200. */
enum vl_rc vl_page_send_status(struct vl_req *, int status, const char *file, struct vl_tpl *d);
/*
 * For a FastCGI program (app->memo_pages) whose page as it opens (no
 * field in the request) is a function of its session and of inputs
 * alone: bytes it fills in full (no padding left unset), the stamps of
 * every copy the page was read from and what else it names (a matter).
 * The session's firm, user or contact and CSRF token are added here.  1
 * when the page kept for the same under the same template files was sent
 * (the handler returns VL_OK and builds nothing); else 0, and the page
 * vl_page_send keeps is named by them.  With page_check set (tests), every
 * other such page is built anyway and a page other than the one named is
 * a 500 and an error in the log.
 */
int	 vl_page_alias(struct vl_req *, const void *inputs, size_t len);
/* An "Are you sure...?" page (confirm.tpl) in page d: a form that posts
 * fields (name, value pairs ending in NULL) with the CSRF token to action,
 * and a Cancel link back.  Sent like vl_page_send. */
struct vl_confirm {
	const char	*question, *button, *action, *back;
	const char	*const *fields;
};
enum vl_rc vl_page_confirm(struct vl_req *, struct vl_tpl *d, const struct vl_confirm *c);

/* ---- db.c + stmts.def: MariaDB with prepared statements ---- */
enum vl_stmt {
#define VL_STMT(name, ptypes, rtypes, sql) STMT_##name,
#include "stmts.def"
#undef VL_STMT
	STMT__MAX
};
/* A statement as declared in lib/sql/: its name for logs, the types of its
 * parameters and of its result columns ("" for none), its text. */
struct vl_stmt_decl {
	const char	*name, *ptypes, *rtypes, *sql;
};
/* The declaration of a statement, or NULL for an id out of range; static. */
const struct vl_stmt_decl *vl_db_stmt(enum vl_stmt);
struct vl_rows;
/*
 * Binds parameters by a type string: 'i' int64_t, 's' const char * (NULL gives
 * SQL NULL), 'b' const void * then size_t.  Results likewise, with pointers:
 * 'i' int64_t *, 's' char ** (pool copy, NULL for SQL NULL).  Type strings
 * that differ from the statement's declaration are an error (VL_ERR, or -1
 * from vl_db_next), logged with the statement's name; nothing is bound.
 */
enum vl_rc vl_db_exec(enum vl_stmt, uint64_t *affected, uint64_t *insert_id, const char *types, ...);
enum vl_rc vl_db_query(struct vl_pool *, enum vl_stmt, struct vl_rows **, const char *types, ...);
/*
 * A statement without rows started, not waited for: vl_db_exec_start sends
 * it (VL_ERR if it could not) and vl_db_exec_finish waits for its outcome
 * (vl_db_exec's).  Strings bound must live until then.  Any other statement
 * waits for it first; a second start forgets the first one's outcome (its
 * error is logged).  It overlaps with other work only on a connection of a
 * process that called vl_db_nonblocking before its first statement.
 */
enum vl_rc vl_db_exec_start(enum vl_stmt, const char *types, ...);
enum vl_rc vl_db_exec_finish(uint64_t *affected);
void	 vl_db_nonblocking(void);
/* Fetches the next row into the pointers; 1 row, 0 end, -1 error.  An
 * error sticks: later fetches of these rows fail, the transaction will not
 * commit and the request's page becomes the error page. */
int	 vl_db_next(struct vl_rows *, const char *types, ...);
/* The rows belong to the pool they were queried into, which frees them;
 * freeing them early is allowed (a statement run again in a loop). */
void	 vl_db_rows_free(struct vl_rows *);
/* 1 if a fetch of these rows failed (the loop ended on an error). */
int	 vl_db_rows_failed(const struct vl_rows *);
/* 1 if a fetch failed since vl_db_fetch_clear() (the front door clears it
 * before each request; pages refuse to render a list cut short). */
int	 vl_db_fetch_failed(void);
void	 vl_db_fetch_clear(void);
/* How many rows a query returned (its result is stored whole). */
size_t	 vl_db_count(const struct vl_rows *);
/* Queries and fetches the first row only; VL_DECLINED when none. */
enum vl_rc vl_db_row(struct vl_pool *, enum vl_stmt, const char *ptypes, const char *rtypes, ...);
enum vl_rc vl_db_begin(void);
/* Commits; VL_ERR (rolled back) if a fetch failed in the transaction. */
enum vl_rc vl_db_commit(void);
void	 vl_db_rollback(void);
/* How a transaction ended, for those that hooked it. */
enum vl_tx_end { VL_TX_COMMITTED, VL_TX_ROLLED_BACK, VL_TX_UNKNOWN /* COMMIT failed */ };
/* Calls fn(arg, how) once when the open transaction ends (commit,
 * rollback, or the connection lost).  VL_ERR outside a transaction. */
enum vl_rc vl_db_on_end(void (*fn)(void *, enum vl_tx_end), void *arg);
int	 vl_db_in_tx(void);
const char *vl_db_error(void);
unsigned vl_db_errno(void);

/* ---- pw.c: argon2id passwords ---- */
/* Hashes pw into out[128]; VL_OK or VL_ERR (out of memory). */
enum vl_rc vl_pw_hash(const char *pw, char out[128]);
/* 1 if pw matches the stored hash. */
int	 vl_pw_verify(const char *hash, const char *pw);
/* A hash to verify against when the user is unknown (equal timing). */
const char *vl_pw_dummy(void);

/* ---- sess.c + csrf.c: sessions in MariaDB, CSRF tokens ---- */
/* Whose session or sign-in: a firm user's or a client contact's. */
enum vl_signin_kind { VL_SIGNIN_USER, VL_SIGNIN_CLIENT, VL_SIGNIN__MAX };
extern const char *const vl_signin_kinds[VL_SIGNIN__MAX];
/* Starts a session of kind for account of firm: a row keyed on the hash of
 * a new random token, which token[44] gets; agent is the browser's
 * User-Agent (NULL: none).  No request needed.  VL_OK or VL_ERR. */
enum vl_rc vl_sess_new(struct vl_ctx *, enum vl_signin_kind, int64_t firm, int64_t account,
	    const char *agent, char token[44]);
/* Makes a session vl_sess_new started the request's: ends the one it had,
 * sets the cookie and r->ctx; slug (a client's firm, or NULL) is
 * remembered for the client's sign-in page. */
void	 vl_sess_adopt(struct vl_req *, enum vl_signin_kind, int64_t firm, int64_t account,
	    const char token[44], const char *slug);
/* vl_sess_new then vl_sess_adopt, for the request's browser.  VL_OK or VL_ERR. */
enum vl_rc vl_sess_start(struct vl_req *, enum vl_signin_kind, int64_t firm, int64_t account,
	    const char *slug);
void	 vl_sess_end(struct vl_req *);
/* After the statement that checked a joined session (vl_sess_join): the
 * session it found becomes the request's (VL_OK); when it gave no row the
 * session is checked alone: valid, VL_OK (the page is empty); else the
 * browser is sent to sign in and VL_DECLINED returned (the answer is
 * sent: the handler returns at once).  VL_OK when nothing was pending;
 * VL_ERR on a database failure. */
enum vl_rc vl_sess_joined(struct vl_req *);
/* The token forms must carry for req; sets the pre-session cookie if needed. */
const char *vl_csrf_for(struct vl_req *);
/* 1 if the POST carries the right token. */
int	 vl_csrf_check(struct vl_req *);

#ifdef __cplusplus
}
#endif
#endif
