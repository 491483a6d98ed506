/* ld-report-pdf-attempt.c - one attempt decoded in the PDF: its diagnostics, media and call flow
 *
 * The example of a cause: the attempt a reader can follow from the INVITE
 * to the header that explains it. Each diagnostic is decoded here once,
 * and the header is quoted once, exactly as logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-ladder.h"
#include "ld-report-pdf-private.h"

/* Beyond this, an attempt's diagnostics are counted, not decoded: a call
 * can carry thousands. */
#define MAX_DECODED_DIAGNOSTICS 3

char *
_ld_report_pdf_attempt_anchor (guint attempt_id)
{
  return g_strdup_printf ("attempt-%u", attempt_id);
}

/* "page 4"; in the first pass, a number as wide as most. */
char *
_ld_report_pdf_dup_page_ref (LdReportPdf *pdf,
                             const char  *anchor)
{
  int page = ld_typeset_lookup_anchor (pdf->ts, anchor);

  return g_strdup_printf (_("page %d"), page > 0 ? page : 99);
}

static char *
location_text (const LdMediaDebug *m)
{
  return g_strdup_printf (_("this side %s, other side %s%s"),
                          ld_location_describe (m->local_location),
                          ld_location_describe (m->remote_location),
                          m->federation_type < 0 ? "" :
                          m->federation_type > 0 ? _("; federated") : _("; not federated"));
}

static void
draw_media (LdReportPdf        *pdf,
            const LdMediaDebug *m)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *modality = _ld_report_value (ctx, m->modality ? m->modality : _("no modality given"));
  g_autofree char *loc = location_text (m);
  const char *role = m->role == LD_MEDIA_ROLE_CALLER ? _("Caller media") : _("Callee media");
  g_autoptr(LdText) title = ld_text_new (LD_PDF_BODY_SIZE);
  LdBlockStyle keep = { .space_before = 4, .space_after = 2, .keep_with_next = TRUE };

  ld_text_append (title, LD_FACE_SANS_BOLD, NULL, role);
  ld_text_append (title, LD_FACE_SANS_BOLD, NULL, " (");
  ld_text_append (title, LD_FACE_SANS_BOLD, NULL, modality);
  ld_text_append (title, LD_FACE_SANS_BOLD, NULL, ")");
  if (m->has_ice_warn)
    {
      g_autofree char *sum = ld_ice_warn_dup_sum (m->ice_warn);
      g_autofree char *value = g_strdup_printf (": ICEWarn=0x%x", m->ice_warn);

      ld_text_append (title, LD_FACE_SANS_BOLD, NULL, value);
      if (sum != NULL && strchr (sum, '+') != NULL)
        {
          ld_text_append (title, LD_FACE_SANS, NULL, " = ");
          ld_text_append (title, LD_FACE_SANS, NULL, sum);
        }
    }
  ld_typeset_text (pdf->ts, g_steal_pointer (&title), &keep);

  if (m->has_ice_warn)
    {
      LdIceBit bits[32];
      guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);
      const char *header[] = { _("ICEWarn bit"), _("Meaning (Lync Server 2010 Resource Kit, chapter 9)") };
      g_autoptr(LdTable) table = ld_table_new (2, LD_PDF_SMALL_SIZE);

      if (n == 0)
        _ld_report_pdf_text (pdf, _("No ICE warning (0x0): the connectivity checks reported no problem."),
                             LD_PDF_BODY_SIZE, NULL, 4);
      ld_table_set_column (table, 0, LD_COLUMN_MONO);
      ld_table_set_header (table, header);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *hex = g_strdup_printf ("0x%x", bits[i].bit);
          /* The meaning, not the advice: what to do is the causes' to say. */
          g_autofree char *meaning = g_strdup_printf ("%s%s", _(bits[i].meaning),
                                                      bits[i].expected ? _(" (often expected)") : "");
          const char *values[] = { hex, meaning };

          ld_table_add_row (table, values, NULL);
        }
      if (n > 0)
        ld_typeset_table (pdf->ts, table);
      ld_typeset_space (pdf->ts, 4);
    }
  /* The relays, candidate sites and port range are in the header quoted
   * above; only what needs decoding is said again, in words. */
  {
    const char *pairs[] = {
      _("Locations"), loc,
    };

    _ld_report_pdf_key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }
}

/* @brief: an informational header next to the failure's own (a 51007
 * in the 200 OK): said in a line and quoted, its media decoded only when
 * it warns. */
static void
draw_diagnostic (LdReportPdf        *pdf,
                 const LdDiagnostic *d,
                 gboolean            brief)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);
  g_autofree char *meaning_red = meaning ? _ld_report_value (ctx, meaning) : NULL;
  g_autofree char *reason = d->reason ? _ld_report_value (ctx, d->reason) : NULL;
  g_autofree char *source = d->source ? _ld_report_value (ctx, d->source) : NULL;
  g_autofree char *raw = d->raw ? _ld_report_value (ctx, d->raw) : NULL;
  g_autofree char *code = NULL;
  g_autofree char *title = NULL;

  if (d->subcode >= 0)
    code = g_strdup_printf ("%s %d.%d", ld_diag_header_to_string (d->header), d->code, d->subcode);
  else if (d->code >= 0)
    code = g_strdup_printf ("%s %d", ld_diag_header_to_string (d->header), d->code);
  else
    code = g_strdup (ld_diag_header_to_string (d->header));
  if (d->message != NULL)
    {
      g_autofree char *method = _ld_report_value (ctx, d->message->is_request ? d->message->method : NULL);
      g_autofree char *what = d->message->is_request ? g_strdup (method)
                                                     : g_strdup_printf ("%d", d->message->status);

      title = g_strdup_printf (d->message->direction == LD_DIRECTION_RECEIVED ?
                               _("%s, received in %s (line %llu)") : _("%s, sent in %s (line %llu)"),
                               code, what, (unsigned long long) d->message->line);
    }
  else
    title = g_strdup (code);
  ld_typeset_heading (pdf->ts, 4, title, NULL);
  if (brief)
    {
      g_autofree char *line = reason ? g_strdup_printf (_("Information, not an error: %s."), reason)
                                     : g_strdup (_("Information, not an error."));
      LdBlockStyle keep = { .space_after = 2, .keep_with_next = raw != NULL, .color = &ld_rgb_muted };

      ld_typeset_paragraph (pdf->ts, line, LD_FACE_SANS, LD_PDF_SMALL_SIZE + 0.4, &keep);
      if (raw != NULL)
        _ld_report_pdf_code (pdf, raw);
      for (guint i = 0; i < d->media->len; i++)
        {
          const LdMediaDebug *m = d->media->pdata[i];

          if (m->has_ice_warn && m->ice_warn != 0)
            draw_media (pdf, m);
        }
      return;
    }
  {
    g_autofree char *by = d->code >= 0 ? g_strdup (_(ld_code_get_component (d->header, d->code))) : NULL;
    g_autofree char *by_source = by && source ? g_strdup_printf ("%s (%s)", by, source) : NULL;
    const char *pairs[] = {
      _("Reason"), reason,
      _("Meaning"), meaning_red,
      _("Reported by"), by_source ? by_source : by ? by : source,
    };

    _ld_report_pdf_key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }
  if (raw != NULL)
    {
      LdBlockStyle keep = { .space_after = 1, .keep_with_next = TRUE };

      ld_typeset_paragraph (pdf->ts, _("The header as logged:"), LD_FACE_SANS, LD_PDF_SMALL_SIZE, &keep);
      _ld_report_pdf_code (pdf, raw);
    }
  for (guint i = 0; i < d->media->len; i++)
    draw_media (pdf, d->media->pdata[i]);
}

/* The ladder draws from the attempt; it gets a copy whose values went
 * through _ld_report_value(), cut when huge. */
typedef struct
{
  LdAttempt  attempt;
  GPtrArray *messages;   /* (element-type LdSipMessage) owned shells */
  GPtrArray *strings;    /* owned */
} ShownAttempt;

static char *
keep (ShownAttempt *sa,
      char         *s)
{
  g_ptr_array_add (sa->strings, s);
  return s;
}

static const char *
shown (ShownAttempt    *sa,
       LdReportContext *ctx,
       const char      *value)
{
  return value ? keep (sa, _ld_report_value (ctx, value)) : NULL;
}

static void
shown_attempt_init (ShownAttempt    *sa,
                    LdReportContext *ctx,
                    const LdAttempt *a)
{
  sa->attempt = *a;
  sa->strings = g_ptr_array_new_with_free_func (g_free);
  sa->messages = g_ptr_array_new_with_free_func (g_free);
  sa->attempt.target = (char *) shown (sa, ctx, a->target);
  sa->attempt.remote_party = (char *) shown (sa, ctx, a->remote_party);
  sa->attempt.call_id = (char *) shown (sa, ctx, a->call_id);
  sa->attempt.status_reason = (char *) shown (sa, ctx, a->status_reason);
  for (guint i = 0; a->messages != NULL && i < a->messages->len; i++)
    {
      const LdSipMessage *m = a->messages->pdata[i];
      LdSipMessage *copy = g_new (LdSipMessage, 1);

      *copy = *m;
      copy->remote = (char *) shown (sa, ctx, m->remote);
      copy->local = (char *) shown (sa, ctx, m->local);
      copy->reason = (char *) shown (sa, ctx, m->reason);
      copy->method = (char *) shown (sa, ctx, m->method);
      copy->request_uri = (char *) shown (sa, ctx, m->request_uri);
      copy->from = (char *) shown (sa, ctx, m->from);
      copy->to = (char *) shown (sa, ctx, m->to);
      copy->raw = NULL;
      g_ptr_array_add (sa->messages, copy);
      if (m == a->invite)
        sa->attempt.invite = copy;
      if (m == a->final_response)
        sa->attempt.final_response = copy;
    }
  sa->attempt.messages = sa->messages;
}

static void
shown_attempt_clear (ShownAttempt *sa)
{
  g_clear_pointer (&sa->messages, g_ptr_array_unref);
  g_clear_pointer (&sa->strings, g_ptr_array_unref);
}

typedef struct
{
  LdLadder *ladder;
} LadderDraw;

static void
paint_ladder (cairo_t *cr,
              gpointer data)
{
  ld_ladder_paint (((LadderDraw *) data)->ladder, cr, -1, FALSE);
}

static void
draw_call_flow (LdReportPdf     *pdf,
                const LdAttempt *a)
{
  ShownAttempt sa = { 0 };
  g_autoptr(LdLadder) ladder = NULL;
  LadderDraw draw;
  double scale = ld_typeset_get_width (pdf->ts) / LD_PDF_PICTURE_WIDTH;
  LdBlockStyle caption = { .space_after = 3, .keep_with_next = TRUE, .color = &ld_rgb_muted };

  if (a->messages == NULL || a->messages->len == 0)
    return;
  shown_attempt_init (&sa, pdf->ctx, a);
  ladder = ld_ladder_new (&sa.attempt, LD_PDF_PICTURE_WIDTH, pdf->diagrams);
  ld_typeset_heading (pdf->ts, 4, _("Call flow"), NULL);
  ld_typeset_paragraph (pdf->ts, _("The attempt's SIP messages as logged, each with its log line; red rows carry a "
                                   "diagnostic header."),
                        LD_FACE_SANS, LD_PDF_SMALL_SIZE, &caption);
  draw.ladder = ladder;
  ld_typeset_sliced_picture (pdf->ts, LD_PDF_PICTURE_WIDTH, scale, ld_ladder_get_header_height (ladder),
                             ld_ladder_get_row_tops (ladder), ld_ladder_get_n_rows (ladder),
                             ld_ladder_get_height (ladder), paint_ladder, &draw);
  ld_typeset_space (pdf->ts, 6);
  g_clear_pointer (&ladder, ld_ladder_free);
  shown_attempt_clear (&sa);
}

static char *
dup_outcome_text (const LdAttempt *a)
{
  g_autofree char *duration = _ld_report_dup_duration (a);
  const char *outcome = _ld_report_outcome_label (a->outcome);

  const char *method = _ld_report_opening_method (a);
  const char *side = a->failure != NULL ? ld_attempt_get_side_label (a) : NULL;
  g_autofree char *text = NULL;

  if (a->status <= 0)
    text = g_strdup_printf (_("%s: no final response to the %s in the log"), outcome, method);
  else if (a->final_response != NULL && a->final_response->time >= 0 && a->start >= 0 && duration != NULL)
    {
      g_autofree char *answer = ld_format_duration (a->final_response->time - a->start);

      text = g_strdup_printf (_("%s: final response %d after %s; ended %s after the %s"),
                              outcome, a->status, answer, duration, method);
    }
  else
    text = g_strdup_printf (_("%s: final response %d"), outcome, a->status);
  /* Which side failed it (ld-attempts.c), when the log says. */
  if (side != NULL && *side != '\0')
    return g_strdup_printf ("%s (%s)", text, side);
  return g_steal_pointer (&text);
}

/**
 * _ld_report_pdf_example:
 *
 * The example attempt of @group, decoded; or where it is decoded, when
 * an earlier cause has the same example.
 */
void
_ld_report_pdf_example (LdReportPdf         *pdf,
                        const LdReportGroup *group)
{
  LdReportContext *ctx = pdf->ctx;
  const LdAttempt *a = group->example;
  const LdReportGroup *owner = _ld_report_group_for_example (ctx, group);
  g_autofree char *anchor = NULL;
  g_autofree char *title = NULL;
  g_autofree char *what = NULL;
  g_autofree char *start = NULL;
  g_autofree char *started = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *target = NULL;
  g_autofree char *party = NULL;
  g_autofree char *call_id = NULL;
  guint n_diag;
  gboolean any_failure = FALSE;

  if (a == NULL)
    return;
  anchor = _ld_report_pdf_attempt_anchor (a->id);
  /* Decoded under an earlier cause: the meta line under the title says where. */
  if (owner != NULL && owner != group)
    return;

  what = _ld_report_dup_what (a);
  title = g_strdup_printf (_("Example: attempt %u, %s, %s"), a->id, what, _ld_report_outcome_label (a->outcome));
  ld_typeset_heading (pdf->ts, 3, title, anchor);
  start = ld_format_time (a->start);
  if (a->invite != NULL)
    started = g_strdup_printf (a->incoming ? _("%s, incoming %s on line %llu") : _("%s, outgoing %s on line %llu"),
                               start, _ld_report_opening_method (a), (unsigned long long) a->invite->line);
  else
    started = g_strdup_printf (a->incoming ? _("%s, incoming") : _("%s, outgoing"), start);
  outcome = dup_outcome_text (a);
  target = _ld_report_value (ctx, a->target);
  party = a->remote_party ? _ld_report_value (ctx, a->remote_party) : NULL;
  /* The other party is worth a row when the target does not name it. */
  if (party != NULL)
    {
      g_autofree char *p = ld_sip_uri_dup_address (party);
      g_autofree char *t = ld_sip_uri_dup_address (target);

      if (g_strcmp0 (p, t) == 0)
        g_clear_pointer (&party, g_free);
    }
  call_id = _ld_report_value (ctx, a->call_id);
  {
    const char *pairs[] = {
      _("Started"), started,
      _("Outcome"), outcome,
      _("Target"), target,
      _("Other party"), party,
      _("Call-ID"), call_id,
    };

    _ld_report_pdf_key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }

  n_diag = a->diagnostics ? a->diagnostics->len : 0;
  if (n_diag == 0)
    _ld_report_pdf_text (pdf, _("No diagnostic header (ms-diagnostics, ms-client-diagnostics) was logged for this "
                                "attempt."), LD_PDF_BODY_SIZE, NULL, 4);
  for (guint d = 0; d < n_diag; d++)
    if (ld_diagnostic_get_verdict (a->diagnostics->pdata[d]) != LD_CODE_INFORMATIONAL)
      any_failure = TRUE;
  for (guint d = 0; d < MIN (n_diag, MAX_DECODED_DIAGNOSTICS); d++)
    draw_diagnostic (pdf, a->diagnostics->pdata[d],
                     any_failure && ld_diagnostic_get_verdict (a->diagnostics->pdata[d]) == LD_CODE_INFORMATIONAL);
  if (n_diag > MAX_DECODED_DIAGNOSTICS)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more diagnostic header of this attempt is in the JSON export.",
                                                            "%u more diagnostic headers of this attempt are in the JSON export.",
                                                            n_diag - MAX_DECODED_DIAGNOSTICS),
                                               n_diag - MAX_DECODED_DIAGNOSTICS);

      _ld_report_pdf_text (pdf, more, LD_PDF_SMALL_SIZE, &ld_rgb_muted, 4);
    }
  draw_call_flow (pdf, a);
}
