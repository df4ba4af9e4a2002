/* Document files on disk, and the sweep of what dead uploads left.  See docs/architecture.md. */
#ifndef VL_STORE_H
#define VL_STORE_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- store.c: documents on disk under opaque names ---- */
/* Moves a finished temp file into the store for firm; key gets its 64-hex
 * name ("" on failure).  Records the key as an upload in flight first, in
 * a transaction of its own: call it outside any transaction.  The file
 * then belongs to pool: when the pool is reset it is removed again unless
 * a transaction that claimed it committed.  VL_OK, or VL_ERR with nothing
 * left behind. */
enum vl_rc vl_store_put(struct vl_pool *, int64_t firm, const char *tmp_path, char key[65]);
/* Hands pool a file placed under key by other means (an import keeps its
 * archive's keys), whose upload in flight is already recorded: it goes
 * again with the pool unless a claiming transaction commits, as after
 * vl_store_put. */
void	 vl_store_hold(struct vl_pool *, int64_t firm, const char *key);
/* Inside the transaction that records the document: ends key's upload in
 * flight, and keeps the file if (and once) that transaction commits.
 * VL_ERR if the sweep took it for a dead one meanwhile, or if this
 * request did not store it. */
enum vl_rc vl_store_claim(int64_t firm, const char *key);
/* Removes key's file and its upload in flight ("" or NULL: nothing),
 * outside any transaction. */
void	 vl_store_discard(int64_t firm, const char *key);
/* Inside the transaction that deletes key's document: the file leaves the
 * disk when (and only if) it commits. */
enum vl_rc vl_store_remove_on_commit(struct vl_pool *, const char *key);
/* The file's path for key; VL_INVALID for a malformed key. */
enum vl_rc vl_store_path(const char *key, char *out, size_t n);
/* Removes a stored file (after its row is gone). */
void	 vl_store_remove(const char *key);
/* The content's MIME type, sniffed with libmagic from the file's first
 * 256 KiB (valid until the next call); "application/octet-stream" when
 * libmagic cannot be loaded. */
const char *vl_store_sniff(const char *path);
/* Loads libmagic and pages in the rules a match walks, at a FastCGI
 * program's start: the first upload then costs what every other does. */
void	 vl_store_sniff_init(void);
/* What a sweep removed. */
struct vl_sweep {
	int64_t	 temps;		/* temp files of uploads whose program died */
	int64_t	 pending;	/* uploads in flight for longer than the grace */
	int64_t	 orphans;	/* stored files no document or upload names */
	int64_t	 pages;		/* plain CGI's pages kept whole (lib/pagememo.c) */
};
/* Removes what dead uploads left: temp files untouched for grace seconds,
 * uploads pending for longer than grace (with their files) and stored files
 * that no row names.  A stored file whose document exists is never touched.
 * Needs write access to the store and temp directories.  VL_OK or VL_ERR. */
enum vl_rc vl_store_sweep(struct vl_pool *, int64_t grace, struct vl_sweep *);

#ifdef __cplusplus
}
#endif
#endif
