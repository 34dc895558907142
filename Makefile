# Quire: a blog engine in C. See README.md.
#   make            build build/quire
#   make run        serve the demo blog through nginx at http://127.0.0.1:8080
#   make test       the whole test suite, also under ASan+UBSan
#   make fuzz       the fuzz harnesses, longer (FUZZ_SECONDS=60)
#   make bench      requests/s, latency and memory; writes docs/PERFORMANCE.md
#   make deps       install the Debian packages the above need (as root)

PKGS      = fcgi sqlite3 libcmark libsodium
CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Werror -Wshadow -Wpointer-arith \
            -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CPPFLAGS += -D_GNU_SOURCE -Isrc -Ibuild
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lfcgi -lsqlite3 -lcmark -lsodium)
SAN       = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Modules of the program; main.c is added for the binary only.
MODULES   = arena buf log html date tmpl req resp route db markdown auth \
            app h_public h_admin server
SQL       = $(sort $(wildcard sql/migrations/*.sql)) sql/demo.sql
TEMPLATES = $(sort $(wildcard templates/*.html templates/*/*.html))
GEN       = build/embed_sql.c build/embed_templates.c

OBJ       = $(MODULES:%=build/obj/%.o) $(GEN:build/%.c=build/obj/%.o)
ASAN_OBJ  = $(MODULES:%=build/asan/%.o) $(GEN:build/%.c=build/asan/%.o)

UNIT      = $(patsubst tests/unit/%.c,%,$(sort $(wildcard tests/unit/test_*.c)))

PORT     ?= 8080

# What make deps installs: libraries (checked with dpkg) and tools (checked
# by command, so a java or npm installed some other way is left alone).
DEBS_LIBS  = libfcgi-dev libsqlite3-dev libcmark-dev libsodium-dev libcmocka-dev \
             libclang-rt-14-dev
DEBS_TOOLS = cc:gcc make:make pkg-config:pkg-config nginx:nginx \
             cgi-fcgi:libfcgi-bin sqlite3:sqlite3 curl:curl clang:clang wrk:wrk \
             java:default-jre-headless npm:npm \
             chromium:chromium

.PHONY: all deps run test unit fuzz bench clean install

all: build/quire

build/obj build/asan build/tests build/tests/asan:
	mkdir -p $@

build/embed: src/embed.c | build/obj
	$(CC) $(WARN) -O1 -o $@ src/embed.c

build/embed_sql.c: build/embed $(SQL)
	build/embed embed_sql sql $(SQL) > $@.tmp && mv $@.tmp $@

build/embed_templates.c: build/embed $(TEMPLATES)
	build/embed embed_templates templates $(TEMPLATES) > $@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c src/*.h | build/obj
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

build/obj/%.o: build/%.c src/embed.h | build/obj
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c src/*.h | build/asan
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) -O1 -g $(SAN) -c -o $@ $<

build/asan/%.o: build/%.c src/embed.h | build/asan
	$(CC) $(CPPFLAGS) $(WARN) -O1 -g $(SAN) -c -o $@ $<

build/quire: $(OBJ) build/obj/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/quire: $(ASAN_OBJ) build/asan/main.o
	$(CC) -g $(SAN) -o $@ $^ $(PKG_LIBS)

# Unit tests link the modules (not main.c) with cmocka.
build/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(OBJ) | build/tests
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) -Wno-missing-prototypes -g -o $@ $< $(OBJ) $(PKG_LIBS) -lcmocka

build/tests/asan/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(ASAN_OBJ) | build/tests/asan
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(WARN) -Wno-missing-prototypes -g $(SAN) -o $@ $< $(ASAN_OBJ) $(PKG_LIBS) -lcmocka

unit: $(UNIT:%=build/tests/%) $(UNIT:%=build/tests/asan/%)

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

test: deps build/quire build/asan/quire unit
	sh tests/run.sh

# Speed and memory, measured against nginx's static-file limit and a bare
# FastCGI floor; writes docs/PERFORMANCE.md. Never part of make test.
bench: deps build/quire
	bash tests/bench/run.sh

fuzz: build/asan/quire
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} sh tests/fuzz/run.sh

install: build/quire
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 build/quire $(DESTDIR)$(PREFIX)/bin/quire

PREFIX ?= /usr/local

clean:
	rm -rf build
