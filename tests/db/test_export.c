/*
 * The firm export covers the schema, and keeps covering it: read from the
 * migrated database (information_schema), every table is either exported
 * (vl_export_tables[]) or left out with a reason (vl_export_skipped[]),
 * and every column of an exported table is named by both its EXPORT and
 * its IMPORT statement, or left out with a reason.  A migration that adds
 * a table or a column therefore fails here until the export carries it or
 * the list says why not.  The list itself stays honest: nothing in it that
 * the schema no longer has, or that is exported all the same.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dbtest.h"
#include "export.h"

#define MAXNAMES	2048

/* One column's values of a query, through the client program (the library
 * has, on purpose, no statement that reads information_schema). */
static size_t
names(char **out, size_t max, const char *fmt, ...)
{
	char		 sql[1024], cmd[2048], line[256];
	va_list		 ap;
	FILE		*p;
	size_t		 n = 0;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	assert_null(strpbrk(sql, "\"`$\\"));
	snprintf(cmd, sizeof(cmd), "mariadb --no-defaults --socket=%s -u \"$(id -un)\" -N -B %s "
	    "-e \"%s\"", vl_conf.db_socket, vl_conf.db_name, sql);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		assert_true(n < max);
		out[n++] = vl_pool_strdup(dbt_pool, line);
	}
	assert_int_equal(pclose(p), 0);
	return n;
}

static const struct vl_export_table *
exported(const char *table)
{
	size_t	 i;

	for (i = 0; i < vl_export_ntables; i++)
		if (strcmp(vl_export_tables[i].name, table) == 0)
			return &vl_export_tables[i];
	return NULL;
}

static const struct vl_export_skip *
skipped(const char *table, const char *column)
{
	size_t	 i;

	for (i = 0; i < vl_export_nskipped; i++)
		if (strcmp(vl_export_skipped[i].table, table) == 0 &&
		    (column == NULL ? vl_export_skipped[i].column == NULL :
		    vl_export_skipped[i].column != NULL &&
		    strcmp(vl_export_skipped[i].column, column) == 0))
			return &vl_export_skipped[i];
	return NULL;
}

/* The EXPORT text names the column as a key of its JSON_OBJECT. */
static int
in_export(const char *sql, const char *column)
{
	char	 key[128];

	snprintf(key, sizeof(key), "'%s', ", column);
	return strstr(sql, key) != NULL;
}

/* The IMPORT text inserts the column (its INSERT list) and reads it from
 * the row (a JSON_TABLE path of its own name). */
static int
in_import(const char *sql, const char *table, const char *column)
{
	char	 head[128], path[128], *list, *end, *tok, *save;
	size_t	 len;
	int	 found = 0;

	snprintf(head, sizeof(head), "INSERT INTO %s (", table);
	snprintf(path, sizeof(path), "PATH '$.%s'", column);
	if (strncmp(sql, head, strlen(head)) != 0 || strstr(sql, path) == NULL ||
	    (end = strchr(sql + strlen(head), ')')) == NULL)
		return 0;
	len = (size_t)(end - (sql + strlen(head)));
	list = vl_pool_strndup(dbt_pool, sql + strlen(head), len);
	for (tok = strtok_r(list, ", ", &save); tok != NULL; tok = strtok_r(NULL, ", ", &save))
		found |= strcmp(tok, column) == 0;
	return found;
}

static void
test_every_table_exported_or_left_out(void **state)
{
	char	*tables[MAXNAMES];
	size_t	 n, i, bad = 0;

	n = names(tables, MAXNAMES, "SELECT table_name FROM information_schema.tables"
	    " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name");
	assert_true(n > 20);
	for (i = 0; i < n; i++) {
		if (exported(tables[i]) != NULL && skipped(tables[i], NULL) != NULL) {
			fprintf(stderr, "table %s: both exported and left out\n", tables[i]);
			bad++;
		} else if (exported(tables[i]) == NULL && skipped(tables[i], NULL) == NULL) {
			fprintf(stderr, "table %s: neither in vl_export_tables[] nor in "
			    "vl_export_skipped[] (lib/export.c)\n", tables[i]);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_every_column_exported_and_imported(void **state)
{
	char		*cols[MAXNAMES];
	const char	*out, *in;
	size_t		 t, n, i, bad = 0;

	for (t = 0; t < vl_export_ntables; t++) {
		const struct vl_export_table *e = &vl_export_tables[t];
		out = vl_db_stmt(e->out)->sql;
		in = vl_db_stmt(e->in)->sql;
		n = names(cols, MAXNAMES, "SELECT column_name FROM information_schema.columns"
		    " WHERE table_schema = DATABASE() AND table_name = '%s' ORDER BY ordinal_position",
		    e->name);
		if (n == 0) {
			fprintf(stderr, "table %s: exported but not in the schema\n", e->name);
			bad++;
		}
		for (i = 0; i < n; i++) {
			int	 o = in_export(out, cols[i]), m = in_import(in, e->name, cols[i]);
			int	 s = skipped(e->name, cols[i]) != NULL;

			if (s && (o || m)) {
				fprintf(stderr, "column %s.%s: left out, yet in its %s statement\n",
				    e->name, cols[i], o ? "EXPORT" : "IMPORT");
				bad++;
			} else if (!s && !o) {
				fprintf(stderr, "column %s.%s: not in %s\n", e->name, cols[i],
				    vl_db_stmt(e->out)->name);
				bad++;
			} else if (!s && !m) {
				fprintf(stderr, "column %s.%s: not in %s\n", e->name, cols[i],
				    vl_db_stmt(e->in)->name);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* Each pair binds the firm: the export reads only its rows, the import
 * takes a row only if it names the firm being imported (the integration
 * test plants another firm's row in every table and sees it refused). */
static void
test_every_pair_binds_the_firm(void **state)
{
	size_t	 t, bad = 0;

	for (t = 0; t < vl_export_ntables; t++) {
		const struct vl_export_table *e = &vl_export_tables[t];
		const char *key = strcmp(e->name, "firms") == 0 ? "id" : "firm_id";
		char	 out[64], in[64];

		snprintf(out, sizeof(out), " WHERE %s = ? ORDER BY ", key);
		snprintf(in, sizeof(in), " WHERE j.%s = ?", key);
		if (strstr(vl_db_stmt(e->out)->sql, out) == NULL ||
		    strcmp(vl_db_stmt(e->out)->ptypes, "i") != 0) {
			fprintf(stderr, "%s: does not read by the firm\n", vl_db_stmt(e->out)->name);
			bad++;
		}
		if (strstr(vl_db_stmt(e->in)->sql, in) == NULL ||
		    strcmp(vl_db_stmt(e->in)->ptypes, "si") != 0) {
			fprintf(stderr, "%s: does not bind the firm\n", vl_db_stmt(e->in)->name);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* A stale entry would let a table or column of the same name back in
 * without a look: each left-out table and column exists, and a column is
 * left out only of a table that is exported. */
static void
test_the_list_left_out_is_current(void **state)
{
	size_t	 i, bad = 0;
	char	*hit;

	for (i = 0; i < vl_export_nskipped; i++) {
		const struct vl_export_skip *s = &vl_export_skipped[i];
		assert_non_null(s->why);
		assert_true(strlen(s->why) > 10);
		if (s->column == NULL) {
			hit = dbt_one("SELECT COUNT(*) FROM information_schema.tables WHERE"
			    " table_schema = DATABASE() AND table_name = '%s'", s->table);
		} else {
			hit = dbt_one("SELECT COUNT(*) FROM information_schema.columns WHERE"
			    " table_schema = DATABASE() AND table_name = '%s' AND column_name = '%s'",
			    s->table, s->column);
			if (exported(s->table) == NULL) {
				fprintf(stderr, "%s.%s: a column left out of a table that is not "
				    "exported\n", s->table, s->column);
				bad++;
			}
		}
		assert_non_null(hit);
		if (strcmp(hit, "1") != 0) {
			fprintf(stderr, "%s%s%s: left out, but not in the schema\n", s->table,
			    s->column ? "." : "", s->column ? s->column : "");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* The guard's own matching, on texts made to miss. */
static void
test_the_matching(void **state)
{
	const char *exp = "SELECT JSON_OBJECT('id', id, 'firm_id', firm_id) FROM t";
	const char *imp = "INSERT INTO t (id, firm_id) SELECT j.id, j.firm_id FROM JSON_TABLE(?, '$'"
	    " COLUMNS (id BIGINT PATH '$.id', firm_id BIGINT PATH '$.firm_id', x INT PATH '$.x')) j";

	assert_true(in_export(exp, "id"));
	assert_true(in_export(exp, "firm_id"));
	assert_false(in_export(exp, "firm"));
	assert_false(in_export(exp, "d"));
	assert_true(in_import(imp, "t", "id"));
	assert_true(in_import(imp, "t", "firm_id"));
	assert_false(in_import(imp, "t", "x"));		/* read, never inserted */
	assert_false(in_import(imp, "t", "firm"));
	assert_false(in_import(imp, "u", "id"));	/* another table's INSERT */
}

static int
setup(void **state)
{
	return dbt_setup("test_export");
}

static int
teardown(void **state)
{
	dbt_teardown();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_matching),
		cmocka_unit_test(test_every_table_exported_or_left_out),
		cmocka_unit_test(test_every_column_exported_and_imported),
		cmocka_unit_test(test_every_pair_binds_the_firm),
		cmocka_unit_test(test_the_list_left_out_is_current),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
