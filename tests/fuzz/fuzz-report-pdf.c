/* fuzz-report-pdf.c - libFuzzer harness: a log's report as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define FUZZ_REPORT_FORMAT LD_REPORT_FORMAT_PDF

#include "fuzz-report.h"
