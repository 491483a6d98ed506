/* fuzz-report-md.c - libFuzzer harness: a log's report as Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_REPORT_FORMAT LD_REPORT_FORMAT_MARKDOWN

#include "fuzz-report.h"
