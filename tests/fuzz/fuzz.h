/*
 * fuzz.h: what the harnesses share. CHECK() states an invariant of the code
 * under test; a violation aborts, which libFuzzer reports as a crash and
 * saves the input for. The message goes through the sanitizer's report
 * channel, which survives run.sh silencing stderr (-close_fd_mask=2, to mute
 * the log lines that rejected input makes src/log.c write).
 */
#ifndef QUIRE_FUZZ_H
#define QUIRE_FUZZ_H

#include <stdint.h>
#include <stdlib.h>

#include <sanitizer/common_interface_defs.h>

#define FUZZ_STR_(x)	#x
#define FUZZ_STR(x)	FUZZ_STR_(x)

#define CHECK(cond)	do {						\
	if (!(cond)) {							\
		__sanitizer_report_error_summary(__FILE__ ":"		\
		    FUZZ_STR(__LINE__) ": invariant failed: " #cond);	\
		abort();						\
	}								\
} while (0)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif
