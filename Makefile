# Vellum: one plain GNU Makefile.  `make run` starts the whole stack,
# `make test` runs every test layer, `make bench` measures.
# Builds go to build/ (normal) and build/asan/ (ASan+UBSan for unit suites).

BUILD	?= build
CC	 = gcc
CXX	 = g++
PKGS	 = libctemplate fcgi libcurl libsodium inih liboath libqrencode jansson libical pangocairo openssl
PKGCFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(shell mariadb_config --cflags 2>/dev/null)
PKGLIBS	  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(shell mariadb_config --libs 2>/dev/null)
HARDEN	 = -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fstack-clash-protection -fcf-protection -fPIE
# The anchors' warnings; `make test` adds -Werror (WERROR), so a new
# warning fails the build there while a developer's build only reports it.
WARN	 = -Wall -Wextra -Wformat=2 -Wformat-security -Wno-unused-parameter -Wshadow \
	   -Wpointer-arith -Wcast-qual -Wconversion -Wstrict-prototypes -Wmissing-prototypes \
	   -Wmissing-declarations $(WERROR)
CXXWARN	 = -Wall -Wextra -Wshadow -Wpointer-arith -Wcast-qual -Wconversion \
	   -Wmissing-declarations $(WERROR)
WERROR	?=
OPT	?= -O2 -g
SAN	?=
# A FastCGI process's resident memory is mostly pages of the files it maps
# (docs/performance.md, "Memory of a FastCGI process").  Each function and
# object in a section of its own and --gc-sections: what a program never
# references, of lib/ and of the static archives, is not in its file.
# Relative relocations packed (DT_RELR, glibc 2.36): the loader reads a few
# hundred bytes instead of 140 KiB of a PIE's relocation table at start.
SECTIONS = -ffunction-sections -fdata-sections
CFLAGS	 = -std=c17 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(OPT) $(SECTIONS) $(WARN) $(HARDEN) $(SAN) -Ilib $(PKGCFLAGS)
CXXFLAGS = -std=c++11 $(OPT) $(SECTIONS) $(CXXWARN) $(HARDEN) $(SAN) -Ilib $(PKGCFLAGS)
LDFLAGS	 = -pie -Wl,-z,relro,-z,now -Wl,--as-needed -Wl,--gc-sections -Wl,-z,pack-relative-relocs $(SAN)
LDLIBS	 = $(PKGLIBS) -lmagic -lstdc++

LIB_C	 = util buf pool log conf input valid ctx req front run out page db pw sess csrf notify audit mail store sniff matter portal event tz doc docstore share signin signinurl account msg outbox housekeep money fielderr setup settings logo staff auditlog export tar listing contact matters activity totp twofactor tfstate myaccount mypage ratelimit rshare
LIB_C += msgpage
LIB_C += fcgiin
LIB_C += mfield
LIB_C	+= feed feedcursor picks matterscopy feedcopy pagefile pagecodec tplrec pagememo sessfacts clientcopy firmcopy
LIB_C += task note recmark notetext recsave
LIB_C	+= recur ical calendar calview
LIB_C	+= portalview
LIB_C	+= formval form pdf
LIB_C	+= stripesig stripe payment
LIB_C	+= bill paylink envelope words billpdf
LIB_OBJ	 = $(LIB_C:%=$(BUILD)/lib/%.o) $(BUILD)/lib/tpl.o
LIBA	 = $(BUILD)/libvellum.a

# The programs are those of cgi-bin/routes.list: a new route's program is built.
CGI	:= $(shell bin/routes programs)
ifeq ($(strip $(CGI)),)
$(error bin/routes found no programs in cgi-bin/routes.list)
endif
CGI_BIN	 = $(CGI:%=$(BUILD)/cgi-bin/%)
BINS	 = vellumctl mailer
BIN_BIN	 = $(BINS:%=$(BUILD)/bin/%)

# Every tests/unit/test_*.c is a suite: a new file runs without being listed.
UNIT	 = $(notdir $(basename $(wildcard tests/unit/test_*.c)))
UNIT_BIN = $(UNIT:%=$(BUILD)/tests/%)
# cmocka suites that need the test stack's database (run by tests/run-all)
DBTEST	 = $(notdir $(basename $(wildcard tests/db/test_*.c)))
DBTEST_BIN = $(DBTEST:%=$(BUILD)/tests/db/%)

.PHONY: all deps run stop test unit unit-asan dbtests fuzz bench check check-templates clean dist-cgi

all: $(CGI_BIN) $(BIN_BIN)

$(BUILD)/lib/%.o: lib/%.c lib/vellum.h lib/stmts.def $(wildcard lib/sql/*.def) $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/lib/tpl.o: lib/tpl.cc lib/vellum.h lib/tplrec.h lib/internal.h
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The programs carry the small, permissively licensed libraries and the C++
# runtime (and liboath, LGPL, built from this source on the host) inside
# them instead of binding their symbols at every start: under plain CGI
# each request starts a process (docs/performance.md).  A program is
# linked again when one of those archives changes, so `make` after a
# Debian update of one (libfcgi, libmagic, ...) brings its fixes in.
# MariaDB's client and OpenSSL stay shared: updated without a rebuild.
CGI_STATIC = -lctemplate -lfcgi -lsodium -linih -ljansson -lmagic -llzma -lbz2 -lz -lstdc++ -loath
CGI_ARCHIVES := $(foreach l,$(CGI_STATIC:-l%=%),$(shell $(CC) -print-file-name=lib$(l).a))
# The unwinder too (-static-libgcc: GCC's runtime exception): only the C++
# runtime and ctemplate use it, and a process then maps no libgcc_s.so.1
# (100 KiB resident, the loader's work at start).
CGI_LDLIBS = -static-libgcc -Wl,-Bstatic $(CGI_STATIC) -Wl,-Bdynamic $(filter-out $(CGI_STATIC),$(LDLIBS))

# The code a page runs first in the file (lib/hot.ld, written by
# tests/bench/hot-order from what the followed programs execute): the
# kernel maps a file's code 64 KiB around each page touched, and with the
# code that runs scattered among the code that never does (the C++
# runtime's locale facets, libsodium's unused primitives) every window of
# a program's code was resident.  CGI_MAP=1 writes each program's link map
# beside it (for tests/bench/hot-order).
HOT_LD	 = lib/hot.ld
CGI_MAP	?=
CGI_MAP_LD = -Wl,-Map=$@.map
$(BUILD)/cgi-bin/%: cgi-bin/%.c $(LIBA) $(CGI_ARCHIVES) $(HOT_LD)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,-T,$(HOT_LD) $(if $(CGI_MAP),$(CGI_MAP_LD)) -o $@ $< $(LIBA) $(CGI_LDLIBS)

$(BUILD)/bin/%: bin/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/vectors.h $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS) -lcmocka

$(BUILD)/tests/db/%: tests/db/%.c tests/db/dbtest.c tests/db/dbtest.h $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< tests/db/dbtest.c $(LIBA) $(LDLIBS) -lcmocka

dbtests: $(DBTEST_BIN)

# `make dist-cgi`: build/dist/vellum-cgi-$(VERSION).tar.gz, the programs for
# a host without our libraries (docs/install.md).  The permissively licensed
# libraries and the C++ runtime are linked in; the others (MariaDB
# Connector/C, liboath, libqrencode: LGPL; libcurl and what it needs) are
# shipped beside the programs in lib/, found through an RPATH of
# $ORIGIN/../lib (DT_RPATH, not RUNPATH: it also serves the shipped
# libraries' own needs), with the C library and its loader, which start
# every program (bin/dist-cgi, bin/cgi-layout).  Linked in: what the
# programs of `make all` link in, but liboath (LGPL: shipped, relinkable).
VERSION	?= $(shell git log -1 --format=%cd-%h --date=format:%Y%m%d 2>/dev/null || echo dev)
DIST_STATIC = $(filter-out -loath,$(CGI_STATIC))
DIST_LDFLAGS = $(LDFLAGS) -Wl,-rpath,'$$ORIGIN/../lib' -Wl,--disable-new-dtags
DIST_LDLIBS = -Wl,-Bstatic $(DIST_STATIC) -Wl,-Bdynamic $(filter-out $(DIST_STATIC),$(LDLIBS))
DIST_LINK = $(BUILD)/dist-link
# Each program is linked the shared way first, OpenSSL reading the
# tarball's own openssl.cnf, never the host's (lib/sslconf.c, linked into
# these only).  That is how the programs with libcurl ship: libcurl loads
# libssl.so.3 and libcrypto.so.3, and a second OpenSSL inside the program
# would split one process's OpenSSL in two.
DIST_SSLCONF = $(BUILD)/lib/sslconf.o

$(DIST_LINK)/cgi-bin/%: cgi-bin/%.c $(LIBA) $(DIST_SSLCONF)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DIST_LDFLAGS) -o $@ $< $(DIST_SSLCONF) $(LIBA) $(DIST_LDLIBS)

$(DIST_LINK)/bin/%: bin/%.c $(LIBA) $(DIST_SSLCONF)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(DIST_LDFLAGS) -o $@ $< $(DIST_SSLCONF) $(LIBA) $(DIST_LDLIBS)

# The programs without libcurl carry MariaDB's client and OpenSSL too (a
# plain-CGI request then binds no libcrypto symbols at its start), linked
# at a fixed address (-no-pie: libcrypto's tables of pointers need no
# relocation, so they stay pages of the file shared by every process),
# and those that need the same shared libraries are one file with a
# hard link a program (lib/cgimulti.c): multi/GROUP.list names them,
# multi/vellum-cgi-GROUP is the file, GROUP the first shared library
# beyond the C library's, MariaDB's and OpenSSL's that they need, else
# magic for the three that sniff uploads (libmagic, with xz's start-up
# that asks the processor for its features), else base: a page such as
# the matters list then starts no code it never runs.  Connector/C is under
# the LGPL: multi/vellum-cgi-GROUP.o is the file without it and OpenSSL
# (everything else resolved), shipped in relink/ so that a user can link
# the program with a Connector/C of their own (bin/dist-cgi writes how).
# libgcc is linked in too: libgcc_s.so's load and its start (which asks
# the processor for its features, slow in a virtual machine) cost each
# request about 110 us.  The code that runs first in the file, as for the
# build's programs (lib/hot.ld): fewer page faults at each start.  See
# docs/performance.md, "Plain CGI".
DIST_MULTI = $(DIST_LINK)/multi
DIST_OWN = -lmariadb -lssl -lcrypto
DIST_OWN_LDFLAGS = $(filter-out -pie,$(DIST_LDFLAGS)) -no-pie -static-libgcc -Wl,-T,$(HOT_LD)
# -lc before -lm: a function both export (frexp, which a linked library
# uses) binds to the C library, and a program needs libm.so only for what
# only libm has; the base programs then load no libm (its search through
# the tarball's lib/ and its symbols, on every plain-CGI request).
DIST_OWN_LDLIBS = -Wl,-Bstatic $(DIST_OWN) $(DIST_STATIC) -Wl,-Bdynamic \
	$(filter-out $(DIST_STATIC) $(DIST_OWN),$(LDLIBS)) -lc -lm
DIST_BASE_NEEDED = ld-linux-x86-64 libc libm libgcc_s libmariadb libssl libcrypto

# A program's main() becomes vl_main_<program> (its only global name).
$(DIST_MULTI)/%.o: cgi-bin/%.c lib/vellum.h $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -Wno-missing-declarations -Dmain=vl_main_$* -c -o $@ $<

$(DIST_MULTI)/stamp: $(CGI:%=$(DIST_LINK)/cgi-bin/%) $(CGI:%=$(DIST_MULTI)/%.o) $(LIBA) lib/cgimulti.c $(HOT_LD)
	@rm -rf $(DIST_MULTI)/groups $(DIST_MULTI)/*.list $(DIST_MULTI)/vellum-cgi-* && mkdir -p $(DIST_MULTI)/groups
	@for p in $(CGI); do \
	    n=$$(objdump -p $(DIST_LINK)/cgi-bin/$$p | awk '$$1 == "NEEDED" { sub(/\.so.*/, "", $$2); print $$2 }'); \
	    case " "$$(echo $$n)" " in *" libcurl "*) continue ;; esac; \
	    g=$$(for l in $$n; do case " $(DIST_BASE_NEEDED) " in *" $$l "*) ;; *) l=$${l#lib}; echo $${l%%-*} ;; esac; done | head -n1); \
	    [ -n "$$g" ] || ! nm $(DIST_LINK)/cgi-bin/$$p | grep -q ' T magic_open$$' || g=magic; \
	    echo $$p >> $(DIST_MULTI)/$${g:-base}.list; \
	done
	@for l in $(DIST_MULTI)/*.list; do \
	    g=$$(basename $$l .list); mkdir -p $(DIST_MULTI)/groups/$$g; \
	    sed 's/.*/VL_PROG(&)/' $$l > $(DIST_MULTI)/groups/$$g/progs.inc; \
	    echo "vellum-cgi-$$g: $$(wc -l < $$l) programs"; \
	    $(CC) $(CFLAGS) -I$(DIST_MULTI)/groups/$$g -c -o $(DIST_MULTI)/groups/$$g/main.o lib/cgimulti.c && \
	    $(CC) $(CFLAGS) $(DIST_OWN_LDFLAGS) -o $(DIST_MULTI)/vellum-cgi-$$g $(DIST_MULTI)/groups/$$g/main.o \
	        $$(sed 's|.*|$(DIST_MULTI)/&.o|' $$l) $(LIBA) $(DIST_OWN_LDLIBS) && \
	    $(CC) -r -nostdlib -o $(DIST_MULTI)/vellum-cgi-$$g.o $(DIST_MULTI)/groups/$$g/main.o \
	        $$(sed 's|.*|$(DIST_MULTI)/&.o|' $$l) $(LIBA) -Wl,-Bstatic $(DIST_STATIC) || exit 1; \
	done
	@touch $@

dist-cgi: $(CGI:%=$(DIST_LINK)/cgi-bin/%) $(BINS:%=$(DIST_LINK)/bin/%) $(DIST_MULTI)/stamp
	@bin/dist-cgi $(DIST_LINK) $(BUILD)/dist $(VERSION)

# Debian packages and npm tools; installs when root, else says what to run.
deps:
	@bin/stack deps

# deps first, then a fresh make: the compiler flags above come from
# pkg-config and mariadb_config, which deps may only just have installed.
run: deps
	@$(MAKE) --no-print-directory all
	@bin/stack run

stop:
	@bin/stack stop

unit: $(UNIT_BIN)
	@tests/run-unit $(UNIT_BIN)

unit-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	    HARDEN="" SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	    $(UNIT:%=build/asan/tests/%)

fuzz: deps
	@tests/fuzz/run $${FUZZ_SECONDS:-60}

check: check-templates

check-templates:
	@bin/stack check-templates

test: deps
	@$(MAKE) --no-print-directory WERROR=-Werror all dbtests
	@WERROR=-Werror tests/run-all

# The bills' and webhooks' benches first, each on its own stack: the main
# bench's last line stays `ratio signed-in/static: R`.
bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/bills
	@tests/bench/webhooks
	@tests/bench/run

clean:
	rm -rf build
