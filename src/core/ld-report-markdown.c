/* ld-report-markdown.c - the report as Markdown for a ticket: lists and tables, cut to fit its field
 *
 * The same content as the PDF, in the same order (ld-report-model.c
 * decides it): the incident, the causes with what to do, one example per
 * cause, the failures, the attempts counted. Lists are lists and tables
 * are tables, so a tracker renders it; nothing is a code block.
 *
 * A ticket field holds about 32,767 characters. The incident, the causes
 * in short and the attempts always fit; the causes' details, the table of
 * failures and the open troubleshooting steps go in while there is room,
 * and the report says what it left out. LdReportOptions.full writes
 * everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-redact.h"
#include "ld-report-private.h"

/* Room kept for the note that says what was cut. */
#define CUT_NOTE_ROOM 400

/* Log text must not turn into emphasis, links, headings or table cells
 * when a tracker renders it; a line break in a table cell would end the
 * row. */
static void
esc (GString    *out,
     const char *text,
     gboolean    in_table)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\n' || *p == '\r')
        {
          g_string_append (out, in_table ? "; " : "  \n");
          continue;
        }
      if (strchr ("\\`*_[]<>|#~", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* A value from a log, redacted and capped, escaped. */
static void
val (GString         *out,
     LdReportContext *ctx,
     const char      *log_text,
     gboolean         in_table)
{
  g_autofree char *s = _ld_report_value (ctx, log_text);

  esc (out, s, in_table);
}

/* Inline code: a backtick run longer than any inside (CommonMark 6.1). */
static void
code_span (GString    *out,
           const char *text)
{
  guint longest = 0, run = 0;
  g_autofree char *fence = NULL;

  for (const char *p = text; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  fence = g_strnfill (longest + 1, '`');
  g_string_append_printf (out, "%s ", fence);
  for (const char *p = text; *p; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' || *p == '|' ? ' ' : *p);
  g_string_append_printf (out, " %s", fence);
}

static void
table_header (GString            *out,
              const char * const *cells,
              guint               n,
              const char         *align)
{
  g_string_append (out, "|");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      esc (out, cells[i], TRUE);
      g_string_append (out, " |");
    }
  /* ALIGN has one letter a column ('r' right, anything else left); a
   * shorter string leaves the remaining columns left-aligned. */
  g_string_append (out, "\n|");
  for (guint i = 0; i < n; i++)
    {
      gboolean right = align != NULL && *align == 'r';

      if (align != NULL && *align != '\0')
        align++;
      g_string_append (out, right ? "---:|" : "---|");
    }
  g_string_append_c (out, '\n');
}

/* Cells are written by the caller, already escaped. */
static void
table_row (GString            *out,
           const char * const *cells,
           guint               n)
{
  g_string_append (out, "|");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, " %s |", cells[i]);
  g_string_append_c (out, '\n');
}

static char *
cell (LdReportContext *ctx,
      const char      *log_text)
{
  GString *s = g_string_new (NULL);

  if (ctx != NULL)
    val (s, ctx, log_text, TRUE);
  else
    esc (s, log_text, TRUE);
  return g_string_free (s, FALSE);
}

/* Paragraphs, lists and rows (ld-report-rich.c) as Markdown. */
static void
rich (GString    *out,
      const char *text)
{
  g_autoptr(GPtrArray) blocks = _ld_report_parse_rich (text);
  gboolean in_rows = FALSE, in_list = FALSE;

  for (guint i = 0; i < blocks->len; i++)
    {
      const LdReportBlock *b = blocks->pdata[i];

      if (b->kind != LD_REPORT_BLOCK_ROW && in_rows)
        {
          g_string_append_c (out, '\n');
          in_rows = FALSE;
        }
      if (b->kind != LD_REPORT_BLOCK_BULLET && b->kind != LD_REPORT_BLOCK_NUMBERED && in_list)
        {
          g_string_append_c (out, '\n');
          in_list = FALSE;
        }
      switch (b->kind)
        {
        case LD_REPORT_BLOCK_ROW:
          if (!in_rows)
            {
              const char *h[] = { "", "" };

              table_header (out, h, 2, NULL);
              in_rows = TRUE;
            }
          {
            g_autofree char *k = NULL;
            g_autofree char *v = cell (NULL, b->text);
            GString *ks = g_string_new (NULL);

            code_span (ks, b->key);
            k = g_string_free (ks, FALSE);
            {
              const char *cells[] = { k, v };

              table_row (out, cells, 2);
            }
          }
          break;
        case LD_REPORT_BLOCK_BULLET:
        case LD_REPORT_BLOCK_NUMBERED:
          if (b->kind == LD_REPORT_BLOCK_NUMBERED)
            g_string_append_printf (out, "%d. ", b->number);
          else
            g_string_append (out, "- ");
          esc (out, b->text, FALSE);
          g_string_append_c (out, '\n');
          in_list = TRUE;
          break;
        case LD_REPORT_BLOCK_INDENTED:
        case LD_REPORT_BLOCK_PARAGRAPH:
        default:
          esc (out, b->text, FALSE);
          g_string_append (out, "\n\n");
          break;
        }
    }
  if (in_rows || in_list)
    g_string_append_c (out, '\n');
}

/* ---- the incident ------------------------------------------------------------- */

static void
md_incident (GString         *out,
             LdReportContext *ctx)
{
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);
  g_autofree char *title = _ld_report_dup_title (ctx);
  g_autofree char *when = _ld_report_dup_when (ctx);
  g_autofree char *what = _ld_report_dup_what_failed (ctx);
  g_autoptr(GString) who = g_string_new (NULL);
  g_autoptr(GString) saw = g_string_new (NULL);
  g_autoptr(GString) logs = g_string_new (NULL);
  g_autoptr(GString) skipped = g_string_new (NULL);
  guint more_skipped = 0;
  g_autoptr(GPtrArray) skipped_lines = _ld_report_dup_skipped (ctx, LD_REPORT_MAX_SKIPPED, &more_skipped);

  g_string_append_printf (out, "# %s\n\n> **%s** ", title, _("Verdict:"));
  esc (out, ctx->verdict, FALSE);
  g_string_append (out, "\n\n");

  if (ctx->user != NULL)
    esc (who, ctx->user, TRUE);
  if (ctx->client != NULL)
    {
      g_string_append (who, who->len ? " — " : "");
      esc (who, ctx->client, TRUE);
    }
  if (who->len == 0)
    g_string_append (who, _("not in the logs"));
  for (guint i = 0; i < MIN (ctx->symptoms->len, 2); i++)
    {
      const LdReportSymptom *s = ctx->symptoms->pdata[i];
      g_autofree char *time = ld_format_time (s->time);

      g_string_append (saw, saw->len ? "; " : "");
      g_string_append (saw, "“");
      esc (saw, s->text, TRUE);
      g_string_append_printf (saw, _("” (%s, line %llu)"), time, (unsigned long long) s->line);
    }
  for (guint i = 0; i < MIN (inputs->len, 3); i++)
    {
      g_autofree char *name = _ld_report_dup_input_name (ctx, i);
      g_autofree char *span = _ld_report_dup_input_span (inputs->pdata[i]);

      g_string_append (logs, logs->len ? "; " : "");
      esc (logs, name, TRUE);
      g_string_append_printf (logs, " (%s)", span);
    }
  if (inputs->len > 3)
    g_string_append_printf (logs, g_dngettext (GETTEXT_PACKAGE, "; and %u more log", "; and %u more logs",
                                               inputs->len - 3), inputs->len - 3);
  /* Each skipped input is a sentence or two: a list under the table. */
  if (skipped_lines->len > 0)
    g_string_append_printf (skipped, "**%s**\n\n", _("Not analysed:"));
  for (guint i = 0; i < skipped_lines->len; i++)
    {
      g_string_append (skipped, "- ");
      esc (skipped, skipped_lines->pdata[i], FALSE);
      g_string_append_c (skipped, '\n');
    }
  if (more_skipped > 0)
    g_string_append_printf (skipped, g_dngettext (GETTEXT_PACKAGE,
                                                  "- and %u more (“lyncdiag-cli analyze --json” lists every one)\n",
                                                  "- and %u more (“lyncdiag-cli analyze --json” lists every one)\n",
                                                  more_skipped), more_skipped);
  if (skipped->len > 0)
    g_string_append_c (skipped, '\n');
  {
    const char *h[] = { _("Incident"), "" };
    struct { const char *label; const char *value; } rows[] = {
      { _("User and client"), who->str },
      { _("When"), when },
      { _("What they saw"), saw->len ? saw->str : NULL },
      { _("What failed"), what },
      { _("Logs"), logs->str },
    };

    table_header (out, h, 2, NULL);
    for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autofree char *label = g_strdup_printf ("**%s**", rows[i].label);
        g_autofree char *value = NULL;
        const char *cells[2];

        if (rows[i].value == NULL || *rows[i].value == '\0')
          continue;
        /* who, saw and logs are escaped; when and what are the tool's words. */
        value = rows[i].value == when || rows[i].value == what ? cell (NULL, rows[i].value) : g_strdup (rows[i].value);
        cells[0] = label;
        cells[1] = value;
        table_row (out, cells, 2);
      }
  }
  g_string_append_c (out, '\n');
  g_string_append_len (out, skipped->str, skipped->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = inputs->pdata[i];

      for (guint p = 0; in->problems != NULL && p < in->problems->len; p++)
        {
          g_autofree char *name = _ld_report_dup_input_name (ctx, i);

          g_string_append (out, "- ⚠ ");
          esc (out, name, FALSE);
          g_string_append (out, ": ");
          val (out, ctx, in->problems->pdata[p], FALSE);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_printf (out, "*");
  g_string_append_printf (out, _("Analysed on %s with LyncDiag %s."), ctx->analysed_at, PACKAGE_VERSION);
  /* Redaction seam: the legend is the redactor's words. */
  if (ctx->redactor != NULL)
    {
      g_autofree char *legend = ld_redact_dup_legend ();

      g_string_append_printf (out, " %s", legend);
    }
  g_string_append (out, "*\n\n");
}

static void
md_action (GString         *out,
           LdReportContext *ctx,
           guint            number,
           const char      *who,
           const char      *action,
           const char      *check)
{
  g_string_append_printf (out, "%u. ", number);
  if (who != NULL)
    g_string_append_printf (out, "**%s:** ", who);
  val (out, ctx, action, FALSE);
  if (check != NULL)
    {
      g_string_append_printf (out, "  \n   *%s* ", _("Check:"));
      esc (out, check, FALSE);
    }
  g_string_append_c (out, '\n');
}

static void
md_causes_list (GString         *out,
                LdReportContext *ctx)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *h[] = { "#", _("Cause"), _("How sure"), _("Attempts") };
  guint shown = 0, actions = 0;

  if (ctx->groups->len == 0)
    return;
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      const LdReportGroup *g = ctx->groups->pdata[i];
      g_autofree char *number = g_strdup_printf ("%u", g->number);
      g_autofree char *title = cell (ctx, g->top->title);
      g_autofree char *sure = g_strdup_printf ("%s, %s", _ld_report_severity_label (g->top->severity),
                                               _ld_report_confidence_label (g->top->confidence));
      g_autofree char *count = g_strdup_printf ("%u", g->attempts->len);
      const char *cells[] = { number, title, sure, count };

      if (!_ld_report_group_is_problem (g))
        {
          g_string_append_printf (notes, "%s%u. %s", notes->len ? "; " : "", g->number, title);
          continue;
        }
      if (shown++ == 0)
        {
          g_string_append_printf (out, "## %s\n\n", _("Likely causes, most likely first"));
          table_header (out, h, 4, "rllr");
        }
      table_row (out, cells, 4);
    }
  if (shown > 0)
    g_string_append_c (out, '\n');
  if (notes->len > 0)
    g_string_append_printf (out, "%s %s.\n\n", _("Also noted:"), notes->str);

  for (guint i = 0; i < ctx->do_first->len; i++)
    {
      const LdReportGroup *g = ctx->do_first->pdata[i];
      g_autofree char *check = _ld_report_dup_check (g->top, g->example);

      if (actions == 0)
        g_string_append_printf (out, "## %s\n\n", _("Do first"));
      md_action (out, ctx, ++actions, _ld_report_role_label (_ld_report_role_for (g->top, g->top->actions->pdata[0])),
                 g->top->actions->pdata[0], check);
    }
  if (actions > 0)
    g_string_append_c (out, '\n');
}

static void
md_failure_header (GString *out)
{
  const char *h[] = { "#", _("Started"), _("What"), _("Other party"), _("Outcome"), _("Code"),
                      _("ICEWarn"), _("Cause") };

  table_header (out, h, 8, "r");
}

static void
md_failure_row (GString         *out,
                LdReportContext *ctx,
                const LdAttempt *a)
{
  g_autofree char *id = g_strdup_printf ("%u", a->id);
  g_autofree char *time = ld_format_time (a->start);
  g_autofree char *what = _ld_report_dup_what (a);
  g_autofree char *party_raw = _ld_report_value (ctx, a->remote_party ? a->remote_party : a->target);
  g_autofree char *address = ld_sip_uri_dup_address (party_raw);
  g_autofree char *party = cell (NULL, address ? address : party_raw);
  g_autofree char *code = _ld_report_dup_attempt_code (a);
  g_autofree char *ice = _ld_report_dup_ice_warn (a);
  g_autofree char *causes = _ld_report_dup_causes_cell (ctx, a);
  g_autofree char *status = *code == '\0' && a->status > 0 ? g_strdup_printf ("SIP %d", a->status) : NULL;
  const char *cells[] = { id, time, what, party, _ld_report_outcome_label (a->outcome),
                          *code ? code : status ? status : "—", *ice ? ice : "—", *causes ? causes : "—" };

  table_row (out, cells, 8);
}

/* Many failures in a ticket: one row for those alike; --full lists each. */
static guint
md_failure_rows (GString         *out,
                 LdReportContext *ctx,
                 gsize            budget)
{
  gsize start = out->len;
  guint dropped = 0;
  g_autoptr(GPtrArray) rows = _ld_report_dup_failure_rows (ctx);
  const char *h[] = { _("Count"), _("What"), _("Outcome"), _("Code"), _("ICEWarn"), _("Cause"), _("First"),
                      _("Last"), _("Attempts") };

  g_string_append_printf (out, "## %s\n\n", _("All failures"));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "The %u attempt that failed or got no answer, one row for those alike; "
                                            "the Markdown written with --full, the CSV and the JSON list every one.\n\n",
                                            "The %u attempts that failed or got no answer, one row for those alike; "
                                            "the Markdown written with --full, the CSV and the JSON list every one.\n\n",
                                            ctx->failed->len), ctx->failed->len);
  table_header (out, h, 9, "r");
  for (guint i = 0; i < rows->len; i++)
    {
      const LdReportFailureRow *r = rows->pdata[i];
      g_autofree char *count = g_strdup_printf ("%u", r->ids->len);
      g_autofree char *first = ld_format_time (r->first_time);
      g_autofree char *last = r->ids->len > 1 ? ld_format_time (r->last_time) : g_strdup ("");
      g_autofree char *ids = _ld_report_dup_attempt_list (r->ids, 6);
      const char *cells[] = { count, r->what, _ld_report_outcome_label (r->outcome), r->code, r->ice, r->causes,
                              first, last, ids };
      gsize before = out->len;

      table_row (out, cells, 9);
      /* Rows are in rank: the last ones give way first. */
      if (dropped > 0 || out->len - start + 1 > budget)
        {
          g_string_truncate (out, before);
          dropped += r->ids->len;
        }
    }
  g_string_append_c (out, '\n');
  return dropped;
}

static void
md_glance (GString         *out,
           LdReportContext *ctx)
{
  g_autoptr(GHashTable) in = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (ctx->failed->len == 0)
    return;
  for (guint i = 0; i < ctx->groups->len && rows->len < 8; i++)
    {
      const LdReportGroup *g = ctx->groups->pdata[i];

      if (g->example != NULL && _ld_report_attempt_failed (g->example) && g_hash_table_add (in, (gpointer) g->example))
        g_ptr_array_add (rows, (gpointer) g->example);
    }
  for (guint i = 0; i < ctx->failed->len && rows->len < 8; i++)
    if (g_hash_table_add (in, ctx->failed->pdata[i]))
      g_ptr_array_add (rows, ctx->failed->pdata[i]);
  g_string_append_printf (out, "## %s\n\n", ctx->failed->len > rows->len ? _("Failures at a glance: an example of each cause")
                                                                        : _("Failures at a glance"));
  md_failure_header (out);
  for (guint i = 0; i < ctx->failed->len; i++)
    if (g_hash_table_contains (in, ctx->failed->pdata[i]))
      md_failure_row (out, ctx, ctx->failed->pdata[i]);
  g_string_append_c (out, '\n');
  if (ctx->failed->len > rows->len)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "… and %u more failure.\n\n",
                                              "… and %u more failures.\n\n", ctx->failed->len - rows->len),
                            ctx->failed->len - rows->len);
}

/* ---- the causes ---------------------------------------------------------------- */

static void
md_media (GString            *out,
          LdReportContext    *ctx,
          const LdMediaDebug *m)
{
  g_autofree char *sum = m->has_ice_warn ? ld_ice_warn_dup_sum (m->ice_warn) : NULL;
  g_string_append_printf (out, "- **%s (", m->role == LD_MEDIA_ROLE_CALLER ? _("Caller media") : _("Callee media"));
  val (out, ctx, m->modality ? m->modality : _("no modality given"), FALSE);
  g_string_append (out, ")**");
  if (m->has_ice_warn)
    {
      g_string_append_printf (out, ": ICEWarn=0x%x", m->ice_warn);
      if (sum != NULL && strchr (sum, '+') != NULL)
        g_string_append_printf (out, " = %s", sum);
    }
  g_string_append_printf (out, "\n  - %s %s; %s %s\n", _("This side:"), ld_location_describe (m->local_location),
                          _("other side:"), ld_location_describe (m->remote_location));
  /* The relays and the port range are in the header quoted above. */
  if (m->has_ice_warn)
    {
      LdIceBit bits[32];
      guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);
      const char *h[] = { _("ICEWarn bit"), _("Meaning (Lync Server 2010 Resource Kit, chapter 9)") };

      if (n > 0)
        {
          g_string_append_c (out, '\n');
          table_header (out, h, 2, NULL);
        }
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *hex = g_strdup_printf ("`0x%x`", bits[i].bit);
          g_autofree char *meaning = g_strdup_printf ("%s%s", _(bits[i].meaning),
                                                      bits[i].expected ? _(" (often expected)") : "");
          g_autofree char *m_cell = cell (NULL, meaning);
          const char *cells[] = { hex, m_cell };

          table_row (out, cells, 2);
        }
      g_string_append_c (out, '\n');
    }
}

static void
md_diagnostic (GString            *out,
               LdReportContext    *ctx,
               const LdDiagnostic *d)
{
  g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);

  g_string_append_printf (out, "- **%s", ld_diag_header_to_string (d->header));
  if (d->code >= 0)
    g_string_append_printf (out, " %d", d->code);
  if (d->subcode >= 0)
    g_string_append_printf (out, ".%d", d->subcode);
  g_string_append (out, "**");
  if (d->message != NULL)
    {
      g_autofree char *what = d->message->is_request ? _ld_report_value (ctx, d->message->method)
                                                     : g_strdup_printf ("%d", d->message->status);

      g_string_append_printf (out, d->message->direction == LD_DIRECTION_RECEIVED ?
                              _(", received in %s (line %llu)") : _(", sent in %s (line %llu)"),
                              what, (unsigned long long) d->message->line);
    }
  g_string_append_c (out, '\n');
  if (d->reason != NULL)
    {
      g_string_append_printf (out, "  - %s ", _("Reason:"));
      val (out, ctx, d->reason, FALSE);
      g_string_append_c (out, '\n');
    }
  if (meaning != NULL)
    {
      g_string_append_printf (out, "  - %s ", _("Meaning:"));
      val (out, ctx, meaning, FALSE);
      g_string_append_c (out, '\n');
    }
  if (d->code >= 0)
    g_string_append_printf (out, "  - %s %s\n", _("Reported by:"), _(ld_code_get_component (d->header, d->code)));
  if (d->raw != NULL)
    {
      g_autofree char *raw = _ld_report_value (ctx, d->raw);

      g_string_append_printf (out, "  - %s ", _("As logged:"));
      code_span (out, raw);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < d->media->len; i++)
    md_media (out, ctx, d->media->pdata[i]);
}

static void
md_flow (GString         *out,
         LdReportContext *ctx,
         const LdAttempt *a)
{
  g_autofree char *since_h = g_strdup_printf (_("Since the %s"), _ld_report_opening_method (a));
  const char *h[] = { _("Log time"), since_h, _("Direction"), _("Message"), _("Line") };
  gint64 t0 = a->invite ? a->invite->time : -1;

  if (a->messages == NULL || a->messages->len == 0)
    return;
  g_string_append_printf (out, "\n**%s**\n\n", _("Call flow"));
  table_header (out, h, 5, "llllr");
  for (guint i = 0; i < a->messages->len && i < 40; i++)
    {
      const LdSipMessage *m = a->messages->pdata[i];
      g_autofree char *time = ld_format_time (m->time);
      g_autofree char *since = t0 >= 0 && m->time >= 0 ? ld_format_duration (ABS (m->time - t0)) : g_strdup ("—");
      g_autofree char *peer = m->remote ? cell (ctx, m->remote) : g_strdup ("?");
      g_autofree char *dir = g_strdup_printf (m->direction == LD_DIRECTION_RECEIVED ? _("← from %s") : _("→ to %s"),
                                              peer);
      g_autofree char *label = m->is_request ? cell (ctx, m->method)
                                             : g_strdup_printf ("%d %s", m->status, "");
      g_autofree char *reason = !m->is_request && m->reason ? cell (ctx, m->reason) : NULL;
      g_autofree char *msg = g_strdup_printf ("%s%s%s%s", label, reason ? reason : "",
                                              m->diag_count > 0 ? " **" : "",
                                              m->diag_count > 0 ? _("[diagnostics]**") : "");
      g_autofree char *line = g_strdup_printf ("%llu", (unsigned long long) m->line);
      const char *cells[] = { strlen (time) > 11 ? time + 11 : time, since, dir, msg, line };

      table_row (out, cells, 5);
    }
  if (a->messages->len > 40)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "\n… and %u more message.\n",
                                              "\n… and %u more messages.\n", a->messages->len - 40),
                            a->messages->len - 40);
  g_string_append_c (out, '\n');
}

static void
md_example (GString             *out,
            LdReportContext     *ctx,
            const LdReportGroup *g)
{
  const LdAttempt *a = g->example;
  const LdReportGroup *owner = _ld_report_group_for_example (ctx, g);
  g_autofree char *what = NULL;
  g_autofree char *start = NULL;
  g_autofree char *duration = NULL;

  if (a == NULL)
    return;
  if (owner != NULL && owner != g)
    {
      g_string_append_printf (out, _("*Example: attempt %u, decoded under finding %u.*\n\n"), a->id, owner->number);
      return;
    }
  what = _ld_report_dup_what (a);
  start = ld_format_time (a->start);
  duration = _ld_report_dup_duration (a);
  g_string_append_printf (out, _("**Example: attempt %u, %s, %s**\n\n"), a->id, what,
                          _ld_report_outcome_label (a->outcome));
  g_string_append_printf (out, "- %s %s", _("Started:"), start);
  if (a->invite != NULL)
    g_string_append_printf (out, _(" (%s on line %llu)"), _ld_report_opening_method (a),
                            (unsigned long long) a->invite->line);
  g_string_append_c (out, '\n');
  if (a->status > 0)
    {
      g_string_append_printf (out, "- %s %d ", _("Final response:"), a->status);
      val (out, ctx, a->status_reason, FALSE);
      if (duration != NULL)
        g_string_append_printf (out, _("; ended %s after the %s"), duration, _ld_report_opening_method (a));
      g_string_append_c (out, '\n');
    }
  else
    {
      g_string_append (out, "- ");
      g_string_append_printf (out, _("No final response to the %s in the log."), _ld_report_opening_method (a));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "- %s ", _("Target:"));
  val (out, ctx, a->target, FALSE);
  g_string_append_printf (out, "\n- %s ", _("Call-ID:"));
  val (out, ctx, a->call_id, FALSE);
  g_string_append_c (out, '\n');
  for (guint d = 0; a->diagnostics != NULL && d < a->diagnostics->len && d < 3; d++)
    md_diagnostic (out, ctx, a->diagnostics->pdata[d]);
  md_flow (out, ctx, a);
}

/* A cause in full (@full) or in short: its title, how sure, its first action. */
static void
md_cause (GString             *out,
          LdReportContext     *ctx,
          const LdReportGroup *g,
          gboolean             full)
{
  const LdFinding *f = g->top;
  g_autofree char *list = _ld_report_dup_attempt_list (g->attempts, 12);

  g_string_append_printf (out, "### %u. ", g->number);
  val (out, ctx, f->title, FALSE);
  g_string_append_printf (out, "\n\n**%s** · %s · `%s`", _ld_report_severity_label (f->severity),
                          _ld_report_confidence_label (f->confidence), f->id);
  if (g->attempts->len > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %u attempt: %s", " · %u attempts: %s",
                                              g->attempts->len), g->attempts->len, list);
  if (g->ruled_out)
    g_string_append_printf (out, " · **%s**", _("ruled out by the troubleshooting steps"));
  g_string_append (out, "\n\n");

  if (full)
    {
      gboolean trimmed = FALSE;
      g_autofree char *explanation = _ld_report_dup_explanation (ctx, g, &trimmed);

      rich (out, explanation);
    }
  if (f->actions != NULL && f->actions->len > 0 && !g->ruled_out)
    {
      guint on_page1 = 0;
      gboolean first_said = g_ptr_array_find (ctx->do_first, g, &on_page1);

      /* The first action is said once: under "Do first" when it is there. */
      if (first_said)
        g_string_append_printf (out, _("**What to do** — first, item %u of “Do first”\n\n"), on_page1 + 1);
      else
        g_string_append_printf (out, "**%s**\n\n", _("What to do"));
      for (guint a = first_said ? 1 : 0; a < (full ? f->actions->len : 1); a++)
        {
          /* How to check the first action is said once: under "Do first" when it is there. */
          g_autofree char *check = a == 0 && !g_ptr_array_find (ctx->do_first, g, NULL) ?
                                   _ld_report_dup_check (f, g->example) : NULL;

          md_action (out, ctx, a + 1, a == 0 ? _ld_report_role_label (_ld_report_role_for (f, f->actions->pdata[a])) : NULL,
                     f->actions->pdata[a], check);
        }
      g_string_append_c (out, '\n');
    }
  if (full)
    md_example (out, ctx, g);
}

/* ---- attempts, steps --------------------------------------------------------------- */

static void
md_attempts (GString         *out,
             LdReportContext *ctx)
{
  const char *h[] = { _("What"), _("Attempts"), _("Succeeded"), _("Failed"), _("No answer"), _("Cancelled") };

  g_string_append_printf (out, "## %s\n\n", _("Attempts"));
  if (ctx->tallies->len == 0)
    {
      g_string_append_printf (out, "%s\n\n", _("The logs hold no call or conference join."));
      return;
    }
  table_header (out, h, 6, "lrrrrr");
  for (guint i = 0; i < ctx->tallies->len; i++)
    {
      const LdReportTally *t = &g_array_index (ctx->tallies, LdReportTally, i);
      g_autofree char *what = _ld_report_dup_tally_label (t);
      g_autofree char *n = g_strdup_printf ("%u", t->total);
      g_autofree char *ok = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_SUCCEEDED]);
      g_autofree char *failed = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_FAILED]);
      g_autofree char *none = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_NO_RESPONSE]);
      g_autofree char *cancel = g_strdup_printf ("%u", t->outcomes[LD_OUTCOME_CANCELLED]);
      const char *cells[] = { what, n, ok, failed, none, cancel };

      table_row (out, cells, 6);
    }
  g_string_append_printf (out, "\n%s\n\n", _("Attempts that worked are counted, not listed; the CSV and JSON exports "
                                             "hold every attempt."));
}

static void
md_wizard (GString         *out,
           LdReportContext *ctx,
           gboolean         with_open)
{
  const char *h[] = { _("Step"), _("Answer"), _("From") };

  if (ctx->steps->len == 0 && ctx->causes->len == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Troubleshooting steps"));
  if (ctx->steps->len > 0)
    table_header (out, h, 3, NULL);
  for (guint i = 0; i < ctx->steps->len; i++)
    {
      const LdReportStep *s = ctx->steps->pdata[i];
      g_autofree char *title = cell (ctx, s->title);
      g_autofree char *given = cell (ctx, s->answer ? s->answer : "—");
      g_autofree char *measured = s->measured ? cell (ctx, s->measured) : NULL;
      /* What the network check measured stands beside the answer, with where and when. */
      g_autofree char *answer = measured ? g_strdup_printf ("%s; %s", given, measured) : g_strdup (given);
      g_autofree char *from_cell = cell (NULL, _ld_report_answer_label (s->source));
      const char *cells[] = { title, answer, from_cell };

      table_row (out, cells, 3);
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; with_open && i < ctx->steps->len; i++)
    {
      const LdReportStep *s = ctx->steps->pdata[i];
      g_autofree char *text = NULL;

      if (s->source != LD_REPORT_ANSWER_UNANSWERED)
        continue;
      g_string_append (out, "**");
      val (out, ctx, s->title, FALSE);
      g_string_append (out, "**");
      if (s->question != NULL)
        {
          g_string_append (out, ": *");
          val (out, ctx, s->question, FALSE);
          g_string_append (out, "*");
        }
      g_string_append (out, "\n\n");
      if (s->text != NULL)
        {
          text = _ld_report_prose (ctx, s->text);
          rich (out, text);
        }
    }
  if (ctx->causes->len > 0)
    {
      const char *ch[] = { _("Cause in the article"), _("Verdict"), _("Why") };

      table_header (out, ch, 3, NULL);
      for (guint i = 0; i < ctx->causes->len; i++)
        {
          const LdReportCause *c = ctx->causes->pdata[i];
          g_autofree char *title = cell (ctx, c->title);
          g_autofree char *why_text = _ld_report_dup_cause_why (ctx, c);
          g_autofree char *why = cell (NULL, why_text);
          const char *cells[] = { title, _ld_report_cause_label (c->status), why };

          table_row (out, cells, 3);
        }
      g_string_append_c (out, '\n');
    }
}

static void
md_about (GString *out)
{
  g_autofree char *about = _ld_report_dup_about ();

  g_string_append (out, "---\n\n*");
  esc (out, about, FALSE);
  g_string_append (out, "*\n");
}

static GString *
render (LdReportContext *ctx,
        gsize            limit)
{
  gboolean full = limit == G_MAXSIZE;
  GString *out = g_string_new (NULL);
  g_autoptr(GString) tail = g_string_new (NULL);
  g_autoptr(GString) about = g_string_new (NULL);
  g_autoptr(GString) failures = g_string_new (NULL);
  gsize reserve = 0;
  guint short_causes = 0, dropped_causes = 0, dropped_failures = 0;
  gboolean dropped_open = FALSE;

  md_incident (out, ctx);
  md_causes_list (out, ctx);
  md_glance (out, ctx);

  md_attempts (tail, ctx);
  md_wizard (tail, ctx, TRUE);
  md_about (about);
  if (!full && out->len + tail->len + about->len + CUT_NOTE_ROOM > limit)
    {
      g_string_truncate (tail, 0);
      md_attempts (tail, ctx);
      md_wizard (tail, ctx, FALSE);
      dropped_open = TRUE;
    }

  /* Many failures: their compact table keeps a third of the room the
   * causes' details would otherwise take. */
  if (ctx->failed->len > LD_REPORT_MAX_FAILURES_LISTED && !full)
    {
      gsize room = limit - MIN (limit, out->len + tail->len + about->len + CUT_NOTE_ROOM);

      md_failure_rows (failures, ctx, G_MAXSIZE);
      reserve = MIN (failures->len, room / 3);
    }

  if (ctx->groups->len > 0)
    g_string_append_printf (out, "## %s\n\n", _("Findings"));
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      g_autoptr(GString) part = g_string_new (NULL);
      gsize room = limit - MIN (limit, out->len + tail->len + about->len + CUT_NOTE_ROOM + reserve);

      md_cause (part, ctx, ctx->groups->pdata[i], TRUE);
      if (part->len > room)
        {
          g_string_truncate (part, 0);
          md_cause (part, ctx, ctx->groups->pdata[i], FALSE);
          if (part->len > room)
            {
              dropped_causes++;
              continue;
            }
          short_causes++;
        }
      g_string_append_len (out, part->str, part->len);
    }

  if (ctx->failed->len > LD_REPORT_MAX_FAILURES_LISTED && !full)
    {
      gsize room = limit - MIN (limit, out->len + tail->len + about->len + CUT_NOTE_ROOM);

      if (failures->len > room)
        {
          g_string_truncate (failures, 0);
          dropped_failures = md_failure_rows (failures, ctx, room);
        }
      g_string_append_len (out, failures->str, failures->len);
    }
  else if (ctx->failed->len > 8)
    {
      g_string_append_printf (out, "## %s\n\n", _("All failures"));
      md_failure_header (out);
      for (guint i = 0; i < ctx->failed->len; i++)
        {
          g_autoptr(GString) row = g_string_new (NULL);

          md_failure_row (row, ctx, ctx->failed->pdata[i]);
          if (out->len + row->len + tail->len + about->len + CUT_NOTE_ROOM > limit)
            {
              dropped_failures = ctx->failed->len - i;
              break;
            }
          g_string_append_len (out, row->str, row->len);
        }
      g_string_append_c (out, '\n');
    }

  if (short_causes + dropped_causes + dropped_failures > 0 || dropped_open)
    {
      g_string_append_printf (out, "> **%s** ", _("Shortened to fit a ticket field (32,767 characters):"));
      if (short_causes > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u cause is shown without its explanation and example. ",
                                                  "%u causes are shown without their explanation and example. ",
                                                  short_causes), short_causes);
      if (dropped_causes > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u cause is only in the list above. ",
                                                  "%u causes are only in the list above. ", dropped_causes),
                                dropped_causes);
      if (dropped_failures > 0)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u failure is not in the table. ",
                                                  "%u failures are not in the table. ", dropped_failures),
                                dropped_failures);
      if (dropped_open)
        g_string_append_printf (out, "%s ", _("The open troubleshooting steps are not explained."));
      g_string_append_printf (out, "%s\n\n", _("The PDF, or the Markdown written with --full, has everything."));
    }
  g_string_append_len (out, tail->str, tail->len);
  g_string_append_len (out, about->str, about->len);
  return out;
}

char *
_ld_report_render_markdown (LdReportContext *ctx)
{
  GString *out = render (ctx, G_MAXSIZE);

  /* Cut only what does not fit. */
  if (!ctx->options->full && out->len > LD_REPORT_MARKDOWN_LIMIT)
    {
      g_string_free (out, TRUE);
      out = render (ctx, LD_REPORT_MARKDOWN_LIMIT);
    }
  return g_string_free (out, FALSE);
}
