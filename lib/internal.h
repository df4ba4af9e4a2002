/*
 * The library's own declarations: the front door's parts (parsers, the
 * request handler, session loading), process set-up (templates, the
 * connection, the configuration parser) and the data layer's checks.
 * lib/, bin/ and the tests include this; programs in cgi-bin/ never need it.
 */
#ifndef VL_INTERNAL_H
#define VL_INTERNAL_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*vl_log_sink)(void *arg, const char *line, size_t len);

/* Directs lines to sink (NULL: stderr) and sets the request context. */
void	 vl_log_context(vl_log_sink, void *arg, const char *reqid, const char *remote);
/* Sets only the request id and remote address of later lines. */
void	 vl_log_ids(const char *reqid, const char *remote);

/* Parses text into c; unknown keys and bad values are errors. */
enum vl_rc vl_conf_parse(struct vl_conf *c, const char *text, struct vl_buf *err);
/* Sets every key to its default (string fields must be free or NULL). */
void	 vl_conf_defaults(struct vl_conf *);
/* Frees the strings of c. */
void	 vl_conf_free(struct vl_conf *);
/* Makes the loaded configuration's store and tmp (0700) when missing, and
 * checks that both are directories on one file system and, when webroot
 * is given (a CGI's DOCUMENT_ROOT), that neither they nor the
 * configuration file are under it.  VL_OK, or VL_ERR with the reason in
 * err. */
enum vl_rc vl_conf_dirs(const char *webroot, struct vl_buf *err);

/* Decodes a=b&c=d into a list in the pool; returns VL_OK or VL_INVALID. */
enum vl_rc vl_parse_urlencoded(struct vl_pool *, const char *, size_t, struct vl_pair **);
/* Parses a Cookie header ("a=b; c=d"). */
enum vl_rc vl_parse_cookies(struct vl_pool *, const char *, struct vl_pair **);

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

/* Handles one request with the given transport (exposed for tests). */
void	 vl_req_handle(const struct vl_app *, struct vl_req *);

int	 vl_tpl_init(const char *site_dir, const char *default_dir);
/* Marks the templates for a check of their files at their next use, at
 * most once a second (vl_tpl_reload; _at with the time in ms, for tests),
 * or at once (vl_tpl_reload_now). */
void	 vl_tpl_reload(void);
void	 vl_tpl_reload_at(long long now_ms);
void	 vl_tpl_reload_now(void);
/* Drops file's parsed copy: its next use reads the file again, whatever
 * its mtime (ctemplate's reload compares whole seconds only). */
void	 vl_tpl_forget(const char *file);
void	 vl_tpl_shutdown(void);

/*
 * Prepares a statement's text on the connection and compares its
 * placeholders and result columns with the declaration.  VL_OK; VL_INVALID
 * with the reason in err when it does not prepare or does not match;
 * VL_ERR when the database cannot be reached.  For `vellumctl check-sql`.
 */
enum vl_rc vl_db_check(enum vl_stmt, struct vl_buf *err);

/*
 * on: the process serves one request (plain CGI), so a statement runs about
 * once: its first run is prepared and executed in one round trip and
 * carries the session's settings itself, and the connection is opened
 * without a SET of its own.  Off (the default): prepared once, executed
 * many times, on a connection set up at connect.  Call before the first
 * statement.
 */
void	 vl_db_once(int on);
/* 1 under plain CGI (vl_db_once): a process serves one request, so what
 * a FastCGI process keeps in memory is kept in files (lib/pagefile.h). */
int	 vl_db_is_once(void);
/* Connects (lazily; reconnects after a server restart).  VL_OK or VL_ERR. */
enum vl_rc vl_db_open(void);
void	 vl_db_close(void);

/* Runs raw SQL text (migrations only: never with user input). */
enum vl_rc vl_db_script(const char *sql, struct vl_buf *err);
/* 1 if the request connection would run several statements in one text
 * (it never should: only vl_db_script does, on a connection of its own). */
int	 vl_db_multi_statements(void);

/* Loads the firm session named by the cookie into req->sess, extending it. */
enum vl_rc vl_sess_load(struct vl_req *);
/* The same for a client's session (cookie "cid"). */
enum vl_rc vl_sess_load_client(struct vl_req *);
/* For a page that checks the session in its own statement: the cookie's
 * key and the limits into req->ctx->join.  VL_OK, or VL_DECLINED: no
 * well-formed cookie (signed out). */
enum vl_rc vl_sess_defer(struct vl_req *);
/* The session a joined statement found (j->found) becomes req's, extended
 * when due.  VL_OK or VL_ERR. */
enum vl_rc vl_sess_take(struct vl_req *, struct vl_sess_join *);

/* CSRF token for a secret value (session token or pre-session cookie). */
void	 vl_csrf_token(const char *secret, char out[65]);

/* Bytes currently held by the pool (for tests and stats). */
size_t	 vl_pool_used(const struct vl_pool *);

#ifdef __cplusplus
}
#endif
#endif
