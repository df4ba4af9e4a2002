/*
 * vellumctl: the administrator's command line.
 *
 *   vellumctl migrate [SQLDIR]           apply sql/NNN_*.sql not yet applied
 *   vellumctl create-firm NAME SLUG ADMIN_EMAIL ADMIN_NAME
 *                                        password from $VELLUM_ADMIN_PASSWORD or stdin
 *   vellumctl seed-demo [--force]        the demo firm (safe to run again); only
 *                                        where the config says development = 1
 *   vellumctl setup-code                 a one-time code for the first run's
 *                                        "Set up your firm" page (only while
 *                                        no firm exists; valid a day)
 *   vellumctl mailq                      mail not yet sent, with its state
 *   vellumctl sweep [--grace SECONDS]    remove what dead uploads left behind
 *                                        (default grace 3600: an hour)
 *   vellumctl check-templates [DIR]      syntax-check every template
 *   vellumctl check-sql                  prepare every statement, compare it
 *                                        with its declared types
 *   vellumctl audit verify [--firm SLUG] walk each firm's audit chain; the
 *                                        first bad row, exit 1
 *   vellumctl export --firm SLUG --out FILE
 *                                        the whole firm into one archive
 *   vellumctl import --in FILE [--without-two-factor]
 *                                        restore an archive into an empty install
 *                                        (the flag: under another server secret,
 *                                        leave two-factor enrolments out)
 *   vellumctl totp-reset SLUG EMAIL      remove a firm user's or client's
 *                                        two-factor sign-in (lost device)
 *
 * The configuration comes from $VELLUM_CONF (or -c FILE before the command).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auditlog.h"
#include "export.h"
#include "vellum.h"
#include "audit.h"
#include "internal.h"
#include "store.h"
#include "tz.h"
#include "setup.h"
#include "twofactor.h"
#include "ical.h"
#include "payment.h"

static int
fail(const char *what)
{
	fprintf(stderr, "vellumctl: %s\n", what);
	return 1;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names in dir ending in suffix; caller frees. */
static char **
list_dir(const char *dir, const char *suffix, size_t *count)
{
	DIR		*d;
	struct dirent	*e;
	char		**v = NULL;
	size_t		 n = 0, sl = strlen(suffix);

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l <= sl || strcmp(e->d_name + l - sl, suffix) != 0 || e->d_name[0] == '.')
			continue;
		v = vl_xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = vl_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(v, n, sizeof(*v), name_cmp);
	*count = n;
	return v;
}

static char *
slurp(const char *path)
{
	struct vl_buf	 b = VL_BUF_INIT;
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		vl_buf_add(&b, chunk, n);
	fclose(f);
	if (b.buf == NULL)
		vl_buf_adds(&b, "");
	return b.buf;
}

static int
cmd_migrate(int argc, char *argv[])
{
	struct vl_buf	 err = VL_BUF_INIT;
	struct vl_pool	*pool = vl_pool_new();
	const char	*dir = argc > 0 ? argv[0] : "sql";
	char		**files, path[4096], *sql;
	size_t		 n = 0, i;
	int64_t		 version, done, applied = 0;
	int		 rc = 0;

	/* The store and temp directories come with the schema. */
	if (vl_conf_dirs(NULL, &err) != VL_OK) {
		fprintf(stderr, "vellumctl: migrate: %s\n", vl_buf_str(&err));
		vl_pool_free(pool);
		return 1;
	}
	if (vl_db_script("CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version INT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
	    " applied_at DATETIME(6) NOT NULL) ENGINE=InnoDB", &err) != VL_OK) {
		fprintf(stderr, "vellumctl: migrate: %s\n", vl_buf_str(&err));
		return 1;
	}
	if ((files = list_dir(dir, ".sql", &n)) == NULL)
		return fail("migrate: cannot read the sql directory");
	for (i = 0; i < n && rc == 0; i++) {
		char num[16];
		snprintf(num, sizeof(num), "%.*s", (int)strspn(files[i], "0123456789"), files[i]);
		if (vl_strtonum(num, 1, 99999, &version) != VL_OK) {
			fprintf(stderr, "vellumctl: migrate: %s: name must start with a number\n", files[i]);
			rc = 1;
			break;
		}
		if (vl_db_row(pool, STMT_MIGRATION_APPLIED, "i", "i", version, &done) != VL_OK) {
			rc = fail("migrate: cannot read schema_migrations");
			break;
		}
		if (done)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		if ((sql = slurp(path)) == NULL) {
			rc = fail("migrate: cannot read a migration file");
			break;
		}
		/* DDL commits implicitly in MariaDB: the record follows success. */
		if (vl_db_script(sql, &err) != VL_OK ||
		    vl_db_exec(STMT_MIGRATION_RECORD, NULL, NULL, "is", version, files[i]) != VL_OK) {
			fprintf(stderr, "vellumctl: migrate: %s: %s\n", files[i], vl_buf_str(&err));
			rc = 1;
		} else {
			printf("applied %s\n", files[i]);
			applied++;
		}
		free(sql);
	}
	if (rc == 0)
		printf("schema up to date (%lld applied now)\n", (long long)applied);
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	vl_pool_free(pool);
	vl_buf_release(&err);
	return rc;
}

/* Creates a firm and its admin; returns the firm id or 0. */
static int64_t
create_firm(const char *name, const char *slug, const char *email, const char *uname,
    const char *pw, int64_t *admin_id)
{
	struct vl_pool	*pool = vl_pool_new();
	char		 hash[128];
	uint64_t	 firm = 0, uid = 0;

	/* Stored in the one form sign-in and reset look up (vl_email_norm);
	 * the pool lives as long as the command. */
	email = vl_email_norm(pool, email);
	if (strlen(slug) == 0 || strlen(slug) > 64 ||
	    strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(slug)) {
		fail("create-firm: the slug takes a-z, 0-9 and -, up to 64 characters");
		return 0;
	}
	if (email == NULL) {
		fail("create-firm: the admin email is not valid");
		return 0;
	}
	if (!vl_validate(VL_V_PASSWORD, pw, strlen(pw), 128, NULL)) {
		fail("create-firm: the password must have 12 to 128 characters");
		return 0;
	}
	if (vl_pw_hash(pw, hash) != VL_OK)
		return 0;
	if (vl_db_begin() != VL_OK)
		return 0;
	if (vl_db_exec(STMT_FIRM_INSERT, NULL, &firm, "ss", name, slug) != VL_OK ||
	    vl_db_exec(STMT_USER_INSERT, NULL, &uid, "issss", (int64_t)firm, email, uname,
	    "admin", hash) != VL_OK) {
		vl_db_rollback();
		fail("create-firm: the firm or the admin email exists already");
		return 0;
	}
	if (vl_db_commit() != VL_OK)
		return 0;
	if (admin_id)
		*admin_id = (int64_t)uid;
	return (int64_t)firm;
}

static int
cmd_create_firm(int argc, char *argv[])
{
	char	 line[256], *pw = getenv("VELLUM_ADMIN_PASSWORD");
	int64_t	 firm;

	if (argc != 4)
		return fail("usage: create-firm NAME SLUG ADMIN_EMAIL ADMIN_NAME");
	if (pw == NULL) {
		if (fgets(line, sizeof(line), stdin) == NULL)
			return fail("create-firm: no password on stdin");
		line[strcspn(line, "\r\n")] = '\0';
		pw = line;
	}
	if ((firm = create_firm(argv[0], argv[1], argv[2], argv[3], pw, NULL)) == 0)
		return 1;
	printf("firm %lld created; its admin %s can sign in\n", (long long)firm, argv[2]);
	return 0;
}

struct demo_contact {
	const char	*kind, *name;
	const char	*emails[3];
	int		 primary;	/* index, or -1: none marked */
};

static const struct demo_contact demo_contacts[] = {
	{ "person", "Alice Johnson", { "alice@client.test", "alice.johnson@work.test", NULL }, 1 },
	{ "company", "Brightside Bakery Ltd", { "office@brightside.test", "accounts@brightside.test", "owner@brightside.test" }, 0 },
	{ "person", "Carlos Mendes", { "carlos@client.test", "c.mendes@home.test", NULL }, -1 },
};

static const struct {
	const char	*number, *description;
	int		 client;
	const char	*status;
} demo_matters[] = {
	{ "2026-0001", "Johnson v. Acme Corp: wrongful dismissal", 0, "open" },
	{ "2026-0002", "Brightside Bakery: commercial lease renewal", 1, "open" },
	{ "2026-0003", "Estate of Maria Mendes: probate", 2, "open" },
	{ "2025-0147", "Johnson: residential purchase", 0, "closed" },
};

static int
cmd_seed_demo(int argc, char *argv[])
{
	struct vl_pool	*pool = vl_pool_new();
	int64_t		 firm = 0, admin;
	uint64_t	 contact[3], uid, mid;
	char		 hash[128];
	size_t		 i, j;
	enum vl_rc	 rc;

	/*
	 * The demo's users have passwords printed in the README and the
	 * banner: on a portal anyone can reach they are anyone's way in.  Only
	 * a development stack's config (bin/stack writes development = 1) lets
	 * it run without --force.
	 */
	if (!vl_conf.development && !(argc == 1 && strcmp(argv[0], "--force") == 0)) {
		vl_pool_free(pool);
		fprintf(stderr, "vellumctl: seed-demo: refused: this is not a development "
		    "stack (its configuration does not say development = 1).\n"
		    "The demo firm's users sign in with published passwords "
		    "(admin@demo.test / demo-admin-pass), so anyone could sign in to a "
		    "portal seeded with it.\nRun it with --force to seed it anyway.\n");
		return 1;
	}
	if (argc > 1 || (argc == 1 && strcmp(argv[0], "--force") != 0)) {
		vl_pool_free(pool);
		return fail("seed-demo: the only option is --force");
	}
	rc = vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", "demo", &firm);
	vl_pool_free(pool);
	if (rc == VL_OK) {
		printf("demo firm present (id %lld)\n", (long long)firm);
		return 0;
	}
	if (rc != VL_DECLINED)
		return fail("seed-demo: database error");
	if ((firm = create_firm("Demo Law LLP", "demo", "admin@demo.test", "Dana Admin",
	    "demo-admin-pass", &admin)) == 0)
		return 1;
	if (vl_pw_hash("demo-member-pass", hash) != VL_OK || vl_db_begin() != VL_OK)
		return 1;
	/* The demo firm's logo ships in static/, shown in its emails. */
	if (vl_db_exec(STMT_FIRM_SET_LOGO, NULL, NULL, "si", "/static/logos/demo.png", firm) != VL_OK)
		goto fail;
	if (vl_db_exec(STMT_USER_INSERT, NULL, &uid, "issss", firm, "member@demo.test",
	    "Morgan Member", "member", hash) != VL_OK)
		goto fail;
	for (i = 0; i < 3; i++) {
		const struct demo_contact *c = &demo_contacts[i];
		if (vl_db_exec(STMT_CONTACT_INSERT, NULL, &contact[i], "iss", firm,
		    c->kind, c->name) != VL_OK)
			goto fail;
		for (j = 0; j < 3 && c->emails[j]; j++)
			if (vl_db_exec(STMT_CONTACT_EMAIL_INSERT, NULL, NULL, "iisii", firm,
			    (int64_t)contact[i], c->emails[j], (int64_t)(c->primary == (int)j),
			    (int64_t)j) != VL_OK)
				goto fail;
	}
	for (i = 0; i < sizeof(demo_matters) / sizeof(demo_matters[0]); i++) {
		if (vl_db_exec(STMT_MATTER_INSERT, NULL, &mid, "issis", firm,
		    demo_matters[i].number, demo_matters[i].description,
		    (int64_t)contact[demo_matters[i].client], demo_matters[i].status) != VL_OK)
			goto fail;
		/* Morgan is Alice Johnson's responsible attorney: told of her
		 * messages without having to take part in the portal. */
		if (i == 0 && vl_db_exec(STMT_MATTER_RESPONSIBLE_ADD, NULL, NULL, "iii", firm,
		    (int64_t)mid, (int64_t)uid) != VL_OK)
			goto fail;
	}
	if (vl_db_commit() != VL_OK)
		return 1;
	printf("demo firm \"Demo Law LLP\" seeded (id %lld)\n", (long long)firm);
	return 0;
fail:
	vl_db_rollback();
	return fail("seed-demo: database error");
}

static int
cmd_mailq(int argc, char *argv[])
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_rows	*rows;
	char		*status, *kind, *to, *zone, *error;
	int64_t		 id, attempts, next;
	int		 n = 0;

	(void)argc;
	(void)argv;
	if (vl_db_query(pool, STMT_MAIL_QUEUE, &rows, "") != VL_OK)
		return fail("mailq: database error");
	printf("%-8s %-8s %-18s %-32s %-8s %-26s %s\n", "id", "status", "kind",
	    "recipient", "attempts", "next attempt", "last error");
	/* The next attempt in the firm's zone, named, as its people read times. */
	while (vl_db_next(rows, "isssiiss", &id, &status, &kind, &to, &attempts, &next, &zone,
	    &error) > 0) {
		printf("%-8lld %-8s %-18s %-32s %-8lld %-26s %s\n", (long long)id, status,
		    kind, to, (long long)attempts, vl_tz_fmt(pool, zone, next), error);
		n++;
	}
	if (vl_db_rows_failed(rows)) {
		vl_pool_free(pool);
		return fail("mailq: database error (the list above is incomplete)");
	}
	printf("%d message(s) not yet sent\n", n);
	vl_pool_free(pool);
	return 0;
}

/* Uploads in flight for longer than the grace period are taken for dead. */
static int
cmd_sweep(int argc, char *argv[])
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_sweep	 st;
	int64_t		 grace = 3600;
	enum vl_rc	 rc;

	if (argc == 2 && strcmp(argv[0], "--grace") == 0) {
		if (vl_strtonum(argv[1], 0, 86400 * 365, &grace) != VL_OK)
			return fail("sweep: --grace takes a number of seconds");
	} else if (argc != 0)
		return fail("usage: sweep [--grace SECONDS]");
	rc = vl_store_sweep(pool, grace, &st);
	vl_pool_free(pool);
	if (rc != VL_OK)
		return fail("sweep: database or store error (see the log)");
	printf("swept: %lld temp file(s), %lld pending upload(s), %lld orphan file(s), "
	    "%lld kept page(s) removed\n", (long long)st.temps, (long long)st.pending,
	    (long long)st.orphans, (long long)st.pages);
	return 0;
}

static int
check_dir(const char *root, const char *sub, int *bad)
{
	struct vl_buf	 err = VL_BUF_INIT;
	char		 dir[4096], rel[4096];
	char		**files;
	size_t		 n = 0, i;
	int		 count = 0;

	snprintf(dir, sizeof(dir), "%s%s%s", root, *sub ? "/" : "", sub);
	if ((files = list_dir(dir, ".tpl", &n)) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%s%s%s", sub, *sub ? "/" : "", files[i]);
		vl_buf_reset(&err);
		if (vl_tpl_check(rel, strncmp(sub, "mail", 4) == 0 ? VL_TPL_TEXT : VL_TPL_HTML,
		    &err) != VL_TPL_OK) {
			fprintf(stderr, "%s\n", vl_buf_str(&err));
			(*bad)++;
		}
		count++;
		free(files[i]);
	}
	free(files);
	vl_buf_release(&err);
	return count;
}

/* The directory named, else the configured one. */
static int
cmd_check_templates(int argc, char *argv[])
{
	const char	*dir = argc > 0 ? argv[0] : vl_conf.templates;
	int		 bad = 0, n;

	vl_tpl_init(NULL, dir);
	n = check_dir(dir, "", &bad) + check_dir(dir, "mail", &bad);
	printf("%d template(s) checked, %d with errors\n", n, bad);
	return bad ? 1 : 0;
}

/* Every statement against the migrated schema: a typo fails `make test`. */
static int
cmd_check_sql(int argc, char *argv[])
{
	struct vl_buf	 err = VL_BUF_INIT;
	int		 i, bad = 0;
	enum vl_rc	 rc = VL_OK;

	(void)argc;
	(void)argv;
	for (i = 0; i < STMT__MAX && rc != VL_ERR; i++) {
		vl_buf_reset(&err);
		if ((rc = vl_db_check((enum vl_stmt)i, &err)) != VL_OK) {
			fprintf(stderr, "check-sql: %s\n", vl_buf_str(&err));
			bad++;
		}
	}
	vl_buf_release(&err);
	if (rc == VL_ERR)
		return fail("check-sql: database error");
	printf("%d statement(s) checked, %d with errors\n", i, bad);
	return bad ? 1 : 0;
}

/* Prints a new setup code for the first run; the page asks for it. */
static int
cmd_setup_code(int argc, char *argv[])
{
	struct vl_pool	*pool = vl_pool_new();
	char		 code[VL_SETUP_CODE_LEN + 1];
	enum vl_rc	 rc;

	(void)argv;
	if (argc != 0)
		return fail("usage: setup-code");
	rc = vl_setup_code_new(pool, VL_SETUP_CODE_TTL, code);
	vl_pool_free(pool);
	if (rc == VL_CONFLICT)
		return fail("setup-code: a firm exists already; the setup page is gone "
		    "(create more firms with create-firm)");
	if (rc != VL_OK)
		return fail("setup-code: database error");
	printf("setup code: %s (valid for 24 hours; a new one replaces it)\n", code);
	return 0;
}

/* Options of the form --name VALUE, each named once; NULL when absent. */
static int
options(int argc, char *argv[], const char *const *names, const char **vals, size_t n)
{
	size_t	 i;
	int	 a;

	for (i = 0; i < n; i++)
		vals[i] = NULL;
	for (a = 0; a < argc; a += 2) {
		for (i = 0; i < n; i++)
			if (strcmp(argv[a], names[i]) == 0)
				break;
		if (i == n || a + 1 >= argc || vals[i] != NULL)
			return -1;
		vals[i] = argv[a + 1];
	}
	return 0;
}

/* Each firm's chain (or the one named), in order; the first bad row of
 * each is printed and the exit is 1 if any is bad. */
static int
cmd_audit(int argc, char *argv[])
{
	static const char *const names[] = { "--firm" };
	struct vl_pool		*pool = vl_pool_new();
	struct vl_audit_check	 chk;
	struct vl_rows		*rows;
	const char		*slug;
	char			*s;
	int64_t			 id;
	int			 got, bad = 0, n = 0;
	enum vl_rc		 rc = VL_OK;

	if (argc < 1 || strcmp(argv[0], "verify") != 0 ||
	    options(argc - 1, argv + 1, names, &slug, 1) != 0) {
		vl_pool_free(pool);
		return fail("usage: audit verify [--firm SLUG]");
	}
	if (vl_db_query(pool, STMT_FIRMS_ALL, &rows, "") != VL_OK) {
		vl_pool_free(pool);
		return fail("audit: database error");
	}
	while (rc != VL_ERR && (got = vl_db_next(rows, "is", &id, &s)) > 0) {
		if (slug != NULL && strcmp(slug, s) != 0)
			continue;
		n++;
		rc = vl_auditlog_verify(pool, id, &chk);
		if (rc == VL_OK)
			printf("%s: chain intact: %lld row(s), head %s%s\n", s, (long long)chk.rows,
			    chk.head, chk.legacy ? vl_pool_printf(pool, " (%lld older row(s) before"
			    " the chain began, not checked)", (long long)chk.legacy) : "");
		else if (rc == VL_CONFLICT) {
			printf("%s: BROKEN after %lld good row(s): %s\n", s, (long long)chk.rows,
			    chk.what);
			bad++;
		}
	}
	vl_pool_free(pool);
	if (got < 0 || rc == VL_ERR)
		return fail("audit: database error");
	if (slug != NULL && n == 0)
		return fail("audit: no firm has this slug");
	return bad ? 1 : 0;
}

static int
cmd_export(int argc, char *argv[])
{
	static const char *const names[] = { "--firm", "--out" };
	struct vl_pool		*pool = vl_pool_new();
	struct vl_export_stats	 st;
	struct vl_ctx		 c;
	const char		*v[2], *why;
	enum vl_rc		 rc;

	if (options(argc, argv, names, v, 2) != 0 || v[0] == NULL || v[1] == NULL) {
		vl_pool_free(pool);
		return fail("usage: export --firm SLUG --out FILE");
	}
	rc = vl_export_firm(pool, v[0], v[1], &st, &why);
	if (rc != VL_OK) {
		fprintf(stderr, "vellumctl: export: %s\n", why);
		vl_pool_free(pool);
		return 1;
	}
	printf("exported %s: %lld table(s), %lld row(s), %lld file(s) to %s\n", v[0],
	    (long long)st.tables, (long long)st.rows, (long long)st.files, v[1]);
	if (st.missing)
		printf("warning: %lld document(s) had no file in the store\n",
		    (long long)st.missing);
	/* Taking the firm's data out is on the record too (after the
	 * snapshot, so the archive does not hold its own row). */
	{
		int64_t firm = 0;
		if (vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", v[0], &firm) == VL_OK) {
			vl_ctx_init(&c, pool, firm, 0, 0, "vellumctl");
			vl_audit(&c, "firm_exported", "firm", firm);
		}
	}
	vl_pool_free(pool);
	return 0;
}

static int
cmd_import(int argc, char *argv[])
{
	static const char *const names[] = { "--in" };
	struct vl_pool		*pool = vl_pool_new();
	struct vl_export_stats	 st;
	const char		*in = NULL, *why;
	char			*rest[2];
	unsigned		 flags = 0;
	int			 a, n = 0, bad = 0;
	enum vl_rc		 rc;

	/* The one flag, anywhere; the rest are --name VALUE. */
	for (a = 0; a < argc; a++) {
		if (strcmp(argv[a], "--without-two-factor") == 0 && !(flags & VL_IMPORT_WITHOUT_2FA))
			flags |= VL_IMPORT_WITHOUT_2FA;
		else if (n < 2)
			rest[n++] = argv[a];
		else
			bad = 1;
	}
	if (bad || options(n, rest, names, &in, 1) != 0 || in == NULL) {
		vl_pool_free(pool);
		return fail("usage: import --in FILE [--without-two-factor]");
	}
	rc = vl_import_firm(pool, in, flags, &st, &why);
	if (rc != VL_OK) {
		fprintf(stderr, "vellumctl: import: %s\n", why);
		vl_pool_free(pool);
		return 1;
	}
	printf("imported %lld table(s), %lld row(s), %lld file(s) from %s\n",
	    (long long)st.tables, (long long)st.rows, (long long)st.files, in);
	if (st.dropped_2fa)
		printf("left out: %lld two-factor enrolment(s) sealed under another server "
		    "secret; those people sign in with their password and set it up again\n",
		    (long long)st.dropped_2fa);
	vl_pool_free(pool);
	return 0;
}

/* A person who lost both the device and the recovery codes signs in with
 * the password again and sets two-factor sign-in up anew. */
static int
cmd_totp_reset(int argc, char *argv[])
{
	struct vl_pool		*pool = vl_pool_new();
	struct vl_ctx		 ctx;
	enum vl_signin_kind	 kind = VL_SIGNIN_USER;
	enum vl_rc		 rc;

	if (argc != 2) {
		vl_pool_free(pool);
		return fail("usage: totp-reset SLUG EMAIL");
	}
	vl_ctx_init(&ctx, pool, 0, 0, 0, "vellumctl");
	rc = vl_tf_reset(&ctx, argv[0], argv[1], &kind);
	vl_pool_free(pool);
	if (rc == VL_DECLINED)
		return fail("totp-reset: no firm user or client with that address at that firm");
	if (rc != VL_OK)
		return fail("totp-reset: database error");
	printf("two-factor sign-in removed for the %s %s; they sign in with the password\n",
	    kind == VL_SIGNIN_USER ? "firm user" : "client", argv[1]);
	return 0;
}

/*
 * An iCalendar file (FILE, or - for standard input) read back with
 * libical: one line a component, exit 1 if it does not parse cleanly.
 * What the tests check the portal's .ics and the feeds with.
 */
static int	 usage(void);

static int
cmd_ics_check(int argc, char *argv[])
{
	struct vl_buf	 in = VL_BUF_INIT, out = VL_BUF_INIT;
	FILE		*f;
	char		 chunk[8192];
	size_t		 n;
	int		 ok;

	if (argc != 1)
		return usage();
	f = strcmp(argv[0], "-") == 0 ? stdin : fopen(argv[0], "r");
	if (f == NULL)
		return fail("ics-check: cannot open the file");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && in.len < ((size_t)64 << 20))
		vl_buf_add(&in, chunk, n);
	if (f != stdin)
		fclose(f);
	ok = vl_ical_check(vl_buf_str(&in), &out);
	fputs(vl_buf_str(&out), stdout);
	vl_buf_release(&in);
	vl_buf_release(&out);
	return ok ? 0 : 1;
}

/*
 * The commands, one a line: name, arguments (for the usage message), the
 * function (given the arguments after the name) and whether it reads the
 * configuration first (CONF_UNLESS_ARG: not when an argument names all it
 * needs).
 */
enum conf { CONF, CONF_UNLESS_ARG };

/* webhook replay EVENT_ID: a stored provider event handled again; it
 * changes state only if it never did (a failed handling, say). */
static int
cmd_webhook(int argc, char *argv[])
{
	struct vl_pool	*pool = vl_pool_new();
	struct vl_ctx	 c;
	enum vl_rc	 rc;

	if (argc != 2 || strcmp(argv[0], "replay") != 0 || strlen(argv[1]) > 255) {
		vl_pool_free(pool);
		return fail("usage: webhook replay EVENT_ID");
	}
	vl_ctx_init(&c, pool, 0, 0, 0, "vellumctl");
	rc = vl_pay_replay(&c, argv[1]);
	vl_pool_free(pool);
	if (rc == VL_DECLINED)
		return fail("webhook: no stored event has this id");
	if (rc != VL_OK)
		return fail("webhook: the event could not be handled (see the log); try again");
	printf("event %s handled\n", argv[1]);
	return 0;
}

/* payments reconcile DAY [--firm SLUG]: the provider's charges of the day
 * (the firm's, in its zone) against the payments recorded, one line a difference; exit 1 when
 * there is any, or when the comparison could not be made (said on stderr). */
static int
cmd_payments(int argc, char *argv[])
{
	static const char *const names[] = { "--firm" };
	struct vl_pool	*pool = vl_pool_new();
	struct vl_buf	 out = VL_BUF_INIT;
	struct vl_rows	*rows;
	struct vl_ctx	 c;
	const char	*slug = NULL;
	int64_t		 firm;
	int		 diffs, all = 0, n = 0, got, err = 0;
	enum vl_rc	 rc;

	if (argc < 2 || strcmp(argv[0], "reconcile") != 0 ||
	    options(argc - 2, argv + 2, names, &slug, 1) != 0) {
		vl_pool_free(pool);
		return fail("usage: payments reconcile YYYY-MM-DD [--firm SLUG]");
	}
	if (slug != NULL) {
		if ((rc = vl_db_row(pool, STMT_PAY_FIRM_SLUG, "s", "i", slug, &firm)) != VL_OK) {
			vl_pool_free(pool);
			return fail(rc == VL_DECLINED ? "payments: no firm has this slug" :
			    "payments: database error");
		}
		rows = NULL;
	} else if (vl_db_query(pool, STMT_PAY_PROVIDER_FIRMS, &rows, "") != VL_OK) {
		vl_pool_free(pool);
		return fail("payments: database error");
	}
	for (;;) {
		if (rows != NULL && (got = vl_db_next(rows, "i", &firm)) <= 0) {
			err |= got < 0;
			break;
		}
		vl_ctx_init(&c, pool, firm, 0, 0, "vellumctl");
		vl_buf_reset(&out);
		rc = vl_pay_reconcile(&c, argv[1], &out, &diffs);
		printf("firm %lld, %s:\n%s", (long long)firm, argv[1], vl_buf_str(&out));
		if (rc == VL_INVALID) {
			vl_buf_release(&out);
			vl_pool_free(pool);
			return fail("payments: the day is YYYY-MM-DD");
		}
		if (rc == VL_FORBIDDEN)
			printf("no payment provider is set up\n");
		else if (rc != VL_OK)
			err = 1;
		all += diffs;
		n++;
		if (rows == NULL)
			break;
	}
	vl_buf_release(&out);
	vl_pool_free(pool);
	if (err)
		return fail("payments: the comparison is incomplete (see above)");
	if (n == 0)
		printf("no firm takes payments online\n");
	return all ? 1 : 0;
}

static const struct cmd {
	const char	*name, *usage;
	int		(*fn)(int, char *[]);
	enum conf	 conf;
} cmds[] = {
	{ "migrate", "[SQLDIR]", cmd_migrate, CONF },
	{ "create-firm", "NAME SLUG ADMIN_EMAIL ADMIN_NAME", cmd_create_firm, CONF },
	{ "seed-demo", "[--force]", cmd_seed_demo, CONF },
	{ "setup-code", "", cmd_setup_code, CONF },
	{ "mailq", "", cmd_mailq, CONF },
	{ "sweep", "[--grace SECONDS]", cmd_sweep, CONF },
	{ "check-templates", "[DIR]", cmd_check_templates, CONF_UNLESS_ARG },
	{ "check-sql", "", cmd_check_sql, CONF },
	{ "audit", "verify [--firm SLUG]", cmd_audit, CONF },
	{ "export", "--firm SLUG --out FILE", cmd_export, CONF },
	{ "import", "--in FILE [--without-two-factor]", cmd_import, CONF },
	{ "webhook", "replay EVENT_ID", cmd_webhook, CONF },
	{ "payments", "reconcile YYYY-MM-DD [--firm SLUG]", cmd_payments, CONF },

	{ "totp-reset", "SLUG EMAIL", cmd_totp_reset, CONF },
	{ "ics-check", "FILE|-", cmd_ics_check, CONF_UNLESS_ARG },
};

static int
usage(void)
{
	size_t	 i;

	fprintf(stderr, "usage: vellumctl [-c FILE] COMMAND [ARGUMENTS]\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(stderr, "       vellumctl [-c FILE] %s%s%s\n", cmds[i].name,
		    *cmds[i].usage ? " " : "", cmds[i].usage);
	return 1;
}

int
main(int argc, char *argv[])
{
	struct vl_buf	 err = VL_BUF_INIT;
	const struct cmd *c = NULL;
	const char	*conf = NULL;
	size_t		 i;
	int		 rc;

	vl_log_init("vellumctl", VL_LOG_WARN);
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		conf = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		return usage();
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			c = &cmds[i];
	if (c == NULL) {
		fprintf(stderr, "vellumctl: unknown command %s\n", argv[1]);
		return usage();
	}
	if (sodium_init() < 0)
		return fail("libsodium failed to start");
	if ((c->conf == CONF || argc == 2) && vl_conf_load(conf, &err) != VL_OK) {
		fprintf(stderr, "vellumctl: %s\n", vl_buf_str(&err));
		vl_buf_release(&err);
		return 1;
	}
	rc = c->fn(argc - 2, argv + 2);
	vl_db_close();
	vl_buf_release(&err);
	return rc;
}
