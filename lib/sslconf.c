/*
 * Linked only into the dist-cgi tarball's programs that keep OpenSSL
 * shared (those with libcurl: vellumctl, the mailer, the payment
 * programs; see the Makefile's DIST_OWN).  The OpenSSL they load is the
 * tarball's own, in lib/, but it would read the host's openssl.cnf
 * (Debian's OPENSSLDIR, /usr/lib/ssl): on a shared host that is another
 * OpenSSL's file, or another distribution's crypto policy naming
 * providers this OpenSSL does not have.  Before main, OpenSSL starts here
 * with the tarball's copy of the configuration it was built with,
 * share/openssl.cnf (bin/dist-cgi), found beside the running file: the
 * programs run through the shipped loader, lib/ld-linux-x86-64.so.2, so
 * /proc/self/exe is in lib/ (or in cgi-bin/ or libexec/ when started
 * without it), one level under the install.  Without /proc (a chroot),
 * OpenSSL starts with no configuration at all, never the host's.
 * docs/install.md, "Installing from the dist-cgi tarball".
 */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#define CONF_REL	"/../share/openssl.cnf"

__attribute__((constructor)) static void
tarball_openssl(void)
{
	OPENSSL_INIT_SETTINGS	*s;
	char			 path[PATH_MAX];
	ssize_t			 n;
	char			*slash;

	n = readlink("/proc/self/exe", path, sizeof(path) - sizeof(CONF_REL));
	if (n <= 0 || (size_t)n >= sizeof(path) - sizeof(CONF_REL) ||
	    (path[n] = '\0', slash = strrchr(path, '/')) == NULL ||
	    (s = OPENSSL_INIT_new()) == NULL) {
		OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
		return;
	}
	memcpy(slash, CONF_REL, sizeof(CONF_REL));
	if (OPENSSL_INIT_set_config_filename(s, path) != 1 ||
	    OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, s) != 1)
		OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	OPENSSL_INIT_free(s);
}
