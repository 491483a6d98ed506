/* ld-format.c - an analysis as text for people and as JSON for programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-format"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-input.h"
#include "ld-json-writer.h"
#include "ld-parallel.h"

/**
 * ld_format_date_time_local:
 * @dt: a moment on this computer (when an analysis or a report was made)
 *
 * Such a moment is written for the reader: in the date notation of their
 * LC_TIME locale ("%x": 23.11.2026, 23/11/2026, 11/23/2026…). When that
 * locale is plain C or POSIX, "%x" would give an American 11/23/26, so the
 * translation picks the notation instead (ISO 8601 in English). The log's
 * own times are a different thing: ld_format_time() keeps them ISO 8601 in
 * every locale, so they read the same as the log and in every ticket.
 *
 * Returns: (transfer full): the date and time, with the time zone
 */
char *
ld_format_date_time_local (GDateTime *dt)
{
  const char *lc_time = setlocale (LC_TIME, NULL);

  if (lc_time == NULL || strcmp (lc_time, "C") == 0 || strcmp (lc_time, "POSIX") == 0 ||
      g_str_has_prefix (lc_time, "C."))
    /* Translators: a g_date_time_format() (strftime) format for the date and
     * time an analysis or report was made, used when the system gives no
     * date notation; German: "%d.%m.%Y %H:%M %Z".
     * xgettext:no-c-format */
    return g_date_time_format (dt, C_("date and time of an analysis", "%Y-%m-%d %H:%M %Z"));
  return g_date_time_format (dt, "%x %H:%M %Z");
}

/* "2014-01-30 10:05:08.772": the log's own wall-clock time, unambiguous
 * in every locale (ISO 8601 order). */
char *
ld_format_time (gint64 time)
{
  g_autofree char *iso = ld_time_format_iso (time);

  if (iso == NULL)
    return g_strdup ("—");
  iso[10] = ' ';
  return g_steal_pointer (&iso);
}

char *
ld_format_duration (gint64 ms)
{
  if (ms < 0)
    return g_strdup ("—");
  if (ms < 1000)
    return g_strdup_printf (_("%d ms"), (int) ms);
  if (ms < 60000)
    return g_strdup_printf (_("%.1f s"), ms / 1000.0);
  if (ms < 3600000)
    return g_strdup_printf (_("%d min %d s"), (int) (ms / 60000), (int) (ms / 1000 % 60));
  return g_strdup_printf (_("%d h %d min"), (int) (ms / 3600000), (int) (ms / 60000 % 60));
}

const char *
ld_input_get_display_name (const LdInput *input)
{
  return input->member ? input->member : input->path;
}

static void
format_media_text (GString            *out,
                   const LdMediaDebug *m,
                   const char         *indent)
{
  LdIceBit bits[32];

  g_string_append_printf (out, "%s%s (%s)", indent,
                          m->role == LD_MEDIA_ROLE_CALLER ? _("Caller media") : _("Callee media"),
                          m->modality ? m->modality : _("no modality given"));
  if (m->has_ice_warn)
    {
      guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);

      g_string_append_printf (out, ": ICEWarn=0x%x\n", m->ice_warn);
      if (n == 0)
        g_string_append_printf (out, "%s  %s\n", indent, _("no ICE warning (0x0)"));
      for (guint i = 0; i < n; i++)
        g_string_append_printf (out, "%s  0x%-8x %s%s\n", indent, bits[i].bit, _(bits[i].meaning),
                                bits[i].expected ? _(" (often expected)") : "");
    }
  else
    g_string_append_c (out, '\n');

  g_string_append_printf (out, "%s  %s %s; %s %s", indent,
                          _("This side:"), ld_location_describe (m->local_location),
                          _("other side:"), ld_location_describe (m->remote_location));
  if (m->federation_type >= 0)
    g_string_append_printf (out, "; %s", m->federation_type > 0 ? _("federated") : _("not federated"));
  g_string_append_c (out, '\n');

  {
    const char *lmr = ld_media_debug_get_field (m, "LocalMR");
    const char *rmr = ld_media_debug_get_field (m, "RemoteMR");
    const char *range = ld_media_debug_get_field (m, "PortRange");

    if ((lmr && *lmr) || (rmr && *rmr))
      g_string_append_printf (out, "%s  %s %s, %s %s\n", indent,
                              _("Media relay (A/V Edge) this side:"), lmr && *lmr ? lmr : _("none"),
                              _("other side:"), rmr && *rmr ? rmr : _("none"));
    if (range && *range)
      g_string_append_printf (out, "%s  %s %s\n", indent, _("Port range:"), range);
  }

  if (m->fields->len > 0)
    {
      g_string_append_printf (out, "%s  %s ", indent, _("Fields:"));
      for (guint i = 0; i < m->fields->len; i++)
        {
          const LdField *f = g_ptr_array_index (m->fields, i);
          g_string_append_printf (out, "%s%s=%s", i ? ", " : "", f->key, f->value);
        }
      g_string_append_c (out, '\n');
    }
}

void
ld_format_diagnostic_text (GString            *out,
                           const LdDiagnostic *d,
                           const char         *indent)
{
  g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);
  g_autofree char *sub_indent = g_strconcat (indent, "  ", NULL);

  g_string_append_printf (out, "%s%s", indent, ld_diag_header_to_string (d->header));
  if (d->code >= 0)
    g_string_append_printf (out, " %d", d->code);
  if (d->subcode >= 0)
    g_string_append_printf (out, ".%d", d->subcode);
  if (d->message != NULL)
    {
      g_autofree char *summary = ld_sip_message_dup_summary (d->message);
      g_string_append_printf (out, "  [%s, %s %" G_GUINT64_FORMAT "]",
                              d->message->direction == LD_DIRECTION_RECEIVED ? _("received")
                              : d->message->direction == LD_DIRECTION_SENT ? _("sent") : _("unknown"),
                              _("line"),
                              d->message->line);
      g_string_append_printf (out, "\n%s%s %s", sub_indent, _("In:"), summary);
    }
  g_string_append_c (out, '\n');
  if (d->reason != NULL)
    g_string_append_printf (out, "%s%s \"%s\"\n", sub_indent, _("Reason:"), d->reason);
  if (meaning != NULL)
    g_string_append_printf (out, "%s%s %s\n", sub_indent, _("Meaning:"), meaning);
  if (d->code >= 0 || ld_diagnostic_get_attribute (d, "component") != NULL)
    {
      g_autofree char *component = ld_diagnostic_dup_component (d);
      g_string_append_printf (out, "%s%s %s\n", sub_indent, _("From:"), component);
    }
  if (d->source != NULL)
    g_string_append_printf (out, "%s%s %s\n", sub_indent, _("Source:"), d->source);
  for (guint i = 0; i < d->media->len; i++)
    format_media_text (out, g_ptr_array_index (d->media, i), sub_indent);
}

static void
format_finding_text (GString         *out,
                     LdAnalysis      *self,
                     const LdFinding *f)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self);

  g_string_append_printf (out, "  [%s] %s — %s (%s %s)\n", ld_severity_get_label (f->severity),
                          f->id, f->title, _("confidence:"), ld_confidence_get_label (f->confidence));
  if (f->detail != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (f->detail, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        g_string_append_printf (out, "      %s\n", lines[i]);
    }
  for (guint i = 0; i < f->actions->len; i++)
    g_string_append_printf (out, "      → %s\n", (const char *) g_ptr_array_index (f->actions, i));
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LdEvidence *e = &g_array_index (f->evidence, LdEvidence, i);
      const LdInput *input = e->input < inputs->len ? g_ptr_array_index (inputs, e->input) : NULL;

      g_string_append (out, "      ");
      if (e->attempt > 0)
        g_string_append_printf (out, _("attempt %u, "), e->attempt);
      g_string_append_printf (out, "%s:%" G_GUINT64_FORMAT, input ? ld_input_get_display_name (input) : "?",
                              e->line);
      if (e->excerpt != NULL)
        g_string_append_printf (out, "  %s", e->excerpt);
      g_string_append_c (out, '\n');
    }
}

/* How the exchanges of one kind ended: what the summaries count. */
typedef struct
{
  guint   total;
  guint   by_outcome[4];   /* LdOutcome */
  gint64  first, last;
} KindCount;

static void
count_exchanges (LdAnalysis *self,
                 gint        input,
                 KindCount   counts[LD_ATTEMPT_N_KINDS])
{
  guint n = ld_analysis_get_n_exchanges (self);

  memset (counts, 0, sizeof (KindCount) * LD_ATTEMPT_N_KINDS);
  for (guint k = 0; k < LD_ATTEMPT_N_KINDS; k++)
    counts[k].first = counts[k].last = -1;
  for (guint i = 0; i < n; i++)
    {
      const LdExchange *e = ld_analysis_get_exchange (self, i);
      KindCount *c;

      if ((input >= 0 && e->input != (guint) input) || e->kind >= LD_ATTEMPT_N_KINDS)
        continue;
      c = &counts[e->kind];
      c->total++;
      c->by_outcome[e->outcome & 3]++;
      if (e->start >= 0 && (c->first < 0 || e->start < c->first))
        c->first = e->start;
      if (e->start >= 0 && e->start + e->duration > c->last)
        c->last = e->start + e->duration;
    }
}

/* Every exchange counted by kind, so that the routine traffic that worked
 * (sign-ins, subscriptions…, not listed as attempts) is still accounted
 * for: "subscription  15,236: 15,234 succeeded, 2 no response". */
static void
format_exchanges_text (GString    *out,
                       LdAnalysis *self,
                       gboolean    with_attempts)
{
  KindCount counts[LD_ATTEMPT_N_KINDS];
  guint total = 0;

  count_exchanges (self, -1, counts);
  for (guint k = 0; k < LD_ATTEMPT_N_KINDS; k++)
    total += counts[k].total;
  if (total == 0)
    return;
  if (with_attempts)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "SIP exchanges: %'u (the attempts above among them)\n",
                                              "SIP exchanges: %'u (the attempts above among them)\n", total),
                            total);
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "SIP exchanges: %'u\n", "SIP exchanges: %'u\n", total),
                            total);
  for (guint k = 0; k < LD_ATTEMPT_N_KINDS; k++)
    {
      const KindCount *c = &counts[k];
      const char *sep = ": ";

      if (c->total == 0)
        continue;
      g_string_append_printf (out, "  %-14s %'u", ld_attempt_kind_get_label (k), c->total);
      if (c->by_outcome[LD_OUTCOME_SUCCEEDED] > 0)
        {
          g_string_append_printf (out, "%s%'u %s", sep, c->by_outcome[LD_OUTCOME_SUCCEEDED],
                                  ld_outcome_get_label (LD_OUTCOME_SUCCEEDED));
          sep = ", ";
        }
      if (c->by_outcome[LD_OUTCOME_FAILED] > 0)
        {
          g_string_append_printf (out, "%s%'u %s", sep, c->by_outcome[LD_OUTCOME_FAILED],
                                  ld_outcome_get_label (LD_OUTCOME_FAILED));
          sep = ", ";
        }
      if (c->by_outcome[LD_OUTCOME_CANCELLED] > 0)
        {
          g_string_append_printf (out, "%s%'u %s", sep, c->by_outcome[LD_OUTCOME_CANCELLED],
                                  ld_outcome_get_label (LD_OUTCOME_CANCELLED));
          sep = ", ";
        }
      if (c->by_outcome[LD_OUTCOME_NO_RESPONSE] > 0)
        g_string_append_printf (out, "%s%'u %s", sep, c->by_outcome[LD_OUTCOME_NO_RESPONSE],
                                /* TRANSLATORS: how many requests of a kind had no final answer in the log */
                                _("without an answer in the log"));
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/**
 * ld_analysis_to_text:
 * @self: a finished analysis
 *
 * Returns: (transfer full): the analysis as plain text for a terminal or a ticket
 */
char *
ld_analysis_to_text (LdAnalysis *self)
{
  GString *out = g_string_new (NULL);
  GPtrArray *inputs = ld_analysis_get_inputs (self);
  GPtrArray *attempts = ld_analysis_get_attempts (self);
  GPtrArray *findings = ld_analysis_get_findings (self);
  gboolean several_users = ld_analysis_get_n_users (self) > 1;

  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = g_ptr_array_index (inputs, i);
      g_autofree char *t0 = ld_format_time (in->first_time);
      g_autofree char *t1 = ld_format_time (in->last_time);

      g_string_append_printf (out, "%s %s", _("Input:"), in->path);
      if (in->member != NULL)
        g_string_append_printf (out, " → %s", in->member);
      g_string_append_c (out, '\n');
      g_string_append_printf (out, "  %-10s %s\n", _("Client:"),
                              in->client ? in->client :
                              in->format == LD_LOG_FORMAT_SERVER ? _("server SIPStack trace") : _("unknown"));
      if (in->user != NULL)
        g_string_append_printf (out, "  %-10s %s\n", _("User:"), in->user);
      g_string_append_printf (out, "  %-10s %s – %s\n", _("Time:"), t0, t1);
      /* Counts take the locale's thousands separator ("%'"): 1,234,567 or 1.234.567. */
      g_string_append_printf (out, "  %-10s %'" G_GUINT64_FORMAT ", %s %'u\n", _("Lines:"), in->lines,
                              _("SIP messages:"), in->sip_messages);
      for (guint j = 0; j < in->problems->len; j++)
        g_string_append_printf (out, "  %s %s\n", _("Note:"), (const char *) g_ptr_array_index (in->problems, j));
      g_string_append_c (out, '\n');
    }

  if (attempts->len == 0)
    g_string_append_printf (out, "%s\n\n", _("No call, conference join, or SIP request that failed was found in the log."));

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      g_autofree char *t = ld_format_time (a->start);
      g_autofree char *dur = ld_format_duration (a->end >= 0 && a->start >= 0 ? a->end - a->start : -1);
      const char *outcome = ld_outcome_get_label (a->outcome);
      g_autofree char *outcome_up = g_utf8_strup (outcome, -1);

      /* A sign-in or a request has no media: its modality ("other") says nothing. */
      if (a->modality == LD_MODALITY_OTHER && ld_attempt_kind_is_routine (a->kind))
        g_string_append_printf (out, "%s %u  %s  %s  %s\n", _("Attempt"), a->id, t,
                                ld_attempt_kind_get_label (a->kind), outcome_up);
      else
        g_string_append_printf (out, "%s %u  %s  %s  %s  %s\n", _("Attempt"), a->id, t,
                                ld_attempt_kind_get_label (a->kind), ld_modality_get_label (a->modality),
                                outcome_up);
      if (a->sign_out)
        g_string_append_printf (out, "  %-8s %s  (%s)\n", _("Target:"), a->target, _("signed out by the server"));
      else if (a->incoming && a->remote_party != NULL)
        /* TRANSLATORS: an incoming call or request, and who sent it */
        g_string_append_printf (out, "  %-8s %s  (%s %s)\n", _("Target:"), a->target, _("incoming from"),
                                a->remote_party);
      else
        g_string_append_printf (out, "  %-8s %s%s\n", _("Target:"), a->target,
                                a->incoming ? _("  (incoming)") : "");
      if (a->sign_out)
        /* The status of a sign-out is this client's answer to the server's
         * NOTIFY: not what the user should read as the outcome. */
        g_string_append_printf (out, "  %-8s %s\n", _("Status:"), _("the server ended this client's registration"));
      else if (a->status > 0)
        g_string_append_printf (out, "  %-8s %d %s  (%s %s)\n", _("Status:"), a->status,
                                a->status_reason ? a->status_reason : "", _("lasted"), dur);
      else
        g_string_append_printf (out, "  %-8s %s  (%s %s)\n", _("Status:"), _("no final response"),
                                _("lasted"), dur);
      if (several_users && a->user != NULL)
        g_string_append_printf (out, "  %-8s %s\n", _("User:"), a->user);
      if (a->failure != NULL)
        {
          g_autofree char *summary = ld_sip_message_dup_summary (a->failure);

          /* Which side did it: this client, or the other end. */
          g_string_append_printf (out, "  %-8s %s  [%s, %s %" G_GUINT64_FORMAT "]\n",
                                  a->sign_out && a->incoming ? _("Signed out:") : _("Failed by:"), summary,
                                  ld_direction_get_label (a->failure_side), _("line"), a->failure->line);
        }
      g_string_append_printf (out, "  %-8s %s, %u %s\n", _("Call-ID:"), a->call_id, a->messages->len,
                              _("messages"));
      for (guint j = 0; j < a->diagnostics->len; j++)
        ld_format_diagnostic_text (out, g_ptr_array_index (a->diagnostics, j), "  ");
      g_string_append_c (out, '\n');
    }

  format_exchanges_text (out, self, attempts->len > 0);

  if (findings->len > 0)
    {
      g_string_append_printf (out, "%s\n", _("Findings"));
      for (guint i = 0; i < findings->len; i++)
        format_finding_text (out, self, g_ptr_array_index (findings, i));
    }
  else
    g_string_append_printf (out, "%s\n", _("Findings: none. Nothing in the log points to a problem."));

  return g_string_free (out, FALSE);
}

/* JSON below is for programs (schema lyncdiag.analysis/1): its keys and
 * enumerated values (kind, modality, outcome, severity…) are never
 * translated; only text taken from the log or a finding is prose. */

static void
json_time (LdJsonWriter *w,
           const char   *key,
           gint64        time)
{
  char iso[LD_TIME_ISO_SIZE];

  ld_json_member_string (w, key, ld_time_format_iso_buf (time, iso));
}

/* "summary": one line as a call-flow arrow shows the message. */
static void
json_summary (LdJsonWriter       *w,
              const LdSipMessage *m)
{
  char buf[512];
  g_autofree char *summary = NULL;

  if (ld_sip_message_summary_into (m, buf, sizeof buf))
    ld_json_member_string (w, "summary", buf);
  else
    {
      summary = ld_sip_message_dup_summary (m);
      ld_json_member_string (w, "summary", summary);
    }
}

/* "direction": "sent" (by this client), "received", or null when no
 * client's side is known (a trace line, a server's trace). */
static void
json_direction (LdJsonWriter *w,
                LdDirection   direction)
{
  ld_json_key (w, "direction");
  if (direction == LD_DIRECTION_UNKNOWN)
    ld_json_null (w);
  else
    ld_json_string (w, ld_direction_to_string (direction));
}

/* A number where there is one, else null. */
static void
json_int_or_null (LdJsonWriter *w,
                  const char   *key,
                  gint64        value,
                  gboolean      present)
{
  ld_json_key (w, key);
  if (present)
    ld_json_int (w, value);
  else
    ld_json_null (w);
}

/* Whether a field before the @i'th of @fields has its key (then the
 * first one is written); adds the key to @seen when there is one. */
static gboolean
field_key_seen (GPtrArray  *fields,
                guint       i,
                GHashTable *seen)
{
  const LdField *f = g_ptr_array_index (fields, i);

  if (seen != NULL)
    return !g_hash_table_add (seen, f->key);
  for (guint j = 0; j < i; j++)
    {
      const LdField *e = g_ptr_array_index (fields, j);

      if (e->key != NULL && strcmp (e->key, f->key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "0x80012b", as "0x%x" writes it: printf cost more than the rest of a
 * media attribute's JSON. */
static const char *
format_hex (guint32 v,
            char    buf[11])
{
  char *p = buf + 10;

  *p = '\0';
  do
    *--p = "0123456789abcdef"[v & 0xf];
  while ((v >>= 4) != 0);
  *--p = 'x';
  *--p = '0';
  return p;
}

static void
json_media (LdJsonWriter       *w,
            const LdMediaDebug *m)
{
  char hex[11];
  LdIceBit bits[32];
  /* Which keys are written already: a value has a handful of fields, for
   * which looking back is cheaper than a hash table per value. */
  g_autoptr(GHashTable) seen = m->fields->len > 16 ? g_hash_table_new (g_str_hash, g_str_equal) : NULL;

  ld_json_begin_object (w);
  ld_json_member_string (w, "role", ld_media_role_to_string (m->role));
  ld_json_member_string (w, "modality", m->modality);
  ld_json_key (w, "ice_warn");
  if (m->has_ice_warn)
    ld_json_string (w, format_hex (m->ice_warn, hex));
  else
    ld_json_null (w);
  ld_json_key (w, "ice_warn_flags");
  ld_json_begin_array (w);
  if (m->has_ice_warn)
    {
      guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);

      for (guint i = 0; i < n; i++)
        {
          ld_json_begin_object (w);
          ld_json_member_string (w, "bit", format_hex (bits[i].bit, hex));
          ld_json_member_string (w, "meaning", bits[i].meaning);
          ld_json_member_bool (w, "known", bits[i].known);
          ld_json_member_bool (w, "expected", bits[i].expected);
          ld_json_end_object (w);
        }
    }
  ld_json_end_array (w);
  ld_json_member_string (w, "local_location", ld_location_to_string (m->local_location));
  ld_json_member_string (w, "remote_location", ld_location_to_string (m->remote_location));
  ld_json_member_bool (w, "federated", m->federation_type > 0);
  ld_json_key (w, "fields");
  ld_json_begin_object (w);
  for (guint i = 0; i < m->fields->len; i++)
    {
      const LdField *f = g_ptr_array_index (m->fields, i);

      if (f->key == NULL || *f->key == '\0' || field_key_seen (m->fields, i, seen))
        continue;
      ld_json_member_string (w, f->key, f->value);
    }
  ld_json_end_object (w);
  ld_json_end_object (w);
}

static void
json_diagnostic (LdJsonWriter       *w,
                 const LdAttempt    *a,
                 const LdDiagnostic *d)
{
  g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);

  ld_json_begin_object (w);
  ld_json_member_string (w, "header", ld_diag_header_to_string (d->header));
  json_int_or_null (w, "code", d->code, d->code >= 0);
  json_int_or_null (w, "subcode", d->subcode, d->subcode >= 0);
  ld_json_member_string (w, "reason", d->reason);
  ld_json_member_string (w, "source", d->source);
  ld_json_member_string (w, "component", d->code >= 0 ? ld_code_get_component (d->header, d->code) : NULL);
  ld_json_member_string (w, "meaning", meaning);
  /* In its place: a code reports a failure by itself ("verdict"), or
   * explains the error response that decided the attempt. */
  ld_json_member_bool (w, "failure", ld_attempt_diagnostic_is_failure (a, d));
  ld_json_member_string (w, "verdict", ld_code_verdict_to_string (ld_diagnostic_get_verdict (d)));
  ld_json_key (w, "message");
  if (d->message != NULL)
    {
      ld_json_begin_object (w);
      ld_json_member_int (w, "input", d->message->input);
      ld_json_member_int (w, "line", (gint64) d->message->line);
      ld_json_end_object (w);
    }
  else
    ld_json_null (w);
  ld_json_key (w, "media");
  if (d->media->len > 0)
    json_media (w, g_ptr_array_index (d->media, 0));
  else
    ld_json_null (w);
  if (d->media->len > 1)
    {
      /* Both CallerMediaDebug and CalleeMediaDebug in one header. */
      ld_json_key (w, "more_media");
      ld_json_begin_array (w);
      for (guint i = 1; i < d->media->len; i++)
        json_media (w, g_ptr_array_index (d->media, i));
      ld_json_end_array (w);
    }
  ld_json_end_object (w);
}

static void
json_attempt (LdJsonWriter    *w,
              const LdAttempt *a)
{
  ld_json_begin_object (w);
  ld_json_member_int (w, "id", a->id);
  ld_json_member_string (w, "kind", ld_attempt_kind_to_string (a->kind));
  ld_json_member_string (w, "modality", ld_modality_to_string (a->modality));
  ld_json_member_string (w, "target", a->target);
  ld_json_member_string (w, "remote_party", a->remote_party);
  ld_json_member_bool (w, "incoming", a->incoming);
  ld_json_member_string (w, "call_id", a->call_id);
  json_time (w, "start", a->start);
  json_time (w, "end", a->end);
  ld_json_member_string (w, "outcome", ld_outcome_to_string (a->outcome));
  json_int_or_null (w, "status", a->status, a->status > 0);
  ld_json_member_bool (w, "ice_completed", a->remote_candidates);
  ld_json_member_int (w, "input", a->input);
  ld_json_member_string (w, "user", a->user);
  ld_json_member_string (w, "method", a->invite != NULL ? a->invite->method : NULL);
  ld_json_member_bool (w, "sign_out", a->sign_out);
  /* Which side did it. */
  ld_json_key (w, "failure");
  if (a->failure != NULL)
    {
      ld_json_begin_object (w);
      ld_json_member_int (w, "input", a->failure->input);
      ld_json_member_int (w, "line", (gint64) a->failure->line);
      json_time (w, "time", a->failure->time);
      json_direction (w, a->failure_side);
      json_summary (w, a->failure);
      ld_json_end_object (w);
    }
  else
    ld_json_null (w);
  ld_json_key (w, "diagnostics");
  ld_json_begin_array (w);
  for (guint j = 0; j < a->diagnostics->len; j++)
    json_diagnostic (w, a, g_ptr_array_index (a->diagnostics, j));
  ld_json_end_array (w);
  ld_json_key (w, "messages");
  ld_json_begin_array (w);
  for (guint j = 0; j < a->messages->len; j++)
    {
      const LdSipMessage *m = g_ptr_array_index (a->messages, j);

      ld_json_begin_object (w);
      ld_json_member_int (w, "input", m->input);
      ld_json_member_int (w, "line", (gint64) m->line);
      json_time (w, "time", m->time);
      ld_json_member_string (w, "direction", ld_direction_to_string (m->direction));
      json_summary (w, m);
      ld_json_end_object (w);
    }
  ld_json_end_array (w);
  ld_json_end_object (w);
}

/* The attempts are most of a large analysis's JSON. They are written in
 * pieces of JSON_PIECE attempts on every thread of the pool (see
 * ld-parallel.c), and the pieces go out in order: the bytes are the same
 * as from one thread. Whichever thread finishes the piece that is next to
 * go out writes it, and the pieces after it that are done, while the
 * other threads go on with the next ones; a thread waits before a piece
 * only when JSON_WINDOW pieces are done or under way ahead of the one
 * going out, so that little is held in memory. Each of the window's slots
 * is one writer, written again into the memory it has. */
#define JSON_PIECE 64
#define JSON_WINDOW 8

typedef struct
{
  LdJsonWriter  *parent;
  GPtrArray     *attempts;
  GMutex         lock;
  GCond          cond;
  guint          written;              /* pieces gone out, under lock */
  gboolean       writing;              /* a thread is writing them, under lock */
  gboolean       done[JSON_WINDOW];    /* the slot's piece is written, not out; under lock */
  LdJsonWriter  *slots[JSON_WINDOW];   /* piece i in slot i % JSON_WINDOW */
} JsonPieces;

static void
json_attempts_piece (guint    index,
                     gpointer data)
{
  JsonPieces *pieces = data;
  guint from = index * JSON_PIECE;
  guint to = MIN (from + JSON_PIECE, pieces->attempts->len);
  guint slot = index % JSON_WINDOW;
  LdJsonWriter *w;

  /* The slot is free once the piece JSON_WINDOW before this one is out. */
  g_mutex_lock (&pieces->lock);
  while (index >= pieces->written + JSON_WINDOW)
    g_cond_wait (&pieces->cond, &pieces->lock);
  g_mutex_unlock (&pieces->lock);

  w = pieces->slots[slot];
  if (w != NULL)
    ld_json_writer_reuse_fragment (w, pieces->parent, from > 0);
  else
    w = pieces->slots[slot] = ld_json_writer_new_fragment (pieces->parent, from > 0);
  for (guint i = from; i < to; i++)
    json_attempt (w, g_ptr_array_index (pieces->attempts, i));

  g_mutex_lock (&pieces->lock);
  pieces->done[slot] = TRUE;
  /* Writing out is one thread's at a time; a piece done meanwhile is
   * seen by the writer's loop. */
  if (!pieces->writing)
    {
      pieces->writing = TRUE;
      while (pieces->done[pieces->written % JSON_WINDOW])
        {
          guint out = pieces->written % JSON_WINDOW;

          g_mutex_unlock (&pieces->lock);
          ld_json_writer_append_fragment (pieces->parent, pieces->slots[out]);
          g_mutex_lock (&pieces->lock);
          pieces->done[out] = FALSE;
          pieces->written++;
          g_cond_broadcast (&pieces->cond);
        }
      pieces->writing = FALSE;
    }
  g_mutex_unlock (&pieces->lock);
}

static void
json_attempts (LdJsonWriter *w,
               GPtrArray    *attempts)
{
  JsonPieces pieces = { w, attempts };
  guint n = (attempts->len + JSON_PIECE - 1) / JSON_PIECE;

  g_mutex_init (&pieces.lock);
  g_cond_init (&pieces.cond);
  ld_json_begin_array (w);
  _ld_parallel_for (n, 1, json_attempts_piece, &pieces);
  g_assert (pieces.written == n);
  ld_json_end_array (w);
  for (guint i = 0; i < JSON_WINDOW; i++)
    g_clear_pointer (&pieces.slots[i], ld_json_writer_free);
  g_mutex_clear (&pieces.lock);
  g_cond_clear (&pieces.cond);
}

/**
 * ld_analysis_to_json:
 * @self: a finished analysis
 * @pretty: indent the output
 *
 * Returns: (transfer full): the analysis in the "lyncdiag.analysis/1" shape
 *   documented in README.md
 */
static void write_json (LdAnalysis *self, LdJsonWriter *w);

char *
ld_analysis_to_json (LdAnalysis *self,
                     gboolean    pretty)
{
  g_autoptr(LdJsonWriter) w = ld_json_writer_new (pretty);

  write_json (self, w);
  return ld_json_writer_steal (w);
}

/**
 * ld_analysis_write_json:
 * @self: a finished analysis
 * @stream: where to write
 * @pretty: indent the output
 * @error: return location for a #GError
 *
 * Writes the same JSON as ld_analysis_to_json() without holding it in memory.
 *
 * Returns: %TRUE on success
 */
gboolean
ld_analysis_write_json (LdAnalysis     *self,
                        GOutputStream  *stream,
                        gboolean        pretty,
                        GError        **error)
{
  g_autoptr(LdJsonWriter) w = ld_json_writer_new_for_stream (stream, pretty);

  write_json (self, w);
  return ld_json_writer_finish_stream (w, error);
}

static void
write_json (LdAnalysis   *self,
            LdJsonWriter *w)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self);
  GPtrArray *attempts = ld_analysis_get_attempts (self);
  GPtrArray *findings = ld_analysis_get_findings (self);

  ld_json_begin_object (w);
  ld_json_member_string (w, "schema", LD_JSON_SCHEMA);

  ld_json_key (w, "inputs");
  ld_json_begin_array (w);
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = g_ptr_array_index (inputs, i);

      ld_json_begin_object (w);
      ld_json_member_string (w, "path", in->path);
      ld_json_member_string (w, "member", in->member);
      ld_json_member_string (w, "client", in->client);
      ld_json_member_string (w, "user_agent", in->user_agent);
      ld_json_member_string (w, "format", in->format == LD_LOG_FORMAT_SERVER ? "server" : "client");
      json_time (w, "first_time", in->first_time);
      json_time (w, "last_time", in->last_time);
      ld_json_member_int (w, "lines", (gint64) in->lines);
      ld_json_member_int (w, "sip_messages", in->sip_messages);
      ld_json_member_string (w, "user", in->user);
      ld_json_key (w, "problems");
      ld_json_begin_array (w);
      for (guint j = 0; j < in->problems->len; j++)
        ld_json_string (w, g_ptr_array_index (in->problems, j));
      ld_json_end_array (w);
      ld_json_end_object (w);
    }
  ld_json_end_array (w);

  /* Every input that was not analysed, with why (ld-input.c). */
  {
    GPtrArray *skipped = ld_analysis_get_skipped (self);

    ld_json_key (w, "skipped");
    ld_json_begin_array (w);
    for (guint i = 0; i < skipped->len; i++)
      {
        const LdSkippedInput *s = g_ptr_array_index (skipped, i);

        ld_json_begin_object (w);
        ld_json_member_string (w, "path", s->path);
        ld_json_member_string (w, "member", s->member);
        ld_json_member_string (w, "reason", s->reason);
        ld_json_member_bool (w, "unread", ld_skipped_input_is_unread (s));
        ld_json_end_object (w);
      }
    ld_json_end_array (w);
  }

  ld_json_key (w, "attempts");
  json_attempts (w, attempts);

  /* Every exchange, counted per input and kind: the routine traffic that
   * worked is counted here, not listed as attempts. */
  ld_json_key (w, "exchanges");
  ld_json_begin_array (w);
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = g_ptr_array_index (inputs, i);
      KindCount counts[LD_ATTEMPT_N_KINDS];

      count_exchanges (self, i, counts);
      for (guint k = 0; k < LD_ATTEMPT_N_KINDS; k++)
        {
          const KindCount *c = &counts[k];

          if (c->total == 0)
            continue;
          ld_json_begin_object (w);
          ld_json_member_int (w, "input", i);
          ld_json_member_string (w, "user", in->user);
          ld_json_member_string (w, "kind", ld_attempt_kind_to_string (k));
          ld_json_member_int (w, "count", c->total);
          ld_json_member_int (w, "succeeded", c->by_outcome[LD_OUTCOME_SUCCEEDED]);
          ld_json_member_int (w, "failed", c->by_outcome[LD_OUTCOME_FAILED]);
          ld_json_member_int (w, "cancelled", c->by_outcome[LD_OUTCOME_CANCELLED]);
          ld_json_member_int (w, "no_response", c->by_outcome[LD_OUTCOME_NO_RESPONSE]);
          json_time (w, "first", c->first);
          json_time (w, "last", c->last);
          ld_json_end_object (w);
        }
    }
  ld_json_end_array (w);

  ld_json_key (w, "findings");
  ld_json_begin_array (w);
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      ld_json_begin_object (w);
      ld_json_member_string (w, "id", f->id);
      ld_json_member_string (w, "severity", ld_severity_to_string (f->severity));
      ld_json_member_string (w, "confidence", ld_confidence_to_string (f->confidence));
      ld_json_member_string (w, "title", f->title);
      ld_json_member_string (w, "detail", f->detail);
      ld_json_member_string (w, "cause", f->cause);
      ld_json_member_string (w, "group", f->group);
      ld_json_member_int (w, "count", f->attempts->len);
      ld_json_key (w, "attempts");
      ld_json_begin_array (w);
      for (guint j = 0; j < f->attempts->len; j++)
        ld_json_int (w, g_array_index (f->attempts, guint, j));
      ld_json_end_array (w);
      ld_json_key (w, "actions");
      ld_json_begin_array (w);
      for (guint j = 0; j < f->actions->len; j++)
        ld_json_string (w, g_ptr_array_index (f->actions, j));
      ld_json_end_array (w);
      ld_json_key (w, "evidence");
      ld_json_begin_array (w);
      for (guint j = 0; j < f->evidence->len; j++)
        {
          const LdEvidence *e = &g_array_index (f->evidence, LdEvidence, j);

          ld_json_begin_object (w);
          json_int_or_null (w, "attempt", e->attempt, e->attempt > 0);
          ld_json_member_int (w, "input", e->input);
          ld_json_member_int (w, "line", (gint64) e->line);
          ld_json_member_string (w, "excerpt", e->excerpt);
          json_direction (w, e->direction);
          ld_json_end_object (w);
        }
      ld_json_end_array (w);
      ld_json_end_object (w);
    }
  ld_json_end_array (w);
  ld_json_end_object (w);
}

/* RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet
 * would run as a formula (a phone number "+1425..." or "=cmd|..."). */
void
ld_format_csv_field (GString    *out,
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
