/* ld-report-text.c - the report as Markdown for a ticket and the attempts as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-report-private.h"

/* Log text must not turn into emphasis, links or table cells when a
 * ticket system renders the Markdown. */
static void
md_append_escaped (GString    *out,
                   const char *text,
                   gboolean    in_table)
{
  for (const char *p = text; *p; p++)
    {
      if (strchr ("\\`*_[]<>|#", *p) != NULL)
        g_string_append_c (out, '\\');
      if (in_table && (*p == '\n' || *p == '\r'))
        {
          g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_c (out, *p);
    }
}

static void
md_text (GString         *out,
         LdReportContext *ctx,
         const char      *log_text,
         gboolean         in_table)
{
  g_autofree char *s = _ld_report_str (ctx, log_text);

  md_append_escaped (out, s, in_table);
}

/* A fence longer than any backtick run inside, so an excerpt holding
 * ``` cannot close the block early (CommonMark 4.5). */
static void
md_code_block (GString    *out,
               const char *text,
               const char *indent)
{
  guint longest = 0, run = 0;
  g_autofree char *fence = NULL;
  g_auto(GStrv) lines = NULL;

  for (const char *p = text; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  fence = g_strnfill (MAX (3, longest + 1), '`');
  lines = g_strsplit (text, "\n", -1);
  g_string_append_printf (out, "%s%s\n", indent, fence);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      g_string_append_printf (out, "%s%s\n", indent, lines[i]);
    }
  g_string_append_printf (out, "%s%s\n", indent, fence);
}

/* Markdown joins lines; rule texts put one decoded bit per indented
 * line, which must stay a column (a code block), and the other lines
 * keep their breaks. */
static void
md_rich (GString         *out,
         LdReportContext *ctx,
         const char      *log_text)
{
  g_autofree char *s = _ld_report_str (ctx, log_text);
  g_auto(GStrv) lines = g_strsplit (s, "\n", -1);
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == ' ' || lines[i][0] == '\t')
        {
          g_string_append_printf (block, "%s\n", lines[i] + strspn (lines[i], " \t"));
          continue;
        }
      if (block->len > 0)
        {
          g_string_append_c (out, '\n');
          md_code_block (out, block->str, "");
          g_string_append_c (out, '\n');
          g_string_truncate (block, 0);
        }
      if (*lines[i] == '\0')
        continue;
      md_append_escaped (out, lines[i], FALSE);
      g_string_append (out, lines[i + 1] != NULL ? "  \n" : "\n");
    }
  if (block->len > 0)
    {
      g_string_append_c (out, '\n');
      md_code_block (out, block->str, "");
    }
}

static void
md_findings (GString         *out,
             LdReportContext *ctx)
{
  g_string_append_printf (out, "## %s\n\n", _("Findings"));
  if (ctx->findings->len == 0)
    {
      g_string_append_printf (out, "%s\n\n", _("None. Nothing in the logs points to a problem."));
      return;
    }

  for (guint i = 0; i < ctx->groups->len; i++)
    {
      GPtrArray *group = ctx->groups->pdata[i];
      const LdFinding *f = group->pdata[0];

      g_string_append_printf (out, "### %u. %s: ", i + 1, _ld_report_severity_label (f->severity));
      md_text (out, ctx, f->title, TRUE);
      g_string_append_printf (out, "\n\n*%s* · `%s`\n\n", _ld_report_confidence_label (f->confidence), f->id);
      if (f->detail != NULL && *f->detail)
        {
          md_rich (out, ctx, f->detail);
          g_string_append_c (out, '\n');
        }
      if (f->actions != NULL && f->actions->len > 0)
        {
          g_string_append_printf (out, "**%s**\n\n", _("What to do"));
          for (guint a = 0; a < f->actions->len; a++)
            {
              g_string_append (out, "- ");
              md_text (out, ctx, f->actions->pdata[a], TRUE);
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }
      if (f->evidence != NULL && f->evidence->len > 0)
        {
          g_string_append_printf (out, "**%s**\n\n", _("Evidence"));
          for (guint e = 0; e < f->evidence->len; e++)
            {
              const LdEvidence *ev = &g_array_index (f->evidence, LdEvidence, e);
              g_autofree char *name = _ld_report_dup_input_name (ctx, ev->input);

              g_string_append (out, "- ");
              if (ev->attempt > 0)
                g_string_append_printf (out, _("Attempt %u, "), ev->attempt);
              md_append_escaped (out, name, TRUE);
              g_string_append_printf (out, _(", line %llu"), (unsigned long long) ev->line);
              g_string_append (out, ev->excerpt ? ":\n\n" : "\n");
              if (ev->excerpt != NULL)
                {
                  g_autofree char *ex = _ld_report_str (ctx, ev->excerpt);

                  md_code_block (out, ex, "  ");
                  g_string_append_c (out, '\n');
                }
            }
          g_string_append_c (out, '\n');
        }
      if (group->len > 1)
        {
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                    "**Seen again** in %u more attempt:\n\n",
                                                    "**Seen again** in %u more attempts:\n\n",
                                                    group->len - 1), group->len - 1);
          for (guint g = 1; g < group->len; g++)
            {
              const LdFinding *other = group->pdata[g];
              g_autofree char *time = ld_format_time (other->time);

              g_string_append_printf (out, "- %s: ", time);
              md_text (out, ctx, other->title, TRUE);
              g_string_append_c (out, '\n');
            }
          g_string_append_c (out, '\n');
        }
    }
}

static void
md_attempts (GString         *out,
             LdReportContext *ctx)
{
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);

  g_string_append_printf (out, "## %s\n\n", _("Call attempts"));
  if (attempts->len == 0)
    {
      g_string_append_printf (out, "%s\n\n", _("The logs hold no call or conference join."));
      return;
    }
  g_string_append_printf (out, "| # | %s | %s | %s | %s | %s | %s | %s |\n",
                          _("Time"), _("Kind"), _("Modality"), _("Target"), _("Outcome"),
                          _("Status"), _("Code"));
  g_string_append (out, "|---:|---|---|---|---|---|---|---|\n");
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      g_autofree char *time = ld_format_time (a->start);
      g_autofree char *code = _ld_report_dup_attempt_code (a);

      g_string_append_printf (out, "| %u | %s | %s | %s | ", a->id, time,
                              ld_attempt_kind_get_label (a->kind), ld_modality_get_label (a->modality));
      md_text (out, ctx, a->target, TRUE);
      g_string_append_printf (out, " | %s%s%s | ",
                              _ld_report_attempt_failed (a) ? "**" : "",
                              _ld_report_outcome_label (a->outcome),
                              _ld_report_attempt_failed (a) ? "**" : "");
      if (a->status > 0)
        g_string_append_printf (out, "%d", a->status);
      g_string_append_printf (out, " | %s |\n", code);
    }
  g_string_append_c (out, '\n');
}

static void
md_media (GString            *out,
          LdReportContext    *ctx,
          const LdMediaDebug *m)
{
  LdIceBit bits[32];
  const char *lmr = ld_media_debug_get_field (m, "LocalMR");
  const char *rmr = ld_media_debug_get_field (m, "RemoteMR");
  const char *range = ld_media_debug_get_field (m, "PortRange");

  g_string_append_printf (out, "**%s (", m->role == LD_MEDIA_ROLE_CALLER ? _("Caller media") : _("Callee media"));
  md_text (out, ctx, m->modality ? m->modality : _("no modality given"), TRUE);
  g_string_append (out, ")**");
  if (m->has_ice_warn)
    {
      guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);

      g_string_append_printf (out, ": ICEWarn=0x%x\n\n", m->ice_warn);
      if (n == 0)
        g_string_append_printf (out, "%s\n\n", _("No ICE warning (0x0)."));
      else
        {
          g_string_append_printf (out, "| %s | %s |\n|---|---|\n", _("Bit"), _("Meaning"));
          for (guint i = 0; i < n; i++)
            {
              g_string_append_printf (out, "| `0x%x` | ", bits[i].bit);
              md_append_escaped (out, _(bits[i].meaning), TRUE);
              if (bits[i].expected)
                g_string_append (out, _(" (often expected)"));
              g_string_append (out, " |\n");
            }
          g_string_append_c (out, '\n');
        }
    }
  else
    g_string_append (out, "\n\n");

  g_string_append_printf (out, "- %s %s; %s %s\n", _("This side:"),
                          ld_location_describe (m->local_location), _("other side:"),
                          ld_location_describe (m->remote_location));
  if ((lmr && *lmr) || (rmr && *rmr))
    {
      g_string_append_printf (out, "- %s ", _("Media relays (A/V Edge): this side"));
      md_text (out, ctx, lmr && *lmr ? lmr : _("none"), TRUE);
      g_string_append_printf (out, ", %s ", _("other side"));
      md_text (out, ctx, rmr && *rmr ? rmr : _("none"), TRUE);
      g_string_append_c (out, '\n');
    }
  if (range && *range)
    {
      g_string_append_printf (out, "- %s ", _("Port range:"));
      md_text (out, ctx, range, TRUE);
      g_string_append_c (out, '\n');
    }
  if (m->fields->len > 0)
    {
      g_autoptr(GString) fields = g_string_new (NULL);
      g_autofree char *red = NULL;

      for (guint i = 0; i < m->fields->len; i++)
        {
          const LdField *f = m->fields->pdata[i];

          g_string_append_printf (fields, "%s%s=%s", i ? ", " : "", f->key, f->value);
        }
      red = _ld_report_str (ctx, fields->str);
      g_string_append_printf (out, "- %s\n\n", _("All fields:"));
      md_code_block (out, red, "  ");
    }
  g_string_append_c (out, '\n');
}

static void
md_diagnostic (GString            *out,
               LdReportContext    *ctx,
               const LdDiagnostic *d)
{
  g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);

  g_string_append_printf (out, "#### %s", ld_diag_header_to_string (d->header));
  if (d->code >= 0)
    g_string_append_printf (out, " %d", d->code);
  if (d->subcode >= 0)
    g_string_append_printf (out, ".%d", d->subcode);
  g_string_append (out, "\n\n");
  if (d->message != NULL)
    {
      g_autofree char *summary = ld_sip_message_dup_summary (d->message);
      g_autofree char *name = _ld_report_dup_input_name (ctx, d->message->input);

      g_string_append_printf (out, "- %s ", _("In:"));
      md_text (out, ctx, summary, TRUE);
      g_string_append_printf (out, " (%s, ", d->message->direction == LD_DIRECTION_RECEIVED ? _("received")
                              : d->message->direction == LD_DIRECTION_SENT ? _("sent") : _("unknown"));
      md_append_escaped (out, name, TRUE);
      g_string_append_printf (out, _(", line %llu"), (unsigned long long) d->message->line);
      g_string_append (out, ")\n");
    }
  if (d->reason != NULL)
    {
      g_string_append_printf (out, "- %s ", _("Reason:"));
      md_text (out, ctx, d->reason, TRUE);
      g_string_append_c (out, '\n');
    }
  if (meaning != NULL)
    {
      g_string_append_printf (out, "- %s ", _("Meaning:"));
      md_text (out, ctx, meaning, TRUE);
      g_string_append_c (out, '\n');
    }
  if (d->code >= 0)
    g_string_append_printf (out, "- %s %s\n", _("Reported by:"), _(ld_code_get_component (d->header, d->code)));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < d->media->len; i++)
    md_media (out, ctx, d->media->pdata[i]);
}

static void
md_flow (GString         *out,
         LdReportContext *ctx,
         const LdAttempt *a)
{
  g_autoptr(GString) flow = g_string_new (NULL);
  g_autofree char *red = NULL;

  for (guint i = 0; a->messages != NULL && i < a->messages->len; i++)
    {
      const LdSipMessage *m = a->messages->pdata[i];
      g_autofree char *time = ld_format_time (m->time);
      g_autofree char *summary = ld_sip_message_dup_summary (m);
      const char *peer = m->remote ? m->remote : "?";

      g_string_append_printf (flow, "%s  %s %-21s %s%s\n",
                              strlen (time) > 11 ? time + 11 : time,
                              m->direction == LD_DIRECTION_RECEIVED ? "<-" : "->", peer, summary,
                              m->diag_count > 0 ? "  [diagnostics]" : "");
    }
  red = _ld_report_str (ctx, flow->str);
  g_string_append_printf (out, "#### %s\n\n", _("Call flow (-> sent by this client, <- received)"));
  md_code_block (out, red, "");
  g_string_append_c (out, '\n');
}

static void
md_failed (GString         *out,
           LdReportContext *ctx)
{
  if (ctx->failed->len == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Failed attempts"));
  for (guint i = 0; i < ctx->failed->len; i++)
    {
      const LdAttempt *a = ctx->failed->pdata[i];
      g_autofree char *start = ld_format_time (a->start);
      g_autofree char *lasted = ld_format_duration (a->end >= 0 && a->start >= 0 ? a->end - a->start : -1);

      g_string_append_printf (out, _("### Attempt %u: %s %s, %s\n\n"), a->id,
                              ld_modality_get_label (a->modality), ld_attempt_kind_get_label (a->kind),
                              _ld_report_outcome_label (a->outcome));
      g_string_append_printf (out, "- %s ", _("Target:"));
      md_text (out, ctx, a->target, TRUE);
      g_string_append_printf (out, "\n- %s ", _("Other party:"));
      md_text (out, ctx, a->remote_party, TRUE);
      g_string_append_printf (out, "\n- %s %s (%s %s)\n", _("Started:"), start, _("lasted"), lasted);
      if (a->status > 0)
        {
          g_string_append_printf (out, "- %s %d ", _("Final response to the INVITE:"), a->status);
          md_text (out, ctx, a->status_reason, TRUE);
          g_string_append_c (out, '\n');
        }
      g_string_append_printf (out, "- Call-ID: ");
      md_text (out, ctx, a->call_id, TRUE);
      g_string_append (out, "\n\n");

      for (guint d = 0; a->diagnostics != NULL && d < a->diagnostics->len; d++)
        md_diagnostic (out, ctx, a->diagnostics->pdata[d]);
      if (a->diagnostics == NULL || a->diagnostics->len == 0)
        g_string_append_printf (out, "%s\n\n", _("No diagnostic header was logged for this attempt."));
      md_flow (out, ctx, a);
    }
}

static void
md_wizard (GString         *out,
           LdReportContext *ctx)
{
  if (ctx->steps->len == 0 && ctx->causes->len == 0)
    return;
  g_string_append_printf (out, "## %s\n\n", _("Troubleshooting steps"));
  for (guint i = 0; i < ctx->steps->len; i++)
    {
      const LdReportStep *s = ctx->steps->pdata[i];

      g_string_append (out, "### ");
      md_text (out, ctx, s->title, TRUE);
      g_string_append (out, "\n\n");
      if (s->question != NULL)
        {
          g_string_append_c (out, '*');
          md_text (out, ctx, s->question, TRUE);
          g_string_append (out, "*  \n");
        }
      g_string_append_printf (out, "**%s** ", _("Answer:"));
      md_text (out, ctx, s->answer ? s->answer : "—", TRUE);
      g_string_append_printf (out, " (%s)\n\n", _ld_report_answer_label (s->source));
      if (s->evidence != NULL)
        {
          g_autofree char *ev = _ld_report_str (ctx, s->evidence);

          md_code_block (out, ev, "");
          g_string_append_c (out, '\n');
        }
      if (s->text != NULL)
        {
          md_rich (out, ctx, s->text);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
  if (ctx->causes->len > 0)
    {
      g_string_append_printf (out, "### %s\n\n", _("Possible causes"));
      for (guint i = 0; i < ctx->causes->len; i++)
        {
          const LdReportCause *c = ctx->causes->pdata[i];

          g_string_append (out, "- **");
          md_text (out, ctx, c->title, TRUE);
          g_string_append_printf (out, "**: %s", _ld_report_cause_label (c->status));
          if (c->text != NULL)
            {
              g_string_append (out, ". ");
              md_text (out, ctx, c->text, TRUE);
            }
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
}

char *
_ld_report_render_markdown (LdReportContext *ctx)
{
  GString *out = g_string_new (NULL);
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);
  g_autofree char *title = _ld_report_dup_title (ctx);

  g_string_append_printf (out, "# %s\n\n", title);
  g_string_append_printf (out, "**%s** ", _("Verdict:"));
  md_append_escaped (out, ctx->verdict, FALSE);
  g_string_append (out, "\n\n");
  g_string_append_printf (out, _("Analysed on %s with LyncDiag %s."), ctx->analysed_at, PACKAGE_VERSION);
  if (ctx->redactor != NULL)
    {
      g_autofree char *legend = ld_redact_dup_legend ();

      g_string_append_printf (out, " %s", legend);
    }
  g_string_append (out, "\n\n");

  g_string_append_printf (out, "## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---:|\n",
                          _("Logs analysed"), _("Log"), _("Client"), _("Time span"), _("SIP messages"));
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = inputs->pdata[i];
      g_autofree char *name = _ld_report_dup_input_name (ctx, i);
      g_autofree char *span = _ld_report_dup_input_span (in);

      g_string_append (out, "| ");
      md_append_escaped (out, name, TRUE);
      g_string_append (out, " | ");
      md_text (out, ctx, in->client ? in->client : _("unknown"), TRUE);
      g_string_append_printf (out, " | %s | %'u |\n", span, in->sip_messages);
    }
  g_string_append_c (out, '\n');

  md_findings (out, ctx);
  md_attempts (out, ctx);
  md_failed (out, ctx);
  md_wizard (out, ctx);
  {
    g_autofree char *about = _ld_report_dup_about ();

    g_string_append (out, "---\n\n*");
    md_append_escaped (out, about, FALSE);
    g_string_append (out, "*\n");
  }
  return g_string_free (out, FALSE);
}

/* RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet
 * would run as a formula (a phone number "+1425..." or "=cmd|..."). */
static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  const char *v = value ? value : "";
  gboolean formula = *v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r';

  if (formula || strpbrk (v, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = v; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, v);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_log_field (GString         *out,
               LdReportContext *ctx,
               const char      *value)
{
  g_autofree char *s = _ld_report_str (ctx, value);

  csv_field (out, s, FALSE);
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
    csv_field (out, columns[i], i + 1 == G_N_ELEMENTS (columns));

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);
      g_autofree char *id = g_strdup_printf ("%u", a->id);
      g_autofree char *start = ld_time_format_iso (a->start);
      g_autofree char *end = ld_time_format_iso (a->end);
      g_autofree char *dur = a->start >= 0 && a->end >= a->start ?
                             g_strdup_printf ("%" G_GINT64_FORMAT, a->end - a->start) : g_strdup ("");
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

      csv_field (out, id, FALSE);
      csv_field (out, start, FALSE);
      csv_field (out, end, FALSE);
      csv_field (out, dur, FALSE);
      csv_field (out, ld_attempt_kind_to_string (a->kind), FALSE);
      csv_field (out, ld_modality_to_string (a->modality), FALSE);
      csv_field (out, a->incoming ? "incoming" : "outgoing", FALSE);
      csv_log_field (out, ctx, a->target);
      csv_log_field (out, ctx, a->remote_party);
      csv_field (out, ld_outcome_to_string (a->outcome), FALSE);
      csv_field (out, status, FALSE);
      csv_log_field (out, ctx, a->status_reason);
      csv_field (out, d ? ld_diag_header_to_string (d->header) : "", FALSE);
      csv_field (out, code, FALSE);
      csv_log_field (out, ctx, d ? d->reason : NULL);
      csv_field (out, ice->str, FALSE);
      csv_log_field (out, ctx, a->call_id);
      csv_field (out, ids->str, TRUE);
    }
  return g_string_free (out, FALSE);
}
