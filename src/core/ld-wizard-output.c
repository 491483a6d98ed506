/* ld-wizard-output.c - the wizard as text for a terminal or a ticket, and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-json-writer.h"
#include "ld-wizard-private.h"

static const char *
input_name (LdAnalysis *analysis,
            guint       input)
{
  GPtrArray *inputs = analysis ? ld_analysis_get_inputs (analysis) : NULL;

  if (inputs == NULL || input >= inputs->len)
    return "";
  return ld_input_get_display_name (g_ptr_array_index (inputs, input));
}

static void
json_evidence (LdJsonWriter *w,
               LdAnalysis   *analysis,
               const GArray *evidence)
{
  ld_json_begin_array (w);
  for (guint i = 0; i < evidence->len; i++)
    {
      const LdEvidence *e = &g_array_index (evidence, LdEvidence, i);

      ld_json_begin_object (w);
      ld_json_member_string (w, "input", input_name (analysis, e->input));
      ld_json_member_int (w, "line", (gint64) e->line);
      if (e->attempt > 0)
        ld_json_member_int (w, "attempt", e->attempt);
      if (e->excerpt != NULL)
        ld_json_member_string (w, "excerpt", e->excerpt);
      ld_json_end_object (w);
    }
  ld_json_end_array (w);
}

/**
 * ld_wizard_to_json:
 *
 * Returns: (transfer full): every visible step with its answer, source,
 *   evidence and text, and the conclusion.
 */
char *
ld_wizard_to_json (LdWizard *self,
                   gboolean  pretty)
{
  g_autoptr(LdJsonWriter) w = ld_json_writer_new (pretty);

  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);

  ld_json_begin_object (w);
  ld_json_key (w, "steps");
  ld_json_begin_array (w);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const LdWizardStep *s = g_ptr_array_index (self->steps, i);

      if (!s->visible)
        continue;
      ld_json_begin_object (w);
      ld_json_member_string (w, "id", s->id);
      ld_json_member_string (w, "number", s->number);
      ld_json_member_string (w, "title", s->title);
      ld_json_key (w, "question");
      if (s->question)
        ld_json_string (w, s->question);
      else
        ld_json_null (w);
      ld_json_key (w, "answer");
      if (s->answer)
        ld_json_string (w, s->answer);
      else
        ld_json_null (w);
      ld_json_key (w, "answer_label");
      if (s->answer_label)
        ld_json_string (w, s->answer_label);
      else
        ld_json_null (w);
      ld_json_member_string (w, "source", ld_wizard_source_to_string (s->source));
      ld_json_key (w, "measured");
      if (s->measured != NULL)
        ld_json_string (w, s->measured);
      else
        ld_json_null (w);
      if (s->n_choices > 0)
        {
          ld_json_key (w, "choices");
          ld_json_begin_array (w);
          for (guint k = 0; k < s->n_choices; k++)
            {
              ld_json_begin_object (w);
              ld_json_member_string (w, "key", s->choices[k].key);
              ld_json_member_string (w, "label", _(s->choices[k].label));
              ld_json_end_object (w);
            }
          ld_json_end_array (w);
        }
      ld_json_key (w, "evidence");
      json_evidence (w, self->analysis, s->evidence);
      ld_json_member_string (w, "text", s->text ? s->text : "");
      ld_json_end_object (w);
    }
  ld_json_end_array (w);

  if (self->net_results != NULL)
    {
      ld_json_key (w, "network_check");
      ld_json_begin_array (w);
      for (guint i = 0; i < self->net_results->len; i++)
        {
          const LdNetcheckResult *r = g_ptr_array_index (self->net_results, i);

          ld_json_begin_object (w);
          ld_json_member_string (w, "host", r->target->host);
          ld_json_member_int (w, "port", r->target->port);
          ld_json_member_string (w, "protocol", r->target->protocol == LD_NETCHECK_TCP ? "tcp" : "stun-udp");
          ld_json_member_string (w, "result", ld_netcheck_status_to_string (r->status));
          if (r->detail)
            ld_json_member_string (w, "detail", r->detail);
          ld_json_member_int (w, "elapsed_ms", r->elapsed_ms);
          ld_json_end_object (w);
        }
      ld_json_end_array (w);
      /* Where and when: a measurement, not an answer. */
      ld_json_member_string (w, "network_check_host", self->net_host);
      if (self->net_time != NULL)
        {
          g_autofree char *when = g_date_time_format_iso8601 (self->net_time);
          ld_json_member_string (w, "network_check_time", when);
        }
    }

  ld_json_key (w, "conclusion");
  ld_json_begin_object (w);
  ld_json_key (w, "causes");
  ld_json_begin_array (w);
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

      ld_json_begin_object (w);
      ld_json_member_string (w, "id", c->id);
      ld_json_member_string (w, "title", c->title);
      ld_json_member_string (w, "status", ld_cause_status_to_string (c->status));
      ld_json_member_string (w, "reason", c->reason);
      ld_json_key (w, "findings");
      ld_json_begin_array (w);
      for (guint k = 0; k < c->findings->len; k++)
        ld_json_string (w, ((const LdFinding *) g_ptr_array_index (c->findings, k))->id);
      ld_json_end_array (w);
      ld_json_key (w, "evidence");
      json_evidence (w, self->analysis, c->evidence);
      ld_json_key (w, "actions");
      ld_json_begin_array (w);
      for (guint k = 0; k < c->actions->len; k++)
        ld_json_string (w, g_ptr_array_index (c->actions, k));
      ld_json_end_array (w);
      ld_json_end_object (w);
    }
  ld_json_end_array (w);
  ld_json_member_string (w, "summary", self->conclusion.summary);
  ld_json_end_object (w);
  ld_json_end_object (w);
  return ld_json_writer_steal (w);
}

static void
text_evidence (GString      *out,
               LdAnalysis   *analysis,
               const GArray *evidence,
               const char   *indent)
{
  for (guint i = 0; i < evidence->len; i++)
    {
      const LdEvidence *e = &g_array_index (evidence, LdEvidence, i);
      g_autofree char *where = ld_evidence_dup_location (analysis, e);

      g_string_append_printf (out, "%s%s %s", indent, _("Evidence:"), where);
      if (e->excerpt != NULL)
        g_string_append_printf (out, "  %s", e->excerpt);
      g_string_append_c (out, '\n');
    }
}

static void
text_indented (GString    *out,
               const char *text,
               const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%s%s\n", lines[i][0] ? indent : "", lines[i]);
}

/**
 * ld_wizard_to_text:
 *
 * Returns: (transfer full): every visible step, its answer and source, and
 *   the conclusion, for a terminal or a ticket.
 */
char *
ld_wizard_to_text (LdWizard *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      const LdWizardStep *s = g_ptr_array_index (self->steps, i);

      if (!s->visible || g_strcmp0 (s->id, LD_WIZARD_STEP_RESULT) == 0)
        continue;
      g_string_append_printf (out, _("Step %s: %s\n"), s->number, s->title);
      if (s->question != NULL)
        g_string_append_printf (out, "  %s\n", s->question);
      g_string_append_printf (out, _("  Answer: %s  [%s]\n"),
                              s->answer_label ? s->answer_label : _("(not answered)"),
                              s->source == LD_WIZARD_SOURCE_LOG ? _("from the log")
                              : s->source == LD_WIZARD_SOURCE_USER ? _("your answer") : _("unanswered"));
      if (s->answer != NULL && g_strcmp0 (s->answer, s->answer_label) != 0)
        g_string_append_printf (out, _("  Key:    %s=%s\n"), s->id, s->answer);
      if (s->measured != NULL)
        text_indented (out, s->measured, "  ");
      text_evidence (out, self->analysis, s->evidence, "  ");
      text_indented (out, s->text, "    ");
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, _("Step 7: %s\n"), _ld_wizard_step_by_id (self, LD_WIZARD_STEP_RESULT)->title);
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

      g_string_append_printf (out, "  [%s] %s (%s)\n", ld_cause_status_get_label (c->status), c->title, c->id);
      text_indented (out, c->reason, "      ");
      text_evidence (out, self->analysis, c->evidence, "      ");
      if (c->status != LD_CAUSE_CONTRADICTED)
        for (guint k = 0; k < c->actions->len; k++)
          g_string_append_printf (out, "      → %s\n", (char *) g_ptr_array_index (c->actions, k));
    }
  g_string_append_c (out, '\n');
  text_indented (out, _ld_wizard_step_by_id (self, LD_WIZARD_STEP_RESULT)->text, "  ");
  return g_string_free (out, FALSE);
}
