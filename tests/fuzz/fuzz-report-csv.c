/* fuzz-report-csv.c - libFuzzer harness: a log's report as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_REPORT_FORMAT LD_REPORT_FORMAT_CSV

#include "fuzz-report.h"
