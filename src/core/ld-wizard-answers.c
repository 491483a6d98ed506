/* ld-wizard-answers.c - what the logs answer in the wizard, step by step
 *
 * Each step's answer from the logs, with its evidence and the explanation
 * the article gives.  Where an answer rests on what went wrong, it reads
 * the findings (ld-findings*.c): this file holds no rule of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-knowledge.h"
#include "ld-wizard-private.h"

static gboolean
modality_is_udp_media (LdModality m)
{
  return m == LD_MODALITY_AUDIO || m == LD_MODALITY_VIDEO || m == LD_MODALITY_AUDIO_VIDEO;
}

/* The first media debug of the attempt's failure diagnostic, or of any
 * diagnostic when none says failure. */
static const LdMediaDebug *
attempt_media (const LdAttempt     *a,
               const LdDiagnostic **out_diag)
{
  const LdDiagnostic *primary = ld_attempt_get_primary_diagnostic (a);

  if (primary != NULL && primary->media != NULL && primary->media->len > 0)
    {
      *out_diag = primary;
      return g_ptr_array_index (primary->media, 0);
    }
  for (guint i = 0; a->diagnostics != NULL && i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);
      if (d->media != NULL && d->media->len > 0)
        {
          *out_diag = d;
          return g_ptr_array_index (d->media, 0);
        }
    }
  *out_diag = primary;
  return NULL;
}
static char *
address_of (const char *party)
{
  g_autofree char *addr = party ? ld_sip_uri_dup_address (party) : NULL;

  if (addr == NULL && party != NULL)
    addr = g_strdup (party);
  return addr ? g_ascii_strdown (addr, -1) : NULL;
}

static char *
attempt_local_user (const LdAttempt *a)
{
  if (a->invite == NULL)
    return NULL;
  return address_of (a->incoming ? a->invite->to : a->invite->from);
}

static const LdFinding *
find_finding (LdAnalysis  *analysis,
              const char **ids)
{
  GPtrArray *findings = analysis ? ld_analysis_get_findings (analysis) : NULL;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);
      for (guint k = 0; ids[k] != NULL; k++)
        if (g_strcmp0 (f->id, ids[k]) == 0)
          return f;
    }
  return NULL;
}

/* Step: symptom ---------------------------------------------------------- */

void
_ld_wizard_derive_symptom (LdWizard     *self,
                           LdWizardStep *s,
                           GPtrArray    *failed)
{
  const LdAttempt *pick = NULL;
  const char *key = NULL;
  GString *text = g_string_new (NULL);
  GPtrArray *trace = self->analysis ? ld_analysis_get_trace_events (self->analysis) : NULL;

  for (guint i = 0; i < failed->len && pick == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      if (a->modality == LD_MODALITY_APPLICATION_SHARING)
        pick = a, key = "app-sharing";
    }
  for (guint i = 0; i < failed->len && pick == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      if (a->kind == LD_ATTEMPT_CONFERENCE && (a->modality == LD_MODALITY_FOCUS || a->modality == LD_MODALITY_CHAT))
        pick = a, key = "meeting-join";
    }
  for (guint i = 0; i < failed->len && pick == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      if (modality_is_udp_media (a->modality))
        pick = a, key = "audio-video";
    }
  if (pick == NULL && failed->len > 0)
    pick = g_ptr_array_index (failed, 0), key = "other";

  g_string_append (text, _("Microsoft's article starts from this message in Lync 2010 or 2013: “Cannot start "
                           "Desktop/Application Sharing due to network issues.” The participants cannot connect to "
                           "the sharing session. Related symptoms with the same causes: joining the meeting fails, "
                           "or audio and video calls fail."));
  g_string_append (text, "\n\n");

  /* The message the client showed, when the trace kept it. */
  for (guint i = 0; trace != NULL && i < trace->len; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (trace, i);
      if (strstr (ev->text, "due to network issues") != NULL)
        {
          _ld_wizard_evidence_add (s->evidence, 0, ev->input, ev->line, ev->text);
          if (key == NULL)
            key = "app-sharing";
        }
    }

  if (pick != NULL)
    {
      g_autofree char *what = _ld_wizard_dup_attempt_label (pick);
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (pick);

      g_string_append_printf (text, _("From the log: %s failed"), what);
      if (d != NULL && d->code >= 0)
        g_string_append_printf (text, _(" with %s %d"), ld_diag_header_to_string (d->header), d->code);
      if (d != NULL && d->reason != NULL)
        g_string_append_printf (text, ": “%s”", d->reason);
      g_string_append (text, ".");
      if (failed->len > 1)
        g_string_append_printf (text, _(" %u attempts failed in all."), failed->len);
      if (d != NULL)
        _ld_wizard_evidence_add_diag (s->evidence, pick->id, d);
      else
        _ld_wizard_evidence_add_message (s->evidence, pick->id, pick->final_response ? pick->final_response : pick->invite);
    }
  else
    g_string_append (text, _("The logs show no failed attempt. Choose the symptom the user reported; if the "
                             "logs were taken before the problem happened, turn on logging in Lync, reproduce the "
                             "problem and open the new log."));
  s->text = g_string_free (text, FALSE);
  _ld_wizard_step_set_log_answer (s, key);
}

/* Step: contacts and the branch ------------------------------------------ */

void
_ld_wizard_derive_contacts (LdWizard     *self,
                            LdWizardStep *s,
                            GPtrArray    *failed)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      g_autofree char *p = address_of (a->remote_party);

      if (p == NULL)
        continue;
      if (!g_ptr_array_find_with_equal_func (parties, p, g_str_equal, NULL))
        g_ptr_array_add (parties, g_steal_pointer (&p));
      _ld_wizard_evidence_add_message (s->evidence, a->id, a->invite);
    }

  g_string_append (text, _("Try to reproduce the issue with one contact, then with several. If it occurs with "
                           "only one contact, find out whether anyone else can reproduce it with the same contact. "
                           "If it occurs with several, look for what those contacts have in common."));
  g_string_append (text, "\n\n");
  if (parties->len > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "From the log: attempts failed with %u contact or meeting:",
                                                 "From the log: attempts failed with %u contacts or meetings:",
                                                 parties->len), parties->len);
      for (guint i = 0; i < parties->len && i < LD_WIZARD_MAX_LISTED; i++)
        g_string_append_printf (text, "\n  • %s", (char *) g_ptr_array_index (parties, i));
      if (parties->len > LD_WIZARD_MAX_LISTED)
        g_string_append_printf (text, _("\n  … and %u more"), parties->len - LD_WIZARD_MAX_LISTED);
      if (parties->len == 1)
        g_string_append (text, _("\nIf you tried other contacts and it failed with them too, change the answer "
                                 "to “several”."));
      _ld_wizard_step_set_log_answer (s, parties->len == 1 ? "one" : "several");
    }
  else
    g_string_append (text, _("The logs name no contact a failed attempt was made with."));
  s->text = g_string_free (text, FALSE);
}

void
_ld_wizard_derive_same_contact (LdWizard     *self,
                                LdWizardStep *s,
                                GPtrArray    *failed)
{
  /* Logs of several users with the same contact answer this: if the
   * failures come from more than one local user, someone else reproduced it. */
  g_autoptr(GHashTable) users_by_party = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                 (GDestroyNotify) g_hash_table_unref);
  GString *text = g_string_new (NULL);
  g_autofree char *found_party = NULL;

  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      g_autofree char *p = address_of (a->remote_party);
      g_autofree char *u = attempt_local_user (a);
      GHashTable *users;

      if (p == NULL || u == NULL)
        continue;
      users = g_hash_table_lookup (users_by_party, p);
      if (users == NULL)
        {
          users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (users_by_party, g_strdup (p), users);
        }
      g_hash_table_add (users, g_steal_pointer (&u));
      if (g_hash_table_size (users) > 1 && found_party == NULL)
        found_party = g_strdup (p);
    }

  g_string_append (text, _("Ask a colleague to start the same kind of session with the same contact. If it fails "
                           "for them too, the problem is on the contact's side: their network, their computer, or "
                           "their organisation's Edge server. If it works for them, look at this user's computer and "
                           "network."));
  if (found_party != NULL)
    {
      g_string_append_printf (text, _("\n\nFrom the log: more than one user's attempts with %s failed."), found_party);
      for (guint i = 0; i < failed->len; i++)
        {
          const LdAttempt *a = g_ptr_array_index (failed, i);
          g_autofree char *p = address_of (a->remote_party);
          if (g_strcmp0 (p, found_party) == 0)
            _ld_wizard_evidence_add_message (s->evidence, a->id, a->invite);
        }
      _ld_wizard_step_set_log_answer (s, "yes");
    }
  s->text = g_string_free (text, FALSE);
}

void
_ld_wizard_derive_common (LdWizard     *self,
                          LdWizardStep *s,
                          GPtrArray    *failed)
{
  /* The patterns across attempts the findings found; the wizard proposes
   * what they say and does not look again itself. */
  static const struct { const char *finding; const char *key; } map[] = {
    { "fails-one-relay", "same-edge" },
    { "fails-all-remote", "all-remote" },
    { "fails-only-app-sharing", "only-app-sharing" },
    { "fails-one-domain", "nothing" },
  };
  GString *text = g_string_new (NULL);
  GString *found = g_string_new (NULL);
  const char *key = NULL;
  const char *fed_ids[] = { "federated-media", NULL };
  const LdFinding *fed = find_finding (self->analysis, fed_ids);

  g_string_append (text, _("When the issue occurs with several contacts, what they share points to the cause: "
                           "all outside the company network points to the Edge server or the remote side's "
                           "firewalls; all in other companies points to federation between Edge servers; one Edge "
                           "server points to that server; only sharing failing points to TCP being blocked or "
                           "inspected."));

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      const char *ids[] = { map[i].finding, NULL };
      const LdFinding *f = find_finding (self->analysis, ids);

      if (f == NULL)
        continue;
      /* One domain is an answer in words, not one of the choices. */
      if (key == NULL && strcmp (map[i].key, "nothing") != 0)
        key = map[i].key;
      g_string_append_printf (found, "\n  • %s", f->title);
      _ld_wizard_evidence_append_all (s->evidence, f->evidence);
    }
  /* Federated: a finding for federated media that covers every failure. */
  if (fed != NULL && failed->len >= 2 && fed->attempts->len >= failed->len)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < failed->len && all; i++)
        {
          guint id = ((const LdAttempt *) g_ptr_array_index (failed, i))->id;
          gboolean in = FALSE;

          for (guint j = 0; j < fed->attempts->len && !in; j++)
            in = g_array_index (fed->attempts, guint, j) == id;
          all = in;
        }
      if (all)
        {
          key = key != NULL ? key : "all-federated";
          g_string_append_printf (found, "\n  • %s", fed->title);
          _ld_wizard_evidence_append_all (s->evidence, fed->evidence);
        }
    }
  if (found->len > 0)
    g_string_append_printf (text, _("\n\nFrom the log:%s"), found->str);
  if (key != NULL)
    _ld_wizard_step_set_log_answer (s, key);
  g_string_free (found, TRUE);
  s->text = g_string_free (text, FALSE);
}


/* Step: plan and network check ------------------------------------------- */

void
_ld_wizard_derive_plan (LdWizard     *self,
                        LdWizardStep *s)
{
  GString *text = g_string_new (NULL);
  GPtrArray *attempts = self->analysis ? ld_analysis_get_attempts (self->analysis) : NULL;
  GPtrArray *trace = self->analysis ? ld_analysis_get_trace_events (self->analysis) : NULL;
  gboolean online = FALSE;

  g_string_append (text, _("Important: the network-requirements step applies only to the Office 365 for "
                           "enterprises and the Office 365 for professionals and small businesses plans. It does not "
                           "apply to Office 365 dedicated plans: with a dedicated plan, skip it. With your own Lync "
                           "Server, check your own Edge server's ports the same way."));

  /* Lync Online servers and meeting hosts are in lync.com; a customer's
   * own server is not. */
  for (guint i = 0; attempts != NULL && i < attempts->len && !online; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      for (guint m = 0; a->messages != NULL && m < a->messages->len && !online; m++)
        {
          const LdSipMessage *msg = g_ptr_array_index (a->messages, m);
          for (guint h = 0; h < msg->n_headers; h++)
            {
              const LdHeader *hd = &msg->headers[h];
              if (strstr (hd->value, ".lync.com") != NULL)
                {
                  g_autofree char *excerpt = g_strdup_printf ("%s: %s", hd->name, hd->value);
                  _ld_wizard_evidence_add (s->evidence, a->id, msg->input, msg->line, excerpt);
                  online = TRUE;
                  break;
                }
            }
        }
    }
  for (guint i = 0; trace != NULL && i < trace->len && !online; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (trace, i);
      if (strstr (ev->text, "lync.com") != NULL)
        {
          _ld_wizard_evidence_add (s->evidence, 0, ev->input, ev->line, ev->text);
          online = TRUE;
        }
    }
  if (online)
    {
      g_string_append (text, _("\n\nFrom the log: the client talks to Lync Online servers (lync.com), so this is a "
                               "shared Office 365 plan. If your organisation has a dedicated plan, change the answer."));
      _ld_wizard_step_set_log_answer (s, "multi-tenant");
    }
  s->text = g_string_free (text, FALSE);
}

static const char *
port_range_of_log (LdAnalysis  *analysis,
                   LdEvidence  *out)
{
  GPtrArray *attempts = analysis ? ld_analysis_get_attempts (analysis) : NULL;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; attempts != NULL && i < attempts->len; i++)
      {
        const LdAttempt *a = g_ptr_array_index (attempts, i);
        const LdDiagnostic *d = NULL;
        const LdMediaDebug *md;
        const char *range;

        if (_ld_wizard_attempt_failed (a) != (pass == 0))
          continue;
        md = attempt_media (a, &d);
        range = md ? ld_media_debug_get_field (md, "PortRange") : NULL;
        if (range != NULL && *range != '\0' && d != NULL && d->message != NULL)
          {
            out->attempt = a->id;
            out->input = d->message->input;
            out->line = d->message->line;
            return range;
          }
      }
  return NULL;
}

void
_ld_wizard_derive_network (LdWizard     *self,
                           LdWizardStep *s)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) targets = ld_netcheck_targets_from_analysis (self->analysis);
  LdEvidence range_ev = { 0 };
  const char *range = port_range_of_log (self->analysis, &range_ev);

  /* The ports in the words every finding and action uses (ld-ports.c). */
  g_string_append_printf (text,
                          _("Microsoft's article sends you to the Lync Online Transport Reliability IP Probe (TRIPP): "
                            "a web page per datacenter (for example trippams.online.lync.com or "
                            "trippdb3.online.lync.com) whose “Start Test” checked from the affected computer that Lync "
                            "Online could be reached on its ports and measured the quality of the last hop. TRIPP is "
                            "retired. Test instead, from the affected computer:\n"
                            "  • %s to the media relays (A/V Edge);\n"
                            "  • %s (the Lync Online servers and meetings);\n"
                            "  • that the firewall lets the client's own media port range out."),
                          ld_port_set_get_text ("media-relay"), ld_port_set_get_text ("online-web"));
  if (range != NULL)
    {
      g_autofree char *ex = g_strdup_printf ("PortRange=%s", range);
      g_string_append_printf (text, _("\n\nFrom the log: the client used the media port range %s"), range);
      if (g_strcmp0 (range, "1025:65000") == 0)
        g_string_append (text, _(" (not restricted: any port 1024–65535, so the firewall must allow the client's "
                                 "UDP and TCP traffic from any source port)"));
      g_string_append (text, ".");
      _ld_wizard_evidence_add (s->evidence, range_ev.attempt, range_ev.input, range_ev.line, ex);
    }
  if (targets->len > 0)
    {
      g_string_append (text, _("\n\nAddresses and ports taken from this log:"));
      for (guint i = 0; i < targets->len; i++)
        {
          const LdNetcheckTarget *t = g_ptr_array_index (targets, i);
          g_autofree char *label = ld_netcheck_target_dup_label (t);
          g_string_append_printf (text, "\n  • %s — %s", label, t->why);
          if (t->line > 0)
            _ld_wizard_evidence_add (s->evidence, 0, t->input, t->line, NULL);
        }
      g_string_append (text, _("\nThe network check tests these from this computer, only when you ask for it "
                               "(lyncdiag-cli wizard --network-check, or the button on this page). Run it on the "
                               "affected computer, in its usual network."));
    }
  else
    g_string_append_printf (text, _("\n\nThe log names no media relay address to test. Use the Skype for Business "
                                    "Network Assessment Tool (networkassessmenttool.exe /connectivitycheck) or test "
                                    "%s to your A/V Edge by hand."),
                            ld_port_set_get_text ("edge-internal"));

  /* A measurement is evidence beside the question, never the user's
   * answer: it says where and when it was taken. */
  if (self->net_results != NULL && self->net_results->len > 0)
    {
      GString *measured = g_string_new (NULL);
      g_autofree char *when = self->net_time != NULL ? g_date_time_format (self->net_time, "%Y-%m-%d %H:%M") : NULL;
      guint reachable = 0;

      for (guint i = 0; i < self->net_results->len; i++)
        if (ld_netcheck_result_is_reachable (g_ptr_array_index (self->net_results, i)))
          reachable++;
      g_string_append_printf (measured, g_dngettext (GETTEXT_PACKAGE,
                                                     "Measured from %s at %s: %u of %u address and port reachable.",
                                                     "Measured from %s at %s: %u of %u addresses and ports reachable.",
                                                     self->net_results->len),
                              self->net_host != NULL ? self->net_host : "?", when != NULL ? when : "?",
                              reachable, self->net_results->len);
      for (guint i = 0; i < self->net_results->len; i++)
        {
          const LdNetcheckResult *r = g_ptr_array_index (self->net_results, i);
          g_autofree char *line = ld_netcheck_result_dup_text (r);

          g_string_append_printf (measured, "\n  %s %s", ld_netcheck_result_is_reachable (r) ? "✓" : "✗", line);
        }
      s->measured = g_string_free (measured, FALSE);
    }
  s->text = g_string_free (text, FALSE);
}


/* Step: collect and examine ---------------------------------------------- */

void
_ld_wizard_derive_collect (LdWizard     *self,
                           LdWizardStep *s)
{
  GString *text = g_string_new (NULL);
  GPtrArray *inputs = self->analysis ? ld_analysis_get_inputs (self->analysis) : NULL;

  g_string_append (text, _("To collect the logs with MOSDAL (Microsoft Online Services Diagnostics and Logging "
                           "Support Toolkit), on the affected computer, as the affected user:\n"
                           "  1. Run the MOSDAL Support Toolkit, select Lync Online from the list of Office 365 "
                           "services, and click Next.\n"
                           "  2. Enter the user ID and password and click Next (MOSDAL does not save them; it uses "
                           "them to test sign-in).\n"
                           "  3. On the next screen, restart Lync and reproduce the issue: start a desktop or "
                           "application sharing session.\n"
                           "  4. When the report is finished, find MOSDALREPORT.zip in the Documents\\MOSDAL "
                           "library.\n"
                           "Then open MOSDALREPORT.zip in LyncDiag: it finds the Lync logs "
                           "(Communicator-uccapi-0.uccapilog or Lync-UccApi-0.UccApilog) inside it, wherever they "
                           "are. Or use the logs already open."));
  if (inputs != NULL && inputs->len > 0)
    {
      g_string_append (text, _("\n\nLogs open now:"));
      for (guint i = 0; i < inputs->len; i++)
        {
          const LdInput *in = g_ptr_array_index (inputs, i);
          g_string_append_printf (text, "\n  • %s", ld_input_get_display_name (in));
          if (in->member != NULL)
            g_string_append_printf (text, _(" (in %s)"), in->path);
          if (in->client != NULL)
            g_string_append_printf (text, " — %s", in->client);
          _ld_wizard_evidence_add (s->evidence, 0, i, 1, NULL);
        }
      _ld_wizard_step_set_log_answer (s, "open-logs");
    }
  s->text = g_string_free (text, FALSE);
}

static const LdAttempt *
find_join (GPtrArray *attempts)
{
  /* The conference join is the INVITE to the focus; Snooper users look for
   * it first (…opaque=app:conf:focus:id:…). */
  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      if (a->kind == LD_ATTEMPT_CONFERENCE && a->modality == LD_MODALITY_FOCUS)
        return a;
    }
  return NULL;
}

void
_ld_wizard_derive_examine (LdWizard     *self,
                           LdWizardStep *s,
                           GPtrArray    *failed)
{
  GString *text = g_string_new (NULL);
  GPtrArray *attempts = self->analysis ? ld_analysis_get_attempts (self->analysis) : NULL;
  const LdAttempt *join = find_join (attempts);
  const LdAttempt *fail = NULL;
  const LdDiagnostic *diag = NULL;

  g_string_append (text, _("In the log, look for the conference join attempt (the INVITE to "
                           "…;gruu;opaque=app:conf:focus:id:…), the server's response directly under it, and the "
                           "ms-client-diagnostics header of the failed session with its CallerMediaDebug details. "
                           "LyncDiag finds them for you:"));

  if (join != NULL)
    {
      g_string_append_printf (text, _("\n\nConference join: INVITE %s (line %llu)"),
                              join->target ? join->target : "",
                              (unsigned long long) (join->invite ? join->invite->line : 0));
      _ld_wizard_evidence_add_message (s->evidence, join->id, join->invite);
      if (join->final_response != NULL)
        {
          g_string_append_printf (text, _("\nServer's response: %d %s (line %llu)"),
                                  join->final_response->status,
                                  join->final_response->reason ? join->final_response->reason : "",
                                  (unsigned long long) join->final_response->line);
          _ld_wizard_evidence_add_message (s->evidence, join->id, join->final_response);
        }
      else
        g_string_append (text, _("\nServer's response: none in the log"));
    }

  /* The failure to explain: the one with a decodable diagnostic first. */
  for (guint i = 0; i < failed->len && diag == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);
      if (d != NULL && ld_diagnostic_is_failure (d))
        fail = a, diag = d;
    }
  if (fail == NULL && failed->len > 0)
    fail = g_ptr_array_index (failed, 0);

  if (join == NULL && fail != NULL)
    g_string_append (text, _("\n\nThe logs hold no conference join: the failure to examine is a peer-to-peer "
                             "session, read the same way."));
  if (fail != NULL)
    {
      g_autofree char *what = _ld_wizard_dup_attempt_label (fail);

      g_string_append_printf (text, _("\n\nFailed: %s"), what);
      if (fail != join)
        {
          g_string_append_printf (text, _("\n  INVITE %s (line %llu)"),
                                  fail->target ? fail->target : "",
                                  (unsigned long long) (fail->invite ? fail->invite->line : 0));
          _ld_wizard_evidence_add_message (s->evidence, fail->id, fail->invite);
          if (fail->final_response != NULL)
            {
              g_string_append_printf (text, _("\n  Response: %d %s (line %llu)"),
                                      fail->final_response->status,
                                      fail->final_response->reason ? fail->final_response->reason : "",
                                      (unsigned long long) fail->final_response->line);
              _ld_wizard_evidence_add_message (s->evidence, fail->id, fail->final_response);
            }
        }
      if (diag != NULL)
        {
          g_autoptr(GString) decoded = g_string_new (NULL);
          g_autofree char *answer = g_strdup_printf ("%s %d", ld_diag_header_to_string (diag->header), diag->code);

          ld_format_diagnostic_text (decoded, diag, "  ");
          g_string_append_printf (text, "\n%s", decoded->str);
          while (text->len > 0 && text->str[text->len - 1] == '\n')
            g_string_truncate (text, text->len - 1);
          _ld_wizard_evidence_add_diag (s->evidence, fail->id, diag);
          _ld_wizard_step_set_log_answer (s, answer);
        }
      else
        {
          g_autofree char *answer = g_strdup_printf ("%d %s", fail->status,
                                                     fail->status_reason ? fail->status_reason : "");
          g_string_append (text, _("\n  No diagnostic header explains the failure."));
          _ld_wizard_step_set_log_answer (s, fail->status > 0 ? g_strstrip (answer) : "no-response");
        }
    }
  else if (join == NULL)
    g_string_append (text, _("\n\nThe logs hold no conference join and no failed attempt."));
  else
    g_string_append (text, _("\n\nNo attempt failed in the logs."));
  s->text = g_string_free (text, FALSE);
}

void
_ld_wizard_derive_security (LdWizard     *self,
                            LdWizardStep *s,
                            GPtrArray    *failed)
{
  /* Findings whose cause is inspection or filtering on the way. */
  static const char *ids[] = { "proxy-tls-inspection", "winsock-lsp", NULL };
  GString *text = g_string_new (NULL);
  const LdFinding *f = find_finding (self->analysis, ids);

  g_string_append (text, _("A field report adds this step: desktop sharing failed with code 24 and ICEWarn=0x320 "
                           "while instant messaging and audio worked, because sharing uses TCP and something on the "
                           "network stopped the TCP traffic. Hardware firewalls with anti-spam or anti-attack (TCP) "
                           "policies and antivirus software that scans network traffic both do this; in that case, "
                           "telling Kaspersky Anti-Virus to accept and handle the traffic fixed it. Review the "
                           "firewall policies and the antivirus exceptions."));
  if (f != NULL && _ld_wizard_finding_stands (f))
    {
      g_string_append_printf (text, _("\n\nFrom the log: finding “%s”: %s."), f->id, f->title);
      _ld_wizard_evidence_append_all (s->evidence, f->evidence);
      _ld_wizard_step_set_log_answer (s, "yes");
    }
  s->text = g_string_free (text, FALSE);
}
