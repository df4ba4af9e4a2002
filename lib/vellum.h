/*
 * Vellum: the public face of the shared library.
 * Every program in cgi-bin/ and bin/ includes only this header.
 * Modules: util, buf, pool, log, conf, input, valid, req, out, db, stmts,
 * sess, csrf, pw, tpl, mail.  See docs/architecture.md.
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
/* A byte count for people ("512 bytes", "1.2 MB"), in the pool. */
struct vl_pool;
char	*vl_fmt_size(struct vl_pool *, uint64_t);
/* A document name from a client's file name: last path part, no control
 * characters, at most 255 bytes of whole UTF-8 characters; "upload" if none. */
char	*vl_doc_name(struct vl_pool *, const char *client_name);
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
/* Bytes currently held by the pool (for tests and stats). */
size_t	 vl_pool_used(const struct vl_pool *);

/* ---- log.c: one logger; every line names program, request id, remote ---- */
enum vl_log_level { VL_LOG_ERR, VL_LOG_WARN, VL_LOG_INFO, VL_LOG_DEBUG, VL_LOG__MAX };
typedef void (*vl_log_sink)(void *arg, const char *line, size_t len);
void	 vl_log_init(const char *prog, enum vl_log_level);
/* Directs lines to sink (NULL: stderr) and sets the request context. */
void	 vl_log_context(vl_log_sink, void *arg, const char *reqid, const char *remote);
/* Sets only the request id and remote address of later lines. */
void	 vl_log_ids(const char *reqid, const char *remote);
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
};
extern struct vl_conf vl_conf;
/* Loads path (NULL: $VELLUM_CONF, else the built-in default path). */
enum vl_rc vl_conf_load(const char *path, struct vl_buf *err);
/* Parses text into c; unknown keys and bad values are errors. */
enum vl_rc vl_conf_parse(struct vl_conf *c, const char *text, struct vl_buf *err);
/* Sets every key to its default (string fields must be free or NULL). */
void	 vl_conf_defaults(struct vl_conf *);
/* Frees the strings of c. */
void	 vl_conf_free(struct vl_conf *);

/* ---- input.c: query strings, urlencoded bodies, cookies, multipart ---- */
struct vl_pair {
	char		*key;
	char		*val;
	size_t		 vallen;
	struct vl_pair	*next;
};
/* Decodes a=b&c=d into a list in the pool; returns VL_OK or VL_INVALID. */
enum vl_rc vl_parse_urlencoded(struct vl_pool *, const char *, size_t, struct vl_pair **);
/* Parses a Cookie header ("a=b; c=d"). */
enum vl_rc vl_parse_cookies(struct vl_pool *, const char *, struct vl_pair **);
const struct vl_pair *vl_pair_find(const struct vl_pair *, const char *);

struct vl_upload {
	char		*field;
	char		*filename;	/* client's name: metadata only */
	char		*ctype;
	char		*path;		/* O_EXCL temp file, unlinked on pool reset */
	uint64_t	 size;
	struct vl_upload *next;
};
/* Reads a multipart body through rd; plain parts go to *pairs, file parts to
 * temp files under tmpdir.  A file larger than filemax, plain fields larger
 * than fieldmax together, or more than 256 parts give VL_TOOBIG.  Before a
 * file part is stored, file_ok (unless NULL) sees the fields read so far;
 * when it returns 0 the parse stops with VL_FORBIDDEN, no file written. */
typedef long (*vl_reader)(void *arg, char *buf, size_t len);
enum vl_rc vl_parse_multipart(struct vl_pool *, const char *ctype, vl_reader, void *rdarg,
    const char *tmpdir, uint64_t filemax, size_t fieldmax,
    int (*file_ok)(void *, const struct vl_pair *), void *okarg,
    struct vl_pair **pairs, struct vl_upload **uploads);

/* Streams a raw body (one file, no envelope) through rd to a temp file;
 * more than max bytes gives VL_TOOBIG.  *uploads gets the one upload. */
enum vl_rc vl_read_raw(struct vl_pool *, vl_reader, void *rdarg, const char *tmpdir,
    uint64_t max, const char *filename, const char *ctype, struct vl_upload **uploads);

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
	enum vl_rc		(*get)(struct vl_req *);
	enum vl_rc		(*post)(struct vl_req *);
};

struct vl_sess {
	char		 token[44];	/* raw cookie value */
	int		 client;	/* a client's session (cookie "cid") */
	int64_t		 firm_id;
	int64_t		 user_id;	/* firm user, or 0 */
	int64_t		 contact_id;	/* client contact, or 0 */
	char		*firm_slug;	/* clients only */
	char		*firm_name;
	char		*user_email;
	char		*user_name;
	char		*role;
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
	struct vl_sess		*sess;		/* NULL when signed out */
	struct vl_ctx		*ctx;		/* who acts, for domain calls */
	char			 precsrf[65];	/* CSRF for signed-out forms */
	uint64_t		 unread;	/* body bytes left unread */
	int			 sent;		/* response started */
	int			 csrf_ok;	/* the POST's CSRF token passed */
	int			 status;
	struct vl_buf		 hdr;		/* extra headers */
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
/* Handles one request with the given transport (exposed for tests). */
void	 vl_req_handle(const struct vl_app *, struct vl_req *);

/* ---- out.c: status, headers, cookies, pages ---- */
int	 vl_rc_status(enum vl_rc);
void	 vl_out_header(struct vl_req *, const char *name, const char *value);
void	 vl_out_cookie(struct vl_req *, const char *name, const char *value, int session_only);
void	 vl_out_cookie_clear(struct vl_req *, const char *name);
/* Full response: status, security headers, extra headers, content type, body. */
void	 vl_out_send(struct vl_req *, int status, const char *ctype, const char *body, size_t len);
void	 vl_out_redirect(struct vl_req *, const char *location);
/* Sends the file at path as a download named filename (Content-Disposition
 * attachment, sandboxed); VL_DECLINED if the file is missing. */
enum vl_rc vl_out_file(struct vl_req *, const char *path, const char *mime, const char *filename);
/* The error page for rc (from templates, falling back to a built-in one). */
void	 vl_out_error(struct vl_req *, enum vl_rc, const char *message);
/* Name of a cookie with the configured prefix ("__Host-sid" or "sid"). */
const char *vl_cookie_name(const char *base);

/* ---- tpl.cc: ctemplate behind a C face ---- */
struct vl_tpl;
enum vl_tpl_rc { VL_TPL_OK = 0, VL_TPL_NOTFOUND, VL_TPL_SYNTAX, VL_TPL_EXPAND, VL_TPL_NOMEM };
enum vl_tpl_strip { VL_TPL_HTML, VL_TPL_TEXT };
int	 vl_tpl_init(const char *site_dir, const char *default_dir);
void	 vl_tpl_reload(void);
void	 vl_tpl_shutdown(void);
struct vl_tpl *vl_tpl_new(void);		/* root dictionary */
void	 vl_tpl_free(struct vl_tpl *);		/* roots only */
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
/* Renders file with d and sends it (200), or the error page; frees d. */
enum vl_rc vl_page_send(struct vl_req *, const char *file, struct vl_tpl *d);
/* A notice shown after a change: when code (from the redirect's ?notice=)
 * is one of the page's codes, shows section NOTICE and in it the section
 * named by the code in capitals, whose text the template holds (admins edit
 * it there); other codes show nothing. */
void	 vl_page_notice(struct vl_tpl *d, const char *const *codes, size_t n, const char *code);
/* Same with a status other than 200. */
enum vl_rc vl_page_send_status(struct vl_req *, int status, const char *file, struct vl_tpl *d);
/* An "Are you sure...?" page (confirm.tpl) in page d: a form that posts
 * fields (name, value pairs ending in NULL) with the CSRF token to action,
 * and a Cancel link back.  Sent like vl_page_send; frees d. */
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
/*
 * Prepares a statement's text on the connection and compares its
 * placeholders and result columns with the declaration.  VL_OK; VL_INVALID
 * with the reason in err when it does not prepare or does not match;
 * VL_ERR when the database cannot be reached.  For `vellumctl check-sql`.
 */
enum vl_rc vl_db_check(enum vl_stmt, struct vl_buf *err);
struct vl_rows;
/* Connects (lazily; reconnects after a server restart).  VL_OK or VL_ERR. */
enum vl_rc vl_db_open(void);
void	 vl_db_close(void);
/*
 * Binds parameters by a type string: 'i' int64_t, 's' const char * (NULL gives
 * SQL NULL), 'b' const void * then size_t.  Results likewise, with pointers:
 * 'i' int64_t *, 's' char ** (pool copy, NULL for SQL NULL).  Type strings
 * that differ from the statement's declaration are an error (VL_ERR, or -1
 * from vl_db_next), logged with the statement's name; nothing is bound.
 */
enum vl_rc vl_db_exec(enum vl_stmt, uint64_t *affected, uint64_t *insert_id, const char *types, ...);
enum vl_rc vl_db_query(struct vl_pool *, enum vl_stmt, struct vl_rows **, const char *types, ...);
/* Fetches the next row into the pointers; 1 row, 0 end, -1 error. */
int	 vl_db_next(struct vl_rows *, const char *types, ...);
void	 vl_db_rows_free(struct vl_rows *);
/* How many rows a query returned (its result is stored whole). */
size_t	 vl_db_count(const struct vl_rows *);
/* Queries and fetches the first row only; VL_DECLINED when none. */
enum vl_rc vl_db_row(struct vl_pool *, enum vl_stmt, const char *ptypes, const char *rtypes, ...);
enum vl_rc vl_db_begin(void);
enum vl_rc vl_db_commit(void);
void	 vl_db_rollback(void);
int	 vl_db_in_tx(void);
/* Runs raw SQL text (migrations only: never with user input). */
enum vl_rc vl_db_script(const char *sql, struct vl_buf *err);
/* 1 if the request connection would run several statements in one text
 * (it never should: only vl_db_script does, on a connection of its own). */
int	 vl_db_multi_statements(void);
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
/* Loads the firm session named by the cookie into req->sess, extending it. */
enum vl_rc vl_sess_load(struct vl_req *);
/* The same for a client's session (cookie "cid"). */
enum vl_rc vl_sess_load_client(struct vl_req *);
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
/* CSRF token for a secret value (session token or pre-session cookie). */
void	 vl_csrf_token(const char *secret, char out[65]);
/* The token forms must carry for req; sets the pre-session cookie if needed. */
const char *vl_csrf_for(struct vl_req *);
/* 1 if the POST carries the right token. */
int	 vl_csrf_check(struct vl_req *);

/* ---- notify.c: the transactional outbox ---- */
/* The kinds of mail: each name is its templates' (templates/mail/<name>.*)
 * and the outbox's kind column; vl_mail_keys[] lists, for each, the
 * payload keys its templates need. */
enum vl_mail_kind {
	VL_MAIL_PASSWORD_RESET,		/* link, minutes */
	VL_MAIL_PASSWORD_CHANGED,	/* email, what, link */
	VL_MAIL_INVITATION,		/* name, matter, link */
	VL_MAIL_CLIENT_RESET,		/* link */
	VL_MAIL_CLIENT_ITEMS,		/* matter, what, when, link (coalesced) */
	VL_MAIL_FIRM_ITEMS,		/* matter, who, what, when, link (coalesced) */
	VL_MAIL_KIND__MAX
};
extern const char *const vl_mail_kinds[VL_MAIL_KIND__MAX];
/* Each kind's payload keys, a list ending in NULL. */
extern const char *const *const vl_mail_keys[VL_MAIL_KIND__MAX];
/* The kind named name, or VL_MAIL_KIND__MAX for none. */
enum vl_mail_kind vl_mail_kind_of(const char *name);
/* Queues a mail of kind to recipient; payload is urlencoded template data
 * with every key of the kind (else VL_ERR, logged, nothing queued). */
enum vl_rc vl_notify(int64_t firm_id, enum vl_mail_kind, const char *recipient,
	    const char *payload);
/* The same, giving the outbox row's id (for rows that others follow). */
enum vl_rc vl_notify_id(int64_t firm_id, enum vl_mail_kind, const char *recipient,
	    const char *payload, int64_t *id);
/* Queues payload into recipient's open window of kind (one mail per window). */
enum vl_rc vl_notify_coalesced(struct vl_pool *, int64_t firm, enum vl_mail_kind,
	    const char *recipient, const char *payload);

/* ---- matter.c: the frame of every matter page ---- */
struct vl_matter {
	int64_t	 id, client_id;
	char	*number, *description, *status, *client, *opened;
};
/* Loads matter id of the acting firm; VL_DECLINED when it has none such. */
enum vl_rc vl_matter_load(struct vl_ctx *, int64_t id, struct vl_matter *m);
/* VL_OK if folder (0: the top level) is a folder of matter; else VL_DECLINED. */
enum vl_rc vl_matter_folder(struct vl_ctx *, int64_t matter, int64_t folder);
/* Fills d's MATTER_TABS include (number, description, subtabs, current marked). */
void	 vl_matter_frame(struct vl_pool *, struct vl_tpl *d, const struct vl_matter *m,
	    const char *current);
/* An "Are you sure...?" page (vl_page_confirm) titled "title · number" in
 * the frame of matter m with subtab current marked.  Sent; VL_OK or VL_ERR. */
enum vl_rc vl_matter_confirm(struct vl_req *, const struct vl_matter *m, const char *current,
	    const char *title, const struct vl_confirm *c);

/* ---- store.c: documents on disk under opaque names ---- */
/* Moves a finished temp file into the store for firm; key gets its 64-hex
 * name ("" on failure).  Records the key as an upload in flight first, in
 * a transaction of its own: call it outside any transaction.  VL_OK, or
 * VL_ERR with nothing left behind. */
enum vl_rc vl_store_put(int64_t firm, const char *tmp_path, char key[65]);
/* Inside the transaction that records the document: ends key's upload in
 * flight.  VL_ERR if the sweep took it for a dead one meanwhile. */
enum vl_rc vl_store_claim(int64_t firm, const char *key);
/* After a rollback: removes key's file and its upload in flight ("" or
 * NULL: nothing).  Never after a failed COMMIT, whose rows may exist: the
 * sweep decides those. */
void	 vl_store_discard(int64_t firm, const char *key);
/* The file's path for key; VL_INVALID for a malformed key. */
enum vl_rc vl_store_path(const char *key, char *out, size_t n);
/* Removes a stored file (after its row is gone). */
void	 vl_store_remove(const char *key);
/* The content's MIME type, sniffed with libmagic (valid until the next call). */
const char *vl_store_sniff(const char *path);
/* What a sweep removed. */
struct vl_sweep {
	int64_t	 temps;		/* temp files of uploads whose program died */
	int64_t	 pending;	/* uploads in flight for longer than the grace */
	int64_t	 orphans;	/* stored files no document or upload names */
};
/* Removes what dead uploads left: temp files untouched for grace seconds,
 * uploads pending for longer than grace (with their files) and stored files
 * that no row names.  A stored file whose document exists is never touched.
 * Needs write access to the store and temp directories.  VL_OK or VL_ERR. */
enum vl_rc vl_store_sweep(struct vl_pool *, int64_t grace, struct vl_sweep *);

/* ---- portal.c: who is told what about portal items ---- */
/* What happened in a portal (F-B9); the names are what the events table
 * stores (a statement may write one too: 'read_message'). */
enum vl_portal_event_kind {
	VL_EV_READ_MESSAGE,
	VL_EV_READ_DOCUMENT,
	VL_EV_PARTICIPANT_ADDED,
	VL_EV_PARTICIPANT_REMOVED,
	VL_EV_LOGIN_EMAIL_CHANGED,
	VL_EV_SHARED,
	VL_EV_UNSHARED,
	VL_EV_MOVED_INTO_SHARE,
	VL_EV_MOVED_OUT_OF_SHARE,
	VL_EV__MAX
};
extern const char *const vl_portal_events[VL_EV__MAX];
/* Records a portal event of kind (F-B9); contact 0 for none.  VL_ERR for a
 * kind out of range. */
enum vl_rc vl_portal_event(int64_t firm, int64_t portal, enum vl_portal_event_kind,
	    int64_t contact, const char *detail);
/* What an event of the stored kind says after the person's name ("read a
 * message"); an unknown name as it is. */
const char *vl_portal_event_text(const char *name);
/* What the portal lets its clients see (F-B1), one switch each: the kind
 * of a new item, and the permission boxes.  The names are those of the
 * form's perm_<name> boxes. */
enum vl_portal_perm { VL_PERM_MESSAGES, VL_PERM_DOCUMENTS, VL_PERM__MAX };
extern const char *const vl_portal_perms[VL_PERM__MAX];
/* Sets the portal's permissions (on[] 0 or 1 each) and audits it.
 * VL_OK or VL_ERR. */
enum vl_rc vl_portal_set_perms(struct vl_ctx *, int64_t matter, int64_t portal,
	    const int on[VL_PERM__MAX]);
/* Opens the portal of matter m (F-B1) with the matter's client taking
 * part, for good.  VL_OK, also when it was open already; VL_ERR. */
enum vl_rc vl_portal_open(struct vl_ctx *, const struct vl_matter *m);
/* Adds contact to portal (add 1) or removes it (0), which ends its
 * sessions and open links at once; a portal event and the audit row.
 * VL_DECLINED for no such contact of the firm (or one not taking part). */
enum vl_rc vl_portal_participant(struct vl_ctx *, int64_t portal, int64_t contact, int add);
/* Tells each participant of portal but except (a contact, or 0) about a new
 * item of kind: nothing at all when the portal's permissions keep that kind
 * from its clients; else an invitation for those without an account, and a
 * coalesced mail for the others.  Call inside the transaction. */
enum vl_rc vl_portal_tell_clients(struct vl_ctx *, int64_t portal, int64_t matter_id,
	    const char *matter, enum vl_portal_perm kind, const char *what, int64_t except);
/* Tells the firm users of portal that a client (the acting contact, named
 * in the mail) wrote: the matter's responsible users and those who took
 * part, less those who muted it. */
enum vl_rc vl_portal_tell_firm(struct vl_ctx *, int64_t portal, int64_t matter_id,
	    const char *matter, const char *what);
/* 1 if this GET is the client's own navigation (same origin, or typed, or
 * bookmarked), so showing an item may count as reading it; 0 for a link
 * from another site. */
int	 vl_portal_own_navigation(struct vl_req *);
/* Fills the portal page's email panel for the acting firm user: MUTED
 * or UNMUTED, and the matter's responsible users (RESPONSIBLE rows with
 * NAME, or NO_RESPONSIBLE).  VL_OK or VL_ERR. */
enum vl_rc vl_portal_email_panel(struct vl_ctx *, struct vl_tpl *, int64_t portal,
	    int64_t matter);

/* ---- audit.c: never fails the request; a lost row is logged ---- */
/* Records action by the acting firm user (nothing without a firm). */
void	 vl_audit(struct vl_ctx *, const char *action, const char *item, int64_t item_id);
/* Records action for an explicit firm and user (0: none), e.g. failed sign-ins. */
void	 vl_audit_as(struct vl_ctx *, int64_t firm_id, int64_t user_id, const char *action,
	    const char *item, int64_t item_id);

/* ---- tz.c: times for people, in the firm's time zone, the zone named ---- */
/* 1 if zone names a zone file of the tz database ("America/New_York"). */
int	 vl_tz_valid(const char *zone);
/* utc (seconds since 1970) in zone, as "Nov 22, 2026 9:14 AM EST", or with
 * the zone's name in brackets when its abbreviation is only an offset; an
 * unknown zone gives UTC, named.  The string lives in the pool. */
char	*vl_tz_fmt(struct vl_pool *, const char *zone, int64_t utc);
/* The local date only: "Nov 22, 2026". */
char	*vl_tz_date(struct vl_pool *, const char *zone, int64_t utc);
/* Read receipts as stored ("<epoch> <name>" entries joined by 0x1E) as
 * "<name> <time>; ..."; malformed entries are dropped. */
char	*vl_tz_readers(struct vl_pool *, const char *zone, const char *stored);
/* The acting firm's zone (clients' too), read once into c->zone; "UTC"
 * without a firm or on error.  Lives in c's pool. */
const char *vl_tz_firm(struct vl_ctx *c);
/* vl_tz_fmt() in the acting firm's zone. */
char	*vl_tz_when(struct vl_ctx *, int64_t utc);

/* ======== documents and shares (doc.c, share.c) ======== */
/* ---- doc.c: documents and folders of a matter ---- */
/* An upload stored for a document not yet recorded. */
struct vl_stored {
	char		 key[65];	/* "" until stored */
	char		*name, *mime;	/* in the request's pool */
	uint64_t	 size;
};
/* Sniffs, names and stores upload u for the acting firm (outside any
 * transaction).  VL_OK or VL_ERR; s->key stays "" unless stored. */
enum vl_rc vl_doc_store(struct vl_ctx *, const struct vl_upload *u, struct vl_stored *s);
/* Inside a transaction: records stored upload s as a document of matter
 * (folder 0: top level); uploaded_by is a firm user's id or 0. */
enum vl_rc vl_doc_record(struct vl_ctx *, int64_t matter, int64_t folder,
	    const struct vl_stored *s, int64_t uploaded_by, int64_t *doc_id);
/* Ends a failed upload: rolls back, then discards the n stored files, but
 * keeps them when the COMMIT itself failed (at_commit): its rows may exist,
 * and the sweep tells.  Returns rc, or VL_ERR for VL_OK. */
enum vl_rc vl_doc_abandon(struct vl_ctx *, struct vl_stored *s, size_t n, int at_commit,
	    enum vl_rc rc);
/* Inside a transaction, after documents were added to folder of matter m:
 * if the folder lies in a shared folder, tells the portal's clients of n
 * new documents (coalesced like messages). */
enum vl_rc vl_doc_tell_shared(struct vl_ctx *, const struct vl_matter *m, int64_t folder, int n);
/* Deletes a document or a folder (kind "document" or "folder") with all it
 * holds, deepest folder first, ending their shares; files leave the disk
 * after the commit.  VL_DECLINED if the matter has no such item. */
enum vl_rc vl_doc_delete(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id);
/* Moves a document or folder to target (0: top level); a move that makes it
 * shared or unshared through a shared folder is a portal event, and the
 * clients are told of a newly shared one.  VL_CONFLICT for a folder moved
 * into itself; VL_DECLINED if the matter has no such item. */
enum vl_rc vl_doc_move(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id,
	    int64_t target);

/* ---- share.c: sharing into the portal, and ending shares ---- */
/* Shares a document or folder of m into its portal (tells the clients).
 * VL_CONFLICT when the portal is not open; VL_DECLINED when no such item. */
enum vl_rc vl_share_add(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id);
/* Stops sharing a document or folder of m: every live share of it, made
 * directly or with messages.  VL_DECLINED if it had none. */
enum vl_rc vl_share_stop(struct vl_ctx *, const struct vl_matter *m, int doc, int64_t id);
/* The same by the id of one of its shares in portal. */
enum vl_rc vl_share_stop_id(struct vl_ctx *, const struct vl_matter *m, int64_t portal,
	    int64_t share);
/* Inside a transaction: a message's attachment (document or folder) is a
 * share tied to the message. */
enum vl_rc vl_share_attach(struct vl_ctx *, int64_t portal, int64_t message, int64_t doc,
	    int64_t folder, int64_t shared_by);
/* Deletes a message of portal and ends the shares it made. */
enum vl_rc vl_share_delete_message(struct vl_ctx *, int64_t portal, int64_t message);
/* The name of a document (doc 1) or folder of matter, in c's pool; NULL
 * when the matter has no such item. */
const char *vl_share_item_name(struct vl_ctx *, int64_t matter, int doc, int64_t id);

/* ---- msg.c: messages in a matter's portal ---- */
/* A message to post: its text and at most one attachment. */
struct vl_msg_new {
	const char		*body;		/* NULL or "": none */
	int64_t			 doc, folder;	/* of the matter, or 0 (firm users only) */
	const struct vl_upload	*upload;	/* a new upload, or NULL */
};
/*
 * Posts a message by the acting firm user or client contact into the
 * portal of matter: the message, its attachment's share, the mails to the
 * other side (F-B8) and the audit row, in one transaction; a new upload
 * is recorded as a document (a client's in "Client uploads").  VL_OK;
 * VL_INVALID with *why for the person (nothing to send, or more than one
 * attachment); VL_DECLINED for no such matter, portal or attachment;
 * VL_FORBIDDEN for a client the portal keeps from writing; VL_ERR.
 */
enum vl_rc vl_msg_post(struct vl_ctx *, int64_t matter, const struct vl_msg_new *,
	    const char **why);

/* ---- signin.c: sign-in attempts, counted before the password is checked ---- */
/* Who signed in, and the new session's token (for vl_sess_adopt). */
struct vl_signed_in {
	int64_t	 firm, account;
	char	 token[44];
	int	 step;		/* enum vl_signin_step (twofactor.h): 0 signed in */
};
/*
 * Signs in a firm user (slug unused) or a client of the firm at slug with
 * the typed email (normalised here) and pw, from c->remote.  The attempt is
 * counted per account and address, and per account, before the password is
 * verified; failures and pauses are audited.  On success, in one
 * transaction: the counters cleared, the account's open reset links voided,
 * a new session (agent: the User-Agent, or NULL) and the audit row.  An
 * account with two-factor sign-in (or a firm user whose firm requires it)
 * gets no session yet: out->step says which second step follows and
 * out->token is its pending token (twofactor.h).
 * VL_OK with *out filled; VL_DECLINED when the password is wrong, the
 * account unknown or paused (one verification's time each: answer them
 * alike); VL_ERR.
 */
enum vl_rc vl_signin(struct vl_ctx *, enum vl_signin_kind, const char *slug, const char *email,
	    const char *pw, const char *agent, struct vl_signed_in *out);
/* What a refused sign-in says, firm side and client side, whatever the
 * reason (wrong password, unknown email, paused): one text, so the answer
 * tells nothing. */
extern const char vl_signin_refused[];
/* ---- account.c: login emails, reset and invitation links, the way back ---- */
/* Makes email (typed; normalised here) the login email of the acting
 * firm's contact: one of its addresses that no other contact of the firm
 * signs in with.  Ends its sessions, voids its open links and records the
 * change in each of its portals, in one transaction.  VL_OK (also when
 * unchanged), VL_INVALID or VL_CONFLICT with *msg for the person, VL_DECLINED
 * for no such contact, VL_ERR. */
enum vl_rc vl_account_set_login(struct vl_ctx *, int64_t contact, const char *email,
	    const char **msg);
/* Ends contact's sessions, voids its open invitation and reset links and
 * parks their mails not yet sent (inside the caller's transaction). */
enum vl_rc vl_account_revoke(int64_t firm, int64_t contact);
/* Queues a mail of kind (invitation, client_reset) with a new single-use
 * link, to contact's login email as stored; payload gets the link.  Inside
 * the caller's transaction.  VL_DECLINED if the contact has no login email. */
enum vl_rc vl_account_link(struct vl_ctx *, int64_t firm, int64_t contact, enum vl_mail_kind,
	    struct vl_buf *payload);
/* A client's "Forgot password?" at the firm slug: a link to the stored login
 * email if the typed one (normalised) belongs to an account there.  VL_OK
 * whether or not it does; VL_INVALID when typed is not an email; VL_ERR. */
enum vl_rc vl_account_client_forgot(struct vl_ctx *, const char *slug, const char *typed);
/* Queues the "your password was changed" mail to email (the stored address);
 * slug for a client's account, NULL for a firm user's; first: newly set. */
enum vl_rc vl_account_password_changed(struct vl_ctx *, int64_t firm, const char *email,
	    const char *slug, int first);
/* The mailer is about to send notification of kind: a link it carries
 * starts its hour now.  Never fails the send (a lost update is logged). */
void	 vl_account_mail_sending(const char *kind, int64_t notification);
/* next if it is a path of this site fit to return to after sign-in (clients:
 * under /portal/; firm users: anywhere else), else NULL. */
const char *vl_next_safe(const char *next, int client);
/* Where a signed-out GET of a page that needs a session is sent: the sign-in
 * page (the firm's own for a client's matter page) with next=this page.
 * In the request's pool. */
char	*vl_signin_url(struct vl_req *);

/* ---- housekeep.c: periodic sweeps (the mailer runs them) ---- */
/* Purges what has expired (sessions, ...); failures are logged, not returned.
 * pool is for the sweeps' scratch memory; the caller resets it after. */
void	 vl_housekeeping(struct vl_pool *);

#ifdef __cplusplus
}
#endif
#endif
