/*
 * Plain CGI's kept pages: what a FastCGI process keeps in memory between
 * requests (lib/matterscopy.c, lib/picks.c), kept instead in a file under
 * vl_conf.tmp, one a kind, for the next process.  Each file names the
 * firm and the stamps it was read under, and is used only while the
 * stamps the session's statement reads are the same, exactly as the
 * memory copies are.  A file that does not parse is no copy.
 *
 * The content is a sequence of netstrings ("5:hello,"): texts and
 * decimal integers, the first a text naming the kind and its version.
 */
#ifndef VL_PAGEFILE_H
#define VL_PAGEFILE_H

#include "vellum.h"
#include "matters.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kept pages' own content, written and read back: a kind's file
 * that does not decode whole (its kind and version, every value, no
 * more rows than a page, nothing after) decodes to nothing (0). */
struct vl_pf_matters {		/* the matters list's first page, one sort */
	int64_t				 firm, matters_stamp, users_stamp;
	const struct vl_matter_rec	*rows;
	size_t				 n;
	int				 more;
};
void	 vl_pf_matters_encode(struct vl_buf *, const struct vl_pf_matters *);
/* The rows also into *rows (pool), for the caller to keep. */
int	 vl_pf_matters_decode(struct vl_pool *, const char *data, size_t len,
	    struct vl_pf_matters *, struct vl_matter_rec **rows);
struct vl_pf_users {		/* the users picker */
	int64_t		 firm, users_stamp;
	struct vl_pick	*list;
	size_t		 n;
};
void	 vl_pf_users_encode(struct vl_buf *, const struct vl_pf_users *);
int	 vl_pf_users_decode(struct vl_pool *, const char *data, size_t len,
	    struct vl_pf_users *);

/* The file name (a few letters and digits) of this install's kept pages:
 * its content in pool, or NULL when there is none or it cannot be read. */
char	*vl_pf_load(struct vl_pool *pool, const char *name, size_t *len);
/* Replaces it with b's bytes, whole or not at all (a file of its own,
 * renamed over the old); a failure only loses the copy. */
void	 vl_pf_save(const char *name, const struct vl_buf *b);
/* 1 if this install has the file. */
int	 vl_pf_exists(const char *name);

#ifdef __cplusplus
}
#endif

#endif
