/*
 * A firm's export and import: one ustar archive (lib/tar.c) of JSON files
 * written with jansson, one a table, plus the documents' files.  See
 * docs/administration.md for the format and what is left out.
 */
#ifndef VL_EXPORT_H
#define VL_EXPORT_H

#include "vellum.h"

/* What an export or import moved. */
struct vl_export_stats {
	int64_t		 tables, rows, files;
	int64_t		 missing;	/* documents whose file was not in the store */
	int64_t		 dropped_2fa;	/* two-factor enrolments left out (import) */
};

/* vl_import_firm's flags. */
#define VL_IMPORT_WITHOUT_2FA	0x1	/* another server secret: leave two-factor out */

/* The tables exported, in import order, with their statements; the
 * archive's JSON files are named after them. */
struct vl_export_table {
	const char	*name;
	enum vl_stmt	 out, in;
};
extern const struct vl_export_table vl_export_tables[];
extern const size_t vl_export_ntables;

/*
 * What the export leaves out, each with its reason: a whole table (column
 * NULL) or one column of an exported table.  Every table of the schema is
 * either exported or here, and every column of an exported table is in
 * both its statements or here (tests/db/test_export.c holds the migrated
 * schema to that), so a new table or column cannot be lost unnoticed.
 */
struct vl_export_skip {
	const char	*table, *column, *why;
};
extern const struct vl_export_skip vl_export_skipped[];
extern const size_t vl_export_nskipped;

/*
 * Writes firm slug to path (mode 0600, through a temporary name, renamed
 * when complete), read in one consistent snapshot.  VL_OK (stats filled;
 * a document whose file is missing is counted and left out); VL_DECLINED
 * for no such firm; VL_ERR with *why for people.
 */
enum vl_rc vl_export_firm(struct vl_pool *, const char *slug, const char *path,
	    struct vl_export_stats *, const char **why);
/*
 * Restores the archive at path into this install, keeping every id: only
 * into an install without firms.  The files enter the store first (as
 * uploads in flight), then every row in one transaction that claims them.
 * Two-factor enrolments need the exporting install's server secret: with
 * another, VL_CONFLICT, unless flags has VL_IMPORT_WITHOUT_2FA (then they
 * are left out and counted in dropped_2fa; those people sign in with their
 * password alone and enrol again).  VL_OK; VL_CONFLICT (an install with
 * firms, the slug taken, another server secret) or VL_INVALID (not an
 * archive of ours, another format version, or rows that do not belong to
 * its firm) with *why; VL_ERR.  Nothing is left behind on failure.
 */
enum vl_rc vl_import_firm(struct vl_pool *, const char *path, unsigned flags,
	    struct vl_export_stats *, const char **why);

#endif
