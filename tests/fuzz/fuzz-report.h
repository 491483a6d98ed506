/* fuzz-report.h - libFuzzer harness body: one log analysed and rendered as a report
 *
 * Each renderer has its own harness (fuzz-report-pdf.c, -md, -csv, -json)
 * that defines FUZZ_REPORT_FORMAT and includes this. The first byte picks
 * the options (paper, the wizard's steps, --full), so that every path of
 * the writers is reached; the rest is the log. Redaction re-reads the
 * inputs from their files and has its own harness (fuzz-redact.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "config.h"

#include <string.h>

#include "lyncdiag.h"
#include "ld-report.h"
#include "ld-wizard.h"

/* Bigger inputs say nothing new to the renderers and slow the fuzzer; the
 * tests render huge values on purpose (test-report.c). */
#define FUZZ_REPORT_MAX_INPUT (128 * 1024)

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(LdWizard) wizard = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LdReportOptions options;
  guint8 flags;

  if (size < 1 || size > FUZZ_REPORT_MAX_INPUT)
    return 0;
  flags = data[0];
  analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  ld_analysis_add_data (analysis, "fuzz.uccapilog", (const char *) data + 1, size - 1, NULL);
  ld_analysis_finish (analysis);

  ld_report_options_init (&options);
  options.format = FUZZ_REPORT_FORMAT;
  options.paper = (flags & 2) ? LD_REPORT_PAPER_LETTER : LD_REPORT_PAPER_A4;
  options.full = (flags & 8) != 0;
  if (flags & 4)
    {
      wizard = ld_wizard_new (analysis);
      options.wizard = wizard;
      options.wizard_func = ld_report_collect_wizard;
    }
  bytes = ld_report_render (analysis, &options, NULL, &error);
  g_assert (bytes != NULL);
  g_assert (error == NULL);
  if (FUZZ_REPORT_FORMAT == LD_REPORT_FORMAT_PDF)
    g_assert (g_bytes_get_size (bytes) > 4 && memcmp (g_bytes_get_data (bytes, NULL), "%PDF", 4) == 0);
  else
    g_assert (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  if (FUZZ_REPORT_FORMAT == LD_REPORT_FORMAT_MARKDOWN && !options.full)
    g_assert (g_bytes_get_size (bytes) <= LD_REPORT_MARKDOWN_LIMIT);
  return 0;
}
