/* ld-report-pdf-private.h - what the PDF report's parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-report-private.h"
#include "ld-report-typeset.h"

G_BEGIN_DECLS

#define LD_PDF_BODY_SIZE   8.8
#define LD_PDF_SMALL_SIZE  7.8
#define LD_PDF_MONO_SIZE   7.3
/* The app's diagrams are designed in pixels for a window this wide;
 * scaled to the text width they keep their proportions. */
#define LD_PDF_PICTURE_WIDTH 760.0

typedef struct
{
  LdReportContext *ctx;
  LdTypeset       *ts;
  LdMetrics       *diagrams;   /* the diagrams' fonts, at 96 dpi */
} LdReportPdf;

void  _ld_report_pdf_text          (LdReportPdf        *pdf,
                                    const char         *str,
                                    double              size,
                                    const LdRgb        *color,
                                    double              space_after);
void  _ld_report_pdf_key_values    (LdReportPdf        *pdf,
                                    const char * const *pairs,
                                    guint               n_pairs);
void  _ld_report_pdf_code          (LdReportPdf        *pdf,
                                    const char         *str);
void  _ld_report_pdf_example       (LdReportPdf        *pdf,
                                    const LdReportGroup *group);
char *_ld_report_pdf_dup_page_ref  (LdReportPdf        *pdf,
                                    const char         *anchor);
char *_ld_report_pdf_attempt_anchor (guint              attempt_id);

G_END_DECLS
