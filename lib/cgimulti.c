/*
 * The dist-cgi tarball's programs that need the same shared libraries
 * (and no libcurl) are one file, libexec/vellum-cgi-GROUP, and each
 * cgi-bin/<program> is a hard link to it (Makefile, "dist-cgi").  Every
 * program carries MariaDB's client and OpenSSL there; one file instead
 * of one copy a program keeps the tarball small and lets a plain-CGI
 * request find the file's pages already in memory whichever program
 * served the last one.  The program is the name it was started by: the
 * web root's "#!" line runs APP/cgi-bin/<program> through the shipped
 * loader, which passes that path as argv[0].
 *
 * Built only by `make dist-cgi`, with -I naming the directory of the
 * group's progs.inc, one VL_PROG(name) a program; each program's main()
 * was compiled as vl_main_<name>().
 */
#include <stdio.h>
#include <string.h>

#define VL_PROG(p)	int vl_main_##p(void);
#include "progs.inc"
#undef VL_PROG

static const struct prog {
	const char	*name;
	int		(*main)(void);
} progs[] = {
#define VL_PROG(p)	{ #p, vl_main_##p },
#include "progs.inc"
#undef VL_PROG
};

int
main(int argc, char **argv)
{
	const char	*name;
	size_t		 i;

	if (argc < 1 || argv[0] == NULL)
		return 127;
	name = strrchr(argv[0], '/');
	name = name != NULL ? name + 1 : argv[0];
	for (i = 0; i < sizeof(progs) / sizeof(progs[0]); i++)
		if (strcmp(progs[i].name, name) == 0)
			return progs[i].main();
	fprintf(stderr, "vellum-cgi: no program is called \"%s\"\n", name);
	return 127;
}
