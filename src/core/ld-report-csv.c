/* ld-report-csv.c - the attempts as CSV, one row each, for spreadsheets and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include "ld-format.h"
#include "ld-report-private.h"

static void
csv_log_field (GString         *out,
               LdReportContext *ctx,
               const char      *value)
{
  g_autofree char *s = _ld_report_str (ctx, value);

  ld_format_csv_field (out, s, FALSE);
}

char *
_ld_report_render_csv (LdReportContext *ctx)
{
  GString *out = g_string_new (NULL);
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);
  /* A machine format, for spreadsheets and scripts: the column names and
   * the kind, modality, direction and outcome values stay English in every
   * locale, like the JSON (ld_*_to_string, not ld_*_get_label). */
  static const char * const columns[] = {
    "attempt", "start", "end", "duration_ms", "kind", "modality", "direction", "target",
    "remote_party", "outcome", "status", "status_reason", "diagnostic_header", "code",
    "diagnostic_reason", "ice_warn", "call_id", "findings",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    ld_format_csv_field (out, columns[i], i + 1 == G_N_ELEMENTS (columns));

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);
      g_autofree char *id = g_strdup_printf ("%u", a->id);
      g_autofree char *start = ld_time_format_iso (a->start);
      g_autofree char *end = ld_time_format_iso (a->end);
      /* No duration without a response: the attempt was not measured. */
      g_autofree char *lasted = _ld_report_dup_duration (a);
      g_autofree char *dur = lasted != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, a->end - a->start)
                                            : g_strdup ("");
      g_autofree char *status = a->status > 0 ? g_strdup_printf ("%d", a->status) : g_strdup ("");
      g_autofree char *code = _ld_report_dup_attempt_code (a);
      g_autoptr(GString) ice = g_string_new (NULL);
      g_autoptr(GString) ids = g_string_new (NULL);

      for (guint m = 0; d != NULL && m < d->media->len; m++)
        {
          const LdMediaDebug *md = d->media->pdata[m];

          if (md->has_ice_warn)
            g_string_append_printf (ice, "%s0x%x", ice->len ? " " : "", md->ice_warn);
        }
      for (guint f = 0; a->findings != NULL && f < a->findings->len; f++)
        g_string_append_printf (ids, "%s%s", ids->len ? ";" : "",
                                ((const LdFinding *) a->findings->pdata[f])->id);

      ld_format_csv_field (out, id, FALSE);
      ld_format_csv_field (out, start, FALSE);
      ld_format_csv_field (out, end, FALSE);
      ld_format_csv_field (out, dur, FALSE);
      ld_format_csv_field (out, ld_attempt_kind_to_string (a->kind), FALSE);
      ld_format_csv_field (out, ld_modality_to_string (a->modality), FALSE);
      ld_format_csv_field (out, a->incoming ? "incoming" : "outgoing", FALSE);
      csv_log_field (out, ctx, a->target);
      csv_log_field (out, ctx, a->remote_party);
      ld_format_csv_field (out, ld_outcome_to_string (a->outcome), FALSE);
      ld_format_csv_field (out, status, FALSE);
      csv_log_field (out, ctx, a->status_reason);
      ld_format_csv_field (out, d ? ld_diag_header_to_string (d->header) : "", FALSE);
      ld_format_csv_field (out, code, FALSE);
      csv_log_field (out, ctx, d ? d->reason : NULL);
      ld_format_csv_field (out, ice->str, FALSE);
      csv_log_field (out, ctx, a->call_id);
      ld_format_csv_field (out, ids->str, TRUE);
    }
  return g_string_free (out, FALSE);
}
