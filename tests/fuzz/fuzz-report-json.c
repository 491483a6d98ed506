/* fuzz-report-json.c - libFuzzer harness: a log's report as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_REPORT_FORMAT LD_REPORT_FORMAT_JSON

#include "fuzz-report.h"
