/* Helpers of the database suites; see dbtest.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "dbtest.h"
#include "internal.h"

struct vl_pool	*dbt_pool;
int64_t		 dbt_firm;
char		 dbt_tag[12];

int
dbt_setup(const char *suite)
{
	struct vl_buf	 err = VL_BUF_INIT;
	unsigned char	 raw[4];

	vl_log_init(suite, VL_LOG_ERR);
	if (sodium_init() < 0 || vl_conf_load(NULL, &err) != VL_OK) {
		fprintf(stderr, "%s: %s\n", suite, vl_buf_str(&err));
		vl_buf_release(&err);
		return -1;
	}
	vl_buf_release(&err);
	randombytes_buf(raw, sizeof(raw));
	vl_hex(raw, sizeof(raw), dbt_tag);
	dbt_pool = vl_pool_new();
	if (vl_db_row(dbt_pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &dbt_firm) != VL_OK) {
		fprintf(stderr, "%s: no demo firm in the test database\n", suite);
		return -1;
	}
	return 0;
}

void
dbt_teardown(void)
{
	vl_pool_free(dbt_pool);
	dbt_pool = NULL;
	vl_db_close();
}

char *
dbt_one(const char *fmt, ...)
{
	static char	 out[256];
	char		 sql[1024], cmd[2048];
	va_list		 ap;
	FILE		*p;
	int		 ok;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	/* The SQL goes in double quotes to the shell: the suites use none. */
	if (strchr(sql, '"') != NULL || strchr(sql, '`') != NULL || strchr(sql, '$') != NULL)
		return NULL;
	snprintf(cmd, sizeof(cmd), "mariadb --no-defaults --socket=%s -u \"$(id -un)\" -N -B vellum "
	    "-e \"%s\"", vl_conf.db_socket, sql);
	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	out[0] = '\0';
	if (fgets(out, sizeof(out), p) != NULL)
		out[strcspn(out, "\n")] = '\0';
	while (fgetc(p) != EOF)
		;
	ok = pclose(p) == 0;
	return ok ? out : NULL;
}

int64_t
dbt_user(const char *email, const char *name, const char *password)
{
	char		 hash[128];
	uint64_t	 id = 0;

	if (vl_pw_hash(password, hash) != VL_OK ||
	    vl_db_exec(STMT_USER_INSERT, NULL, &id, "issss", dbt_firm, email, name, "member",
	    hash) != VL_OK)
		return 0;
	return (int64_t)id;
}

int64_t
dbt_contact(const char *name, const char *email)
{
	uint64_t	 id = 0;

	if (vl_db_exec(STMT_CONTACT_INSERT, NULL, &id, "iss", dbt_firm, "person", name) != VL_OK ||
	    vl_db_exec(STMT_CONTACT_EMAIL_INSERT, NULL, NULL, "iisii", dbt_firm, (int64_t)id, email,
	    (int64_t)1, (int64_t)0) != VL_OK)
		return 0;
	return (int64_t)id;
}
