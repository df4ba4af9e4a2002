/*
 * Configuration: a file of "key = value" lines; '#' starts a comment.
 * Every key is declared in one table with its type; unknown keys are errors
 * so that a typo cannot silently leave a default in force.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "vellum.h"

#ifndef VL_DEFAULT_CONF
#define VL_DEFAULT_CONF "/etc/vellum/vellum.conf"
#endif

struct vl_conf vl_conf;

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
	c->store = vl_xstrdup("var/store");
	c->tmp = vl_xstrdup("var/tmp");
	c->session_idle = 30 * 60;
	c->session_max = 12 * 3600;
	c->reset_ttl = 30 * 60;
	c->cookie_secure = 1;
	c->log_level = VL_LOG_INFO;
	c->mail_max_attempts = 12;
	c->mail_backoff_base = 30;
	c->mail_lease = 30;
	c->notify_window = 60;
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static enum vl_rc
set_key(struct vl_conf *c, const char *k, const char *v, struct vl_buf *err, int line)
{
	size_t	 i;
	int64_t	 n;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].name, k) != 0)
			continue;
		if (keys[i].type == K_STR) {
			char **dst = (char **)((char *)c + keys[i].off);
			free(*dst);
			*dst = vl_xstrdup(v);
			return VL_OK;
		}
		if (vl_strtonum(v, keys[i].min, keys[i].max, &n) != VL_OK) {
			vl_buf_addf(err, "line %d: %s must be a number from %lld to %lld",
			    line, k, (long long)keys[i].min, (long long)keys[i].max);
			return VL_INVALID;
		}
		*(int64_t *)((char *)c + keys[i].off) = n;
		return VL_OK;
	}
	vl_buf_addf(err, "line %d: unknown key \"%s\"", line, k);
	return VL_INVALID;
}

enum vl_rc
vl_conf_parse(struct vl_conf *c, const char *text, struct vl_buf *err)
{
	char	*copy, *line, *next, *eq;
	int	 n = 0;
	enum vl_rc rc = VL_OK;

	copy = vl_xstrdup(text);
	for (line = copy; line && rc == VL_OK; line = next) {
		n++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(line, '#')) != NULL)
			*eq = '\0';
		line = trim(line);
		if (*line == '\0')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			vl_buf_addf(err, "line %d: expected key = value", n);
			rc = VL_INVALID;
			break;
		}
		*eq = '\0';
		rc = set_key(c, trim(line), trim(eq + 1), err, n);
	}
	free(copy);
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
	rc = vl_conf_parse(&vl_conf, vl_buf_str(&text), err);
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
