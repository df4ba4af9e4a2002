/* The matters list's first page kept by a process: see lib/matterscopy.c. */
#ifndef VL_MATTERSCOPY_H
#define VL_MATTERSCOPY_H

#include "vellum.h"
#include "matters.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if f asks for what a copy holds: the first page, no filter, no search. */
int	 vl_matters_copy_fits(const struct vl_matter_filter *f);
/* 1 if the process holds a copy of the first page in sort (for any firm). */
int	 vl_matters_copy_held(enum vl_matter_sort sort);
/*
 * The first page of firm's matters in sort from the process's copy, if it
 * was read under both stamps (firms.matters_stamp and users_stamp, read with
 * the session); a stamp of 0 never matches.  1 with *rows (in pool), *n and
 * *more; 0 if there is no such copy.
 */
int	 vl_matters_copy_get(struct vl_pool *pool, int64_t firm, enum vl_matter_sort sort,
	    int64_t matters_stamp, int64_t users_stamp, struct vl_matter_rec **rows, size_t *n,
	    int *more);
/* Keeps rows as firm's first page in sort, read under the two stamps (no
 * older than a statement that read them; 0: nothing is kept). */
void	 vl_matters_copy_put(int64_t firm, enum vl_matter_sort sort, int64_t matters_stamp,
	    int64_t users_stamp, const struct vl_matter_rec *rows, size_t n, int more);

#ifdef __cplusplus
}
#endif

#endif
