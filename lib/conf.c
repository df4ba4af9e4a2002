/*
 * Configuration: a file of "key = value" lines, read with libinih.  A line
 * that starts with '#' or ';' is a comment, and so is the rest of a line
 * from a '#' or ';' that follows a blank.  A value in double quotes is
 * taken as written, blanks, '#' and ';' included (\" and \\ inside stand
 * for " and \): hosting panels make passwords like "a #b;c".  Every key is
 * declared in one table with its type; unknown keys are errors so that a
 * typo cannot silently leave a default in force.
 */
#include <sys/stat.h>

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>
#include <sodium.h>

#include "vellum.h"
#include "internal.h"

#ifndef VL_DEFAULT_CONF
#define VL_DEFAULT_CONF "/etc/vellum/vellum.conf"
#endif

struct vl_conf vl_conf;

/* The file vl_conf came from (absolute when it could be resolved). */
static char *conf_path;

enum ktype { K_STR, K_INT };

static const struct key {
	const char	*name;
	enum ktype	 type;
	size_t		 off;
	int64_t		 min, max;
} keys[] = {
	{ "db_socket", K_STR, offsetof(struct vl_conf, db_socket), 0, 0 },
	{ "db_host", K_STR, offsetof(struct vl_conf, db_host), 0, 0 },
	{ "db_port", K_INT, offsetof(struct vl_conf, db_port), 0, 65535 },
	{ "db_user", K_STR, offsetof(struct vl_conf, db_user), 0, 0 },
	{ "db_password", K_STR, offsetof(struct vl_conf, db_password), 0, 0 },
	{ "db_name", K_STR, offsetof(struct vl_conf, db_name), 0, 0 },
	{ "templates", K_STR, offsetof(struct vl_conf, templates), 0, 0 },
	{ "site_templates", K_STR, offsetof(struct vl_conf, site_templates), 0, 0 },
	{ "secret", K_STR, offsetof(struct vl_conf, secret_hex), 0, 0 },
	{ "base_url", K_STR, offsetof(struct vl_conf, base_url), 0, 0 },
	{ "smtp_url", K_STR, offsetof(struct vl_conf, smtp_url), 0, 0 },
	{ "smtp_user", K_STR, offsetof(struct vl_conf, smtp_user), 0, 0 },
	{ "smtp_password", K_STR, offsetof(struct vl_conf, smtp_password), 0, 0 },
	{ "mail_from", K_STR, offsetof(struct vl_conf, mail_from), 0, 0 },
	{ "store", K_STR, offsetof(struct vl_conf, store), 0, 0 },
	{ "tmp", K_STR, offsetof(struct vl_conf, tmp), 0, 0 },
	{ "session_idle", K_INT, offsetof(struct vl_conf, session_idle), 1, 86400 },
	{ "session_max", K_INT, offsetof(struct vl_conf, session_max), 1, 7 * 86400 },
	{ "reset_ttl", K_INT, offsetof(struct vl_conf, reset_ttl), 1, 86400 },
	{ "cookie_secure", K_INT, offsetof(struct vl_conf, cookie_secure), 0, 1 },
	{ "log_level", K_INT, offsetof(struct vl_conf, log_level), 0, VL_LOG__MAX - 1 },
	{ "mail_max_attempts", K_INT, offsetof(struct vl_conf, mail_max_attempts), 1, 100 },
	{ "mail_backoff_base", K_INT, offsetof(struct vl_conf, mail_backoff_base), 1, 3600 },
	{ "mail_lease", K_INT, offsetof(struct vl_conf, mail_lease), 10, 86400 },
	{ "notify_window", K_INT, offsetof(struct vl_conf, notify_window), 1, 3600 },
	{ "auth_limit", K_INT, offsetof(struct vl_conf, auth_limit), 1, 1000000 },
	{ "auth_window", K_INT, offsetof(struct vl_conf, auth_window), 1, 86400 },
	{ "development", K_INT, offsetof(struct vl_conf, development), 0, 1 },
	{ "magic", K_STR, offsetof(struct vl_conf, magic), 0, 0 },
	{ "smtp_ca_file", K_STR, offsetof(struct vl_conf, smtp_ca_file), 0, 0 },
	{ "stripe_api_base", K_STR, offsetof(struct vl_conf, stripe_api_base), 0, 0 },
	{ "page_check", K_INT, offsetof(struct vl_conf, page_check), 0, 1 },
};

void
vl_conf_free(struct vl_conf *c)
{
	size_t	 i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].type == K_STR) {
			char **p = (char **)((char *)c + keys[i].off);
			free(*p);
			*p = NULL;
		}
}

void
vl_conf_defaults(struct vl_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->db_name = vl_xstrdup("vellum");
	c->db_user = vl_xstrdup("vellum");
	c->templates = vl_xstrdup("templates");
	c->base_url = vl_xstrdup("http://127.0.0.1:8080");
	c->smtp_url = vl_xstrdup("smtp://127.0.0.1:25");
	c->mail_from = vl_xstrdup("portal@localhost");
	/* Beside the configuration file (vl_conf_load anchors them): never
	 * relative to a CGI program's working directory, which on a shared
	 * host is inside the web root. */
	c->store = vl_xstrdup("store");
	c->tmp = vl_xstrdup("tmp");
	c->session_idle = 30 * 60;
	c->session_max = 12 * 3600;
	c->reset_ttl = 30 * 60;
	c->cookie_secure = 1;
	c->log_level = VL_LOG_INFO;
	c->mail_max_attempts = 12;
	c->mail_backoff_base = 30;
	c->mail_lease = 30;
	c->notify_window = 60;
	c->auth_limit = 100;
	c->auth_window = 600;
	c->stripe_api_base = vl_xstrdup("https://api.stripe.com");
}

/* One parse: inih's reader and handler share it. */
struct parse {
	struct vl_conf	*c;
	const char	*p;		/* the text not yet read */
	int		 line;		/* the line last handed to inih */
	int		 errline;	/* the first error's line; 0: none yet */
	struct vl_buf	*why;		/* that error */
	struct vl_buf	 quoted;	/* the line's value, when it was quoted */
	int		 has_quoted;
};

/* Records the first error, on the line being read. */
static enum vl_rc
fail(struct parse *ps, const char *msg)
{
	if (ps->errline == 0) {
		ps->errline = ps->line;
		vl_buf_addf(ps->why, "line %d: %s", ps->line, msg);
	}
	return VL_INVALID;
}

static char *
xstrndup(const char *s, size_t n)
{
	char	*p = vl_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static enum vl_rc
set_key(struct parse *ps, const char *k, const char *v)
{
	struct vl_conf	*c = ps->c;
	struct vl_buf	 msg = VL_BUF_INIT;
	size_t		 i, n;
	int64_t		 num;
	const char	*h;
	char		*val;
	enum vl_rc	 rc;

	if (ps->has_quoted) {
		/* As written between the quotes (read_line decoded it). */
		v = vl_buf_str(&ps->quoted);
		n = ps->quoted.len;
	} else {
		/* inih ends a value at " ;"; a '#' after a blank ends it too,
		 * as the line comments of the file allow both. */
		for (h = v; (h = strchr(h, '#')) != NULL; h++)
			if (h == v || h[-1] == ' ' || h[-1] == '\t')
				break;
		n = h ? (size_t)(h - v) : strlen(v);
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
			n--;
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].name, k) != 0)
			continue;
		if (keys[i].type == K_STR) {
			char **dst = (char **)((char *)c + keys[i].off);
			free(*dst);
			*dst = xstrndup(v, n);
			return VL_OK;
		}
		val = xstrndup(v, n);
		rc = vl_strtonum(val, keys[i].min, keys[i].max, &num);
		free(val);
		if (rc != VL_OK) {
			vl_buf_addf(&msg, "%s must be a number from %lld to %lld", k,
			    (long long)keys[i].min, (long long)keys[i].max);
			fail(ps, vl_buf_str(&msg));
			vl_buf_release(&msg);
			return VL_INVALID;
		}
		*(int64_t *)((char *)c + keys[i].off) = num;
		return VL_OK;
	}
	vl_buf_addf(&msg, "unknown key \"%s\"", k);
	fail(ps, vl_buf_str(&msg));
	vl_buf_release(&msg);
	return VL_INVALID;
}

/* inih's handler: 1 to go on, 0 for an error. */
static int
on_key(void *arg, const char *section, const char *name, const char *value)
{
	(void)section;		/* always "": the reader refuses sections */
	return set_key(arg, name, value) == VL_OK;
}

/*
 * A value that opens with '"' (after "key =" and blanks) is read here, not
 * by inih, which would end it at " ;": decoded into ps->quoted up to its
 * closing quote, after which only blanks or a comment may follow.  buf
 * keeps "key =" for inih.  0 on success, -1 after recording the error.
 */
static int
unquote(struct parse *ps, char *buf)
{
	char	*eq, *p;

	ps->has_quoted = 0;
	if (*buf == '#' || *buf == ';' || (eq = strchr(buf, '=')) == NULL)
		return 0;
	p = eq + 1 + strspn(eq + 1, " \t");
	if (*p != '"')
		return 0;
	vl_buf_reset(&ps->quoted);
	for (p++; *p != '"'; p++) {
		if (*p == '\0') {
			fail(ps, "a quoted value without its closing quote");
			return -1;
		}
		if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		vl_buf_addc(&ps->quoted, *p);
	}
	p++;
	p += strspn(p, " \t\r");
	if (*p != '\0' && *p != '#' && *p != ';') {
		fail(ps, "text after a quoted value's closing quote");
		return -1;
	}
	eq[1] = '\0';
	ps->has_quoted = 1;
	return 0;
}

/*
 * inih's reader: the next line of the text, counted, so every error names
 * its line.  Leading blanks go: inih would take an indented line for more
 * of the value before.  A line too long for inih's buffer (which would
 * split it) and a [section] are errors.  NULL at the end or after an error.
 */
static char *
read_line(char *buf, int size, void *arg)
{
	struct parse	*ps = arg;
	size_t		 n;

	if (*ps->p == '\0' || ps->errline != 0 || size < 2)
		return NULL;
	ps->line++;
	ps->p += strspn(ps->p, " \t");
	n = strcspn(ps->p, "\n");
	if (n > (size_t)size - 1) {
		vl_buf_addf(ps->why, "line %d: longer than %d characters", ps->line, size - 1);
		ps->errline = ps->line;
		return NULL;
	}
	memcpy(buf, ps->p, n);
	buf[n] = '\0';
	ps->p += n + (ps->p[n] == '\n');
	if (*buf == '[') {
		fail(ps, "sections are not used");
		return NULL;
	}
	if (unquote(ps, buf) != 0)
		return NULL;
	return buf;
}

enum vl_rc
vl_conf_parse(struct vl_conf *c, const char *text, struct vl_buf *err)
{
	struct vl_buf	 why = VL_BUF_INIT;
	struct parse	 ps = { c, text, 0, 0, &why, VL_BUF_INIT, 0 };
	enum vl_rc	 rc = VL_OK;
	int		 r;

	r = ini_parse_stream(read_line, &ps, on_key, &ps);
	/* inih's own error (no '=' on a line) is its line number; the first
	 * error of either kind is the one reported. */
	if (r > 0 && (ps.errline == 0 || r < ps.errline)) {
		vl_buf_reset(&why);
		vl_buf_addf(&why, "line %d: expected key = value", r);
	} else if (r < 0 && ps.errline == 0)
		vl_buf_adds(&why, "out of memory");
	if (r != 0 || ps.errline != 0) {
		vl_buf_adds(err, vl_buf_str(&why));
		rc = VL_INVALID;
	}
	vl_buf_release(&why);
	vl_buf_release(&ps.quoted);
	if (rc == VL_OK && c->secret_hex != NULL) {
		if (strlen(c->secret_hex) != 64 ||
		    sodium_hex2bin(c->secret, sizeof(c->secret), c->secret_hex,
		    64, NULL, NULL, NULL) != 0) {
			vl_buf_adds(err, "secret must be 64 hex characters");
			rc = VL_INVALID;
		}
	}
	return rc;
}

/* Makes *p, when relative, a path under dir. */
static void
anchor(char **p, const char *dir)
{
	struct vl_buf	 b = VL_BUF_INIT;

	if (**p == '/')
		return;
	vl_buf_addf(&b, "%s/%s", dir, *p);
	free(*p);
	*p = vl_xstrdup(vl_buf_str(&b));
	vl_buf_release(&b);
}

enum vl_rc
vl_conf_load(const char *path, struct vl_buf *err)
{
	struct vl_buf	 text = VL_BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;
	enum vl_rc	 rc;

	if (path == NULL && (path = getenv("VELLUM_CONF")) == NULL)
		path = VL_DEFAULT_CONF;
	vl_conf_free(&vl_conf);
	vl_conf_defaults(&vl_conf);
	if ((f = fopen(path, "r")) == NULL) {
		vl_buf_addf(err, "%s: %s", path, strerror(errno));
		return VL_ERR;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vl_buf_add(&text, chunk, n);
	fclose(f);
	free(conf_path);
	if ((conf_path = realpath(path, NULL)) == NULL)
		conf_path = vl_xstrdup(path);
	rc = vl_conf_parse(&vl_conf, vl_buf_str(&text), err);
	if (rc == VL_OK) {
		/*
		 * Every path is read from the config file's directory, never
		 * from a program's working directory (under CGI, the web
		 * root's cgi-bin/): an unpacked tarball's config can then say
		 * templates = templates wherever it lies.
		 */
		char	**paths[] = { &vl_conf.store, &vl_conf.tmp, &vl_conf.templates,
		    &vl_conf.site_templates, &vl_conf.magic, &vl_conf.smtp_ca_file };
		size_t	  i;

		for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
			char *d;

			/* An empty key past store and tmp stays empty (none). */
			if (*paths[i] == NULL || (i >= 2 && **paths[i] == '\0'))
				continue;
			d = vl_xstrdup(conf_path);
			anchor(paths[i], dirname(d));
			free(d);
		}
	}
	if (rc == VL_OK && vl_conf.secret_hex == NULL) {
		vl_buf_addf(err, "%s: no secret set", path);
		rc = VL_INVALID;
	} else if (rc != VL_OK) {
		struct vl_buf m = VL_BUF_INIT;
		vl_buf_addf(&m, "%s: %s", path, vl_buf_str(err));
		vl_buf_reset(err);
		vl_buf_adds(err, vl_buf_str(&m));
		vl_buf_release(&m);
	}
	vl_buf_release(&text);
	return rc;
}

/* 1 if path (resolved) is root or under it. */
static int
inside(const char *path, const char *root)
{
	char	*rp;
	size_t	 n = strlen(root);
	int	 in;

	if ((rp = realpath(path, NULL)) == NULL)
		return 0;
	while (n > 1 && root[n - 1] == '/')
		n--;
	in = strcmp(root, "/") == 0 ||
	    (strncmp(rp, root, n) == 0 && (rp[n] == '/' || rp[n] == '\0'));
	free(rp);
	return in;
}

enum vl_rc
vl_conf_dirs(const char *webroot, struct vl_buf *err)
{
	const char	*dirs[2] = { vl_conf.store, vl_conf.tmp };
	const char	*names[2] = { "store", "tmp" };
	struct stat	 st[2];
	char		*root = NULL;
	enum vl_rc	 rc = VL_ERR;
	size_t		 i;

	for (i = 0; i < 2; i++) {
		if (mkdir(dirs[i], 0700) == -1 && errno != EEXIST) {
			vl_buf_addf(err, "%s: cannot create %s: %s", names[i], dirs[i], strerror(errno));
			goto out;
		}
		if (stat(dirs[i], &st[i]) == -1 || !S_ISDIR(st[i].st_mode)) {
			vl_buf_addf(err, "%s: %s is not a directory", names[i], dirs[i]);
			goto out;
		}
	}
	/* A finished upload is renamed from tmp into the store. */
	if (st[0].st_dev != st[1].st_dev) {
		vl_buf_addf(err, "store (%s) and tmp (%s) are on different file systems; "
		    "put them on the same one", dirs[0], dirs[1]);
		goto out;
	}
	/* The web server would hand out what is under its document root. */
	if (webroot != NULL && *webroot != '\0' &&
	    (root = realpath(webroot, NULL)) != NULL) {
		for (i = 0; i < 2; i++)
			if (inside(dirs[i], root)) {
				vl_buf_addf(err, "%s (%s) is inside the web root (%s); "
				    "put it outside", names[i], dirs[i], root);
				goto out;
			}
		if (conf_path != NULL && inside(conf_path, root)) {
			vl_buf_addf(err, "the configuration file (%s) is inside the web "
			    "root (%s); put it outside", conf_path, root);
			goto out;
		}
	}
	rc = VL_OK;
out:
	free(root);
	return rc;
}
