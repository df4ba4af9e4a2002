/*
 * Linked only into the programs of `make dist-cgi` (Makefile), which must
 * run on a C library older than the build machine's.  The static C++
 * runtime carries std::random_device, which calls arc4random (glibc 2.36);
 * nothing of Vellum uses it, but the reference alone would make every
 * program refuse to load on an older glibc.  The linker sends that
 * reference here (--wrap=arc4random): the same bytes from the kernel's
 * getrandom, through syscall(2), which every glibc has.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

uint32_t	__wrap_arc4random(void);

uint32_t
__wrap_arc4random(void)
{
	uint32_t	 v;
	long		 n;

	do
		n = syscall(SYS_getrandom, &v, sizeof(v), 0);
	while (n < 0 && errno == EINTR);
	if (n != (long)sizeof(v))
		abort();
	return v;
}
