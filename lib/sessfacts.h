/* A FastCGI process's copies of its sessions' user and firm: lib/sessfacts.c. */
#ifndef VL_SESSFACTS_H
#define VL_SESSFACTS_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 1 and s's user and firm columns (into pool) when this process keeps
 * them for s->firm_id and s->user_id under facts_stamp (not 0); else 0. */
int	 vl_sess_facts_get(struct vl_pool *pool, struct vl_sess *s, int64_t facts_stamp);
/* Keeps s's user and firm columns under facts_stamp (0 keeps nothing). */
void	 vl_sess_facts_put(const struct vl_sess *s, int64_t facts_stamp);
/* Drops every copy (tests). */
void	 vl_sess_facts_forget(void);

#ifdef __cplusplus
}
#endif

#endif
