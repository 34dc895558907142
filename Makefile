# Quire: a blog engine in C. See README.md.
#   make            build build/quire
#   make run        serve the demo blog through nginx at http://127.0.0.1:8080
#   make test       the whole test suite, also under ASan+UBSan
#   make fuzz       explore with the fuzz harnesses (FUZZ_SECONDS=60 each)
#   make bench      requests/s, latency and memory; writes docs/PERFORMANCE.md
#   make soak       readers (wrk) and an author saving, 60 s (SOAK_SECONDS=)
#   make slow       slowloris and slow POST (slowhttptest) against nginx
#   make scan       sqlmap and wapiti against a running instance
#   make deps       install the Debian packages the above need (as root)
#
# CPPFLAGS, CFLAGS and LDFLAGS are honoured, so Debian's hardening flags
# apply: make CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)" ...

PKGS      = fcgi sqlite3 libcmark libsodium inih yaml-0.1 libxml-2.0 libsystemd \
            libarchive libseccomp
CC       ?= cc
FUZZ_CC  ?= clang
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
            -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
# The fallbacks serve a make run on a machine that make deps is still
# equipping (the variables are read before deps runs).
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null || echo -I/usr/include/libxml2)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lfcgi -lsqlite3 -lcmark -lsodium -linih -lyaml -lxml2 -lsystemd -larchive -lseccomp)
# Ours, before the caller's: the caller's CPPFLAGS may add, not take away.
QCPPFLAGS = -D_GNU_SOURCE -Isrc -Ibuild $(PKG_CFLAGS)
DEPFLAGS  = -MMD -MP
SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# The one list of modules: the program, the unit tests, the fuzz harnesses
# and the bench tools all link these. PROGRAM is the command line, for the
# binary only.
MODULES   = arena buf clock log utf8 html date valid setting post \
            htmlctx hcblock tmplc tmpl_load tmpl markdown \
            auth throttle pwslot mediatype req resp config \
            db db_migrate db_post db_user db_session db_failure db_secret \
            db_setting \
            db_stamp db_snap db_sitemap sitemap db_tag tag \
            db_backup \
            sitecache rcache route view body gate httpcache app \
            h_home h_archive h_article h_page h_sitemap h_robots h_tag \
            h_search search db_search db_archive \
            redirect db_redirect h_redirect h_admin_redirects \
            feed h_feed h_disclaimer \
            h_admin_auth h_admin_list h_admin_post h_admin_settings \
            port db_port fm fmdir fmw cfgfile db_check \
            wpautop mdwrite html2md wpdate wxr \
            multipart zipdir port_load port_export h_admin_tools \
            listen stop sandbox worker supervise cgi
# Issue 11, slow Markdown: what a text costs to render, asked before saving.
MODULES  += mdcost
PROGRAM   = main cmd_init cmd_user cmd_serve cmd_export cmd_import \
            cmd_backup cmd_check
SQL       = $(sort $(wildcard sql/migrations/*.sql)) sql/demo.sql
TEMPLATES = $(sort $(wildcard templates/*.html templates/*/*.html))
STATIC    = $(sort $(wildcard templates/static/*))
GEN       = embed_sql embed_templates embed_static

OBJ       = $(MODULES:%=build/obj/%.o) $(GEN:%=build/obj/%.o)
ASAN_OBJ  = $(MODULES:%=build/asan/%.o) $(GEN:%=build/asan/%.o)
FUZZ_OBJ  = $(MODULES:%=build/fuzz/obj/%.o) $(GEN:%=build/fuzz/obj/%.o)

UNIT      = $(patsubst tests/unit/%.c,%,$(sort $(wildcard tests/unit/test_*.c)))
FUZZERS   = $(patsubst tests/fuzz/fuzz_%.c,build/fuzz/fuzz_%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
BENCH     = build/bench/bin/gen build/bench/bin/floor build/bench/bin/startup \
            build/bench/bin/render

PORT     ?= 8080

# What make deps installs: libraries (checked with dpkg) and tools (checked
# by command, so a java or npm installed some other way is left alone).
DEBS_LIBS  = libfcgi-dev libsqlite3-dev libcmark-dev libsodium-dev libcmocka-dev \
             libclang-rt-14-dev libfaketime python3-feedparser \
             libinih-dev libyaml-dev libxml2-dev libsystemd-dev libarchive-dev \
             libseccomp-dev
DEBS_TOOLS = cc:gcc make:make pkg-config:pkg-config nginx:nginx \
             cgi-fcgi:libfcgi-bin sqlite3:sqlite3 curl:curl clang:clang wrk:wrk \
             java:default-jre-headless npm:npm \
             chromium:chromium ruby:ruby mandoc:mandoc \
             systemd-analyze:systemd man:man-db col:bsdextrautils \
             ss:iproute2 unzip:unzip pgrep:procps xxd:xxd \
             strace:strace valgrind:valgrind

.PHONY: all deps test-deps run test unit fuzzers fuzz bench bench-tools clean install \
        uninstall soak slow scan memcheck
# Objects are kept, not removed as intermediates of the pattern rules.
.SECONDARY:

all: build/quire

build/obj build/asan build/tests build/tests/asan build/fuzz/obj build/bench/bin:
	mkdir -p $@

# Generated sources: sql/ and templates/ built into the binary.
build/embed: src/embed.c | build/obj
	$(CC) $(WARN) -O1 -o $@ src/embed.c

build/embed_sql.c: build/embed $(SQL)
	build/embed embed_sql sql $(SQL) > $@.tmp && mv $@.tmp $@

build/embed_templates.c: build/embed $(TEMPLATES)
	build/embed embed_templates templates $(TEMPLATES) > $@.tmp && mv $@.tmp $@

build/embed_static.c: build/embed $(STATIC)
	build/embed embed_static templates/static $(STATIC) > $@.tmp && mv $@.tmp $@

# Objects. -MMD -MP writes each object's header dependencies beside it.
build/obj/%.o: src/%.c | build/obj
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) $(WARN) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/obj/%.o: build/%.c | build/obj
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) $(WARN) $(CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c | build/asan
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) $(DEPFLAGS) -c -o $@ $<

build/asan/%.o: build/%.c | build/asan
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) $(DEPFLAGS) -c -o $@ $<

# The fuzz build: clang, coverage for libFuzzer, ASan and UBSan.
build/fuzz/obj/%.o: src/%.c | build/fuzz/obj
	$(FUZZ_CC) $(QCPPFLAGS) $(WARN) -O1 -g $(SAN) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<

build/fuzz/obj/%.o: build/%.c | build/fuzz/obj
	$(FUZZ_CC) $(QCPPFLAGS) $(WARN) -O1 -g $(SAN) -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<

# Programs.
build/quire: $(OBJ) $(PROGRAM:%=build/obj/%.o)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/quire: $(ASAN_OBJ) $(PROGRAM:%=build/asan/%.o)
	$(CC) -g $(SAN) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# Unit tests link the modules (not main.c) with cmocka.
build/tests/%: tests/unit/%.c $(OBJ) | build/tests
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) $(WARN) -Wno-missing-prototypes -g $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS) -lcmocka

build/tests/asan/%: tests/unit/%.c $(ASAN_OBJ) | build/tests/asan
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) $(WARN) -Wno-missing-prototypes -g $(SAN) $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(ASAN_OBJ) $(PKG_LIBS) -lcmocka

unit: $(UNIT:%=build/tests/%) $(UNIT:%=build/tests/asan/%)

# libFuzzer harnesses: tests/fuzz/run.sh replays or explores with them.
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(QCPPFLAGS) $(WARN) -O1 -g $(SAN) -fsanitize=fuzzer $(DEPFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

fuzzers: $(FUZZERS)

# The bench's own programs; render links the modules like the unit tests.
build/bench/bin/gen: tests/bench/gen.c | build/bench/bin
	$(CC) -std=c11 -O2 -Wall -Wextra $(DEPFLAGS) -o $@ $< $(shell pkg-config --cflags --libs sqlite3)

build/bench/bin/floor: tests/bench/floor.c | build/bench/bin
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra $(DEPFLAGS) -o $@ $< $(shell pkg-config --cflags --libs fcgi)

build/bench/bin/startup: tests/bench/startup.c | build/bench/bin
	$(CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra $(DEPFLAGS) -o $@ $<

build/bench/bin/render: tests/bench/render.c $(OBJ) | build/bench/bin
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) -std=c11 -O2 -g -Wall -Wextra $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

# docs/SECURITY.md's figures on slow Markdown (issue 11).
build/bench/bin/mdcost: tests/bench/mdcost.c $(OBJ) | build/bench/bin
	$(CC) $(QCPPFLAGS) $(CPPFLAGS) -std=c11 -O2 -g -Wall -Wextra $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

bench-tools: $(BENCH)

-include $(wildcard build/obj/*.d build/asan/*.d build/tests/*.d \
    build/tests/asan/*.d build/fuzz/obj/*.d build/fuzz/*.d build/bench/bin/*.d)

deps:
	@missing=""; \
	for p in $(DEBS_LIBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	for t in $(DEBS_TOOLS); do \
	  command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t#*:}"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "deps: missing packages; as root run:"; \
	  echo "  apt-get install -y$$missing"; exit 1; fi; \
	echo "deps: installing$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing

run: deps build/quire
	PORT=$(PORT) bash src/run.sh

test: deps test-deps build/quire build/asan/quire unit fuzzers
	sh tests/run.sh

# The npm packages the tests drive (playwright-core, axe-core, vnu-jar),
# from tests/package-lock.json, before any suite runs: a registry that
# fails once is tried again, and a suite never waits on the network.
test-deps: deps
	@if [ -f tests/node_modules/playwright-core/package.json ] && \
	  [ -f tests/node_modules/axe-core/package.json ] && \
	  [ -f tests/node_modules/vnu-jar/build/dist/vnu.jar ]; then \
	  echo "test-deps: npm packages present"; exit 0; fi; \
	mkdir -p build; h=$$(mktemp -d); \
	for i in 1 2 3; do \
	  HOME=$$h npm ci --prefix tests --ignore-scripts --no-audit \
	    --no-fund >build/npm-ci.log 2>&1 && { rm -rf $$h; \
	    echo "test-deps: npm packages installed"; exit 0; }; \
	  echo "test-deps: npm ci failed (attempt $$i of 3):"; \
	  tail -n 5 build/npm-ci.log; sleep $$((i * 5)); \
	done; rm -rf $$h; exit 1

# Speed and memory, measured against nginx's static-file limit and a bare
# FastCGI floor; writes docs/PERFORMANCE.md. Never part of make test.
bench: deps build/quire bench-tools
	bash tests/bench/run.sh

# The end-to-end suites (MEMCHECK_SUITES, default run and admin) with
# quire serve under valgrind's memcheck: no error, no leak in any process.
# Minutes, so never part of make test.
memcheck: deps build/quire
	bash tests/memcheck/run.sh $(MEMCHECK_SUITES)

# Explores: FUZZ_SECONDS (default 60) per harness, after replaying the
# corpus and the regressions. make test only replays (tests/fuzz/run.sh).
# FUZZ="NAME ..." explores only those harnesses.
fuzz: fuzzers
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} sh tests/fuzz/run.sh explore $(FUZZ)

# Load and attack runs against nginx + quire (tests/load/): by hand, never
# in make test (they take minutes and measure time). Their tools are not in
# make deps: each target installs its own Debian packages if missing.
LOAD_DEBS = slowhttptest:slowhttptest sqlmap:sqlmap wapiti:wapiti
load-tool-%:
	@t=$*; p=$$(for d in $(LOAD_DEBS); do [ "$${d%%:*}" = $$t ] && echo $${d#*:}; done); \
	command -v $$t >/dev/null 2>&1 && exit 0; \
	if [ "$$(id -u)" != 0 ]; then echo "$@: as root run: apt-get install -y $$p"; exit 1; fi; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$p

soak: deps build/quire
	SOAK_SECONDS=$${SOAK_SECONDS:-60} bash tests/load/soak.sh build/quire

slow: deps build/quire load-tool-slowhttptest
	bash tests/load/slow.sh build/quire

scan: deps build/quire load-tool-sqlmap load-tool-wapiti
	bash tests/load/scan.sh build/quire

# make install PREFIX=/usr/local DESTDIR=: the binary, the static files
# (nginx serves them: docs/nginx/), the nginx and systemd files with the
# installed paths written in, the man pages and the example configuration.
# The configuration lives in /etc whatever the prefix (quire reads
# /etc/quire/quire.conf by default); units go where systemd looks for a
# prefix's own (/usr/local/lib/systemd/system is on its path). make
# uninstall removes exactly these files, and the folders of quire's own
# if they are empty: never a configuration file written since.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
SYSCONFDIR ?= /etc
UNITDIR    ?= $(PREFIX)/lib/systemd/system
INST_UNITS = $(sort $(wildcard docs/systemd/*.service docs/systemd/*.socket \
             docs/systemd/*.timer))
INST_NGINX = $(sort $(wildcard docs/nginx/*.conf))
INST_MAN1  = $(sort $(wildcard docs/*.1))
INST_MAN5  = $(sort $(wildcard docs/*.5))
INST_CONF  = $(sort $(wildcard docs/*.conf.example))
# The files name the /usr/local paths; installed, they name the real ones.
INST_SED   = sed -e 's|/usr/local/bin/quire|$(BINDIR)/quire|g' \
             -e 's|/usr/local/share/quire/|$(DATADIR)/quire/|g' \
             -e 's|/etc/quire/|$(SYSCONFDIR)/quire/|g'

install: build/quire
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/quire/static \
	    $(DESTDIR)$(DATADIR)/quire/nginx $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(SYSCONFDIR)/quire
	install -m 0755 build/quire $(DESTDIR)$(BINDIR)/quire
	install -m 0644 $(STATIC) $(DESTDIR)$(DATADIR)/quire/static/
	for f in $(INST_NGINX); do \
	  $(INST_SED) $$f > $(DESTDIR)$(DATADIR)/quire/nginx/$${f##*/} && \
	  chmod 0644 $(DESTDIR)$(DATADIR)/quire/nginx/$${f##*/} || exit 1; \
	done
	for f in $(INST_UNITS); do \
	  $(INST_SED) $$f > $(DESTDIR)$(UNITDIR)/$${f##*/} && \
	  chmod 0644 $(DESTDIR)$(UNITDIR)/$${f##*/} || exit 1; \
	done
	for f in $(INST_CONF); do \
	  $(INST_SED) $$f > $(DESTDIR)$(SYSCONFDIR)/quire/$${f##*/} && \
	  chmod 0644 $(DESTDIR)$(SYSCONFDIR)/quire/$${f##*/} || exit 1; \
	done
	$(if $(INST_MAN1),install -m 0644 $(INST_MAN1) $(DESTDIR)$(MANDIR)/man1/)
	$(if $(INST_MAN5),install -m 0644 $(INST_MAN5) $(DESTDIR)$(MANDIR)/man5/)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/quire \
	    $(STATIC:templates/static/%=$(DESTDIR)$(DATADIR)/quire/static/%) \
	    $(INST_NGINX:docs/nginx/%=$(DESTDIR)$(DATADIR)/quire/nginx/%) \
	    $(INST_UNITS:docs/systemd/%=$(DESTDIR)$(UNITDIR)/%) \
	    $(INST_CONF:docs/%=$(DESTDIR)$(SYSCONFDIR)/quire/%) \
	    $(INST_MAN1:docs/%=$(DESTDIR)$(MANDIR)/man1/%) \
	    $(INST_MAN5:docs/%=$(DESTDIR)$(MANDIR)/man5/%)
	rmdir $(DESTDIR)$(DATADIR)/quire/static $(DESTDIR)$(DATADIR)/quire/nginx \
	    $(DESTDIR)$(DATADIR)/quire $(DESTDIR)$(SYSCONFDIR)/quire 2>/dev/null || true

clean:
	rm -rf build
