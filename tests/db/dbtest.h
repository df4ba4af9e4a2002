/*
 * Shared by the database suites (tests/db/test_*.c): the configuration and
 * a pool, a random tag that keeps each run's rows apart, the demo firm's
 * id, and one-value queries for checks that the library has no statement
 * for.  Not a suite itself: the Makefile links it into each one.
 */
#ifndef DBTEST_H
#define DBTEST_H

#include <stdint.h>

#include "vellum.h"

extern struct vl_pool	*dbt_pool;
extern int64_t		 dbt_firm;	/* the demo firm */
extern char		 dbt_tag[12];	/* 8 random hex characters */

/* Loads the configuration, makes the pool and the tag, finds the demo firm.
 * 0, or -1 with the reason on stderr. */
int	 dbt_setup(const char *suite);
/* Frees the pool and closes the connection. */
void	 dbt_teardown(void);
/* Adds a firm user of the demo firm (member) named name with email and
 * password; its id, or 0. */
int64_t	 dbt_user(const char *email, const char *name, const char *password);
/* Adds a person contact of the demo firm named name whose first address,
 * email, is its login email; its id, or 0. */
int64_t	 dbt_contact(const char *name, const char *email);
/* Runs a query through the client program and returns the first column of
 * its first row ("" for none; NULL if it failed); valid until the next call. */
char	*dbt_one(const char *fmt, ...) VL_PRINTF(1, 2);

#endif
