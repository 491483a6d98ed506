/* ld-wizard.c - the troubleshooting procedure as steps, answered from the logs where possible
 *
 * The steps follow Microsoft's article "Cannot start Desktop/Application
 * Sharing due to network issues" (Lync Online, KB 2386684) in its order,
 * plus the security-software step of a field report (desktop sharing code
 * 24, ICEWarn 0x320, fixed by an antivirus exception). Every answer the
 * analysis can give is filled in with its evidence; the user can override
 * any of them and the conclusion is recomputed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-json-writer.h"
#include "ld-wizard.h"

/* Resource Kit chapter 9 ICEWarn bits the causes look at. */
#define ICE_TURN_UNREACHABLE  0x1u
#define ICE_TCP_ALLOCATE      0x8u
#define ICE_TCP_SEND          0x10u
#define ICE_PSEUDO_TLS        0x800000u   /* a proxy inspecting TLS on TURN traffic */
#define ICE_TCP_TCP_TURN      0x4000000u  /* "port 443 not open" in the Resource Kit */
#define ICE_USE_CANDIDATE     0x8000000u  /* third-party Winsock LSPs */

#define MAX_EVIDENCE 24
#define MAX_LISTED   10

/* Weights: what the user said or measured outranks what the log suggests. */
#define WEIGHT_LOG  1
#define WEIGHT_USER 2

struct _LdWizard
{
  GObject             parent_instance;

  LdAnalysis         *analysis;
  gboolean            weak_analysis; /* owned by the analysis: no reference back */
  GPtrArray          *steps;         /* LdWizardStep, fixed order */
  GHashTable         *user_answers;  /* step id -> value */
  GPtrArray          *net_results;   /* LdNetcheckResult, or NULL when not run */
  LdWizardConclusion  conclusion;
};

G_DEFINE_FINAL_TYPE (LdWizard, ld_wizard, G_TYPE_OBJECT)
G_DEFINE_QUARK (ld-wizard-error-quark, ld_wizard_error)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Choices ---------------------------------------------------------------- */

static const LdWizardChoice symptom_choices[] = {
  { "app-sharing", N_("“Cannot start Desktop/Application Sharing due to network issues”") },
  { "meeting-join", N_("Joining the meeting fails") },
  { "audio-video", N_("Audio or video calls fail") },
  { "other", N_("Something else") },
};

static const LdWizardChoice contacts_choices[] = {
  { "one", N_("With one contact") },
  { "several", N_("With several contacts") },
};

static const LdWizardChoice same_contact_choices[] = {
  { "yes", N_("Yes, it fails for them too") },
  { "no", N_("No, it works for them") },
  { "not-tried", N_("Not tried yet") },
};

static const LdWizardChoice common_choices[] = {
  { "all-remote", N_("They are all outside the company network (remote)") },
  { "all-federated", N_("They are all in other companies (federated)") },
  { "same-edge", N_("They all connect through the same Edge server") },
  { "only-app-sharing", N_("Only application or desktop sharing fails with them") },
  { "nothing", N_("Nothing in common") },
};

static const LdWizardChoice plan_choices[] = {
  { "multi-tenant", N_("Office 365 for enterprises, or for professionals and small businesses") },
  { "dedicated", N_("Office 365 dedicated") },
  { "on-premises", N_("Our own Lync Server (not Office 365)") },
  { "unknown", N_("I don't know") },
};

static const LdWizardChoice network_choices[] = {
  { "passed", N_("Yes, every address and port was reachable") },
  { "failed", N_("No, some were blocked") },
  { "not-run", N_("Not checked") },
};

static const LdWizardChoice collect_choices[] = {
  { "open-logs", N_("Use the logs already open in LyncDiag") },
  { "mosdal", N_("Collect new logs with MOSDAL first") },
};

static const LdWizardChoice security_choices[] = {
  { "yes", N_("Yes") },
  { "no", N_("No") },
  { "unknown", N_("I don't know") },
};

static const LdWizardChoice result_choices[] = {
  { "cause-found", N_("At least one cause is supported by the evidence") },
  { "no-cause-found", N_("No cause is supported yet") },
  { "no-failure", N_("The logs show no failure to explain") },
};

typedef struct
{
  const char           *id;
  const char           *number;
  const char           *title;
  const char           *question;
  const LdWizardChoice *choices;
  guint                 n_choices;
  gboolean              free_text;
} StepDef;

#define CHOICES(x) x, G_N_ELEMENTS (x)

/* The article's order. */
static const StepDef step_defs[] = {
  { LD_WIZARD_STEP_SYMPTOM, "1", N_("The symptom"),
    N_("What happens when the problem occurs?"), CHOICES (symptom_choices), FALSE },
  { LD_WIZARD_STEP_CONTACTS, "2", N_("Reproduce the issue"),
    N_("Does the issue occur with one contact or with several?"), CHOICES (contacts_choices), FALSE },
  { LD_WIZARD_STEP_SAME_CONTACT, "2a", N_("Someone else, same contact"),
    N_("Can someone else reproduce the issue with the same contact?"), CHOICES (same_contact_choices), FALSE },
  { LD_WIZARD_STEP_COMMON, "2b", N_("What the contacts have in common"),
    N_("What do the contacts it fails with have in common?"), CHOICES (common_choices), TRUE },
  { LD_WIZARD_STEP_PLAN, "3", N_("Your plan"),
    N_("Which Office 365 plan (or server) does your organisation use?"), CHOICES (plan_choices), FALSE },
  { LD_WIZARD_STEP_NETWORK, "3a", N_("Network requirements"),
    N_("Does this computer reach the addresses and ports Lync media needs?"), CHOICES (network_choices), FALSE },
  { LD_WIZARD_STEP_COLLECT, "4", N_("Collect the evidence"),
    N_("Which logs do you want to examine?"), CHOICES (collect_choices), FALSE },
  { LD_WIZARD_STEP_EXAMINE, "5", N_("Examine the log"),
    N_("What does the log record for the failed attempt?"), NULL, 0, TRUE },
  { LD_WIZARD_STEP_SECURITY, "6a", N_("Security software"),
    N_("Does a firewall or antivirus on this computer or network scan or filter network traffic?"),
    CHOICES (security_choices), FALSE },
  { LD_WIZARD_STEP_CAUSES, "6b", N_("The causes"),
    N_("Which of the known causes does the evidence support?"), NULL, 0, FALSE },
  { LD_WIZARD_STEP_RESULT, "7", N_("The result"),
    NULL, CHOICES (result_choices), FALSE },
};

/* Small helpers ---------------------------------------------------------- */

static void
evidence_clear (gpointer data)
{
  LdEvidence *e = data;

  g_clear_pointer (&e->excerpt, g_free);
}

static GArray *
evidence_array_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (LdEvidence));

  g_array_set_clear_func (a, evidence_clear);
  return a;
}

static void
evidence_add (GArray     *array,
              guint       attempt,
              guint       input,
              guint64     line,
              const char *excerpt)
{
  LdEvidence e = { attempt, input, line, NULL };

  /* A log with thousands of failures would bury the page; the first ones
   * show where to look. */
  if (array->len >= MAX_EVIDENCE)
    return;
  for (guint i = 0; i < array->len; i++)
    {
      const LdEvidence *o = &g_array_index (array, LdEvidence, i);
      if (o->input == input && o->line == line)
        return;
    }
  if (excerpt != NULL)
    {
      /* One header can be kilobytes long; the evidence shows its start. */
      g_autofree char *valid = g_utf8_make_valid (excerpt, -1);
      if (g_utf8_strlen (valid, -1) > 300)
        {
          char *end = g_utf8_offset_to_pointer (valid, 300);
          e.excerpt = g_strdup_printf ("%.*s…", (int) (end - valid), valid);
        }
      else
        e.excerpt = g_steal_pointer (&valid);
    }
  g_array_append_val (array, e);
}

static void
evidence_add_message (GArray             *array,
                      guint               attempt,
                      const LdSipMessage *msg)
{
  g_autofree char *summary = NULL;

  if (msg == NULL)
    return;
  summary = ld_sip_message_dup_summary (msg);
  evidence_add (array, attempt, msg->input, msg->line, summary);
}

static void
evidence_add_diag (GArray             *array,
                   guint               attempt,
                   const LdDiagnostic *diag)
{
  g_autofree char *excerpt = NULL;

  if (diag == NULL || diag->message == NULL)
    return;
  excerpt = g_strdup_printf ("%s: %s", ld_diag_header_to_string (diag->header), diag->raw ? diag->raw : "");
  evidence_add (array, attempt, diag->message->input, diag->message->line, excerpt);
}

static void
evidence_append_all (GArray       *to,
                     const GArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    {
      const LdEvidence *e = &g_array_index (from, LdEvidence, i);
      evidence_add (to, e->attempt, e->input, e->line, e->excerpt);
    }
}

static gboolean
attempt_failed (const LdAttempt *a)
{
  return a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE;
}

static gboolean
modality_is_tcp (LdModality m)
{
  /* Sharing and file transfer run over TCP; audio and video prefer UDP
   * (Resource Kit, ICEWarn 0x20 text). */
  return m == LD_MODALITY_APPLICATION_SHARING || m == LD_MODALITY_DATA;
}

static gboolean
modality_is_udp_media (LdModality m)
{
  return m == LD_MODALITY_AUDIO || m == LD_MODALITY_VIDEO || m == LD_MODALITY_AUDIO_VIDEO;
}

static gboolean
modality_has_media (LdModality m)
{
  return modality_is_tcp (m) || modality_is_udp_media (m);
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

static guint32
attempt_ice_warn (const LdAttempt *a)
{
  guint32 bits = 0;

  for (guint i = 0; a->diagnostics != NULL && i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);
      for (guint m = 0; d->media != NULL && m < d->media->len; m++)
        {
          const LdMediaDebug *md = g_ptr_array_index (d->media, m);
          if (md->has_ice_warn)
            bits |= md->ice_warn;
        }
    }
  return bits;
}

/* Host part of "ip:port", or NULL when empty or redacted. */
static char *
relay_host (const LdMediaDebug *md,
            const char         *key)
{
  const char *v = md ? ld_media_debug_get_field (md, key) : NULL;
  const char *colon;
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) addr = NULL;

  if (v == NULL || *v == '\0')
    return NULL;
  colon = strrchr (v, ':');
  host = colon ? g_strndup (v, colon - v) : g_strdup (v);
  g_strstrip (host);
  if (host[0] == '[')
    {
      char *end = strchr (host, ']');
      if (end)
        *end = '\0';
      memmove (host, host + 1, strlen (host));
    }
  addr = g_inet_address_new_from_string (host);
  return addr ? g_steal_pointer (&host) : NULL;
}

static gboolean
is_media_failure_code (const LdDiagnostic *d)
{
  /* ms-client-diagnostics 21-25: "Call failed to establish due to a media
   * connectivity failure when …" (field samples; domain dossier 4.3). */
  return d != NULL && d->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS && d->code >= 21 && d->code <= 29;
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

static char *
attempt_describe (const LdAttempt *a)
{
  g_autofree char *when = ld_format_time (a->start);
  const char *kind = a->kind == LD_ATTEMPT_CONFERENCE ? _("meeting") : _("call");

  return g_strdup_printf (_("attempt %u (%s %s with %s, %s)"), a->id, kind, ld_modality_get_label (a->modality),
                          a->remote_party ? a->remote_party : _("an unknown party"), when);
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

static GPtrArray *
failed_attempts (LdAnalysis *analysis)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *attempts = analysis ? ld_analysis_get_attempts (analysis) : NULL;

  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      LdAttempt *a = g_ptr_array_index (attempts, i);
      if (attempt_failed (a))
        g_ptr_array_add (out, a);
    }
  return out;
}

static const char *
choice_label (const LdWizardStep *step,
              const char         *key)
{
  for (guint i = 0; i < step->n_choices; i++)
    if (g_strcmp0 (step->choices[i].key, key) == 0)
      return _(step->choices[i].label);
  return NULL;
}

static LdWizardStep *
step_by_id (LdWizard   *self,
            const char *id)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      LdWizardStep *s = g_ptr_array_index (self->steps, i);
      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

static const char *
answer_of (LdWizard   *self,
           const char *id)
{
  LdWizardStep *s = step_by_id (self, id);

  return s && s->visible ? s->answer : NULL;
}

static void
step_reset (LdWizardStep *s)
{
  g_clear_pointer (&s->answer, g_free);
  g_clear_pointer (&s->answer_label, g_free);
  g_clear_pointer (&s->log_answer, g_free);
  g_clear_pointer (&s->text, g_free);
  g_array_set_size (s->evidence, 0);
  s->source = LD_WIZARD_SOURCE_UNANSWERED;
}

static void
step_free (LdWizardStep *s)
{
  step_reset (s);
  g_free (s->title);
  g_free (s->question);
  g_array_unref (s->evidence);
  g_free (s);
}

static void
cause_free (LdWizardCause *c)
{
  g_free (c->title);
  g_free (c->reason);
  g_array_unref (c->evidence);
  g_ptr_array_unref (c->actions);
  g_free (c);
}

/* Sets what the log says; the user's answer, if any, is applied later. */
static void
step_set_log_answer (LdWizardStep *s,
                     const char   *key)
{
  g_free (s->log_answer);
  s->log_answer = g_strdup (key);
}

/* Step: symptom ---------------------------------------------------------- */

static void
derive_symptom (LdWizard     *self,
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
          evidence_add (s->evidence, 0, ev->input, ev->line, ev->text);
          if (key == NULL)
            key = "app-sharing";
        }
    }

  if (pick != NULL)
    {
      g_autofree char *what = attempt_describe (pick);
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
        evidence_add_diag (s->evidence, pick->id, d);
      else
        evidence_add_message (s->evidence, pick->id, pick->final_response ? pick->final_response : pick->invite);
    }
  else
    g_string_append (text, _("The logs show no failed attempt. Choose the symptom the user reported; if the "
                             "logs were taken before the problem happened, turn on logging in Lync, reproduce the "
                             "problem and open the new log."));
  s->text = g_string_free (text, FALSE);
  step_set_log_answer (s, key);
}

/* Step: contacts and the branch ------------------------------------------ */

static void
derive_contacts (LdWizard     *self,
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
      evidence_add_message (s->evidence, a->id, a->invite);
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
      for (guint i = 0; i < parties->len && i < MAX_LISTED; i++)
        g_string_append_printf (text, "\n  • %s", (char *) g_ptr_array_index (parties, i));
      if (parties->len > MAX_LISTED)
        g_string_append_printf (text, _("\n  … and %u more"), parties->len - MAX_LISTED);
      if (parties->len == 1)
        g_string_append (text, _("\nIf you tried other contacts and it failed with them too, change the answer "
                                 "to “several”."));
      step_set_log_answer (s, parties->len == 1 ? "one" : "several");
    }
  else
    g_string_append (text, _("The logs name no contact a failed attempt was made with."));
  s->text = g_string_free (text, FALSE);
}

static void
derive_same_contact (LdWizard     *self,
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
            evidence_add_message (s->evidence, a->id, a->invite);
        }
      step_set_log_answer (s, "yes");
    }
  s->text = g_string_free (text, FALSE);
}

static void
derive_common (LdWizard     *self,
               LdWizardStep *s,
               GPtrArray    *failed)
{
  static const struct { const char *finding; const char *key; } map[] = {
    { "fails-one-relay", "same-edge" },
    { "fails-all-remote", "all-remote" },
    { "fails-only-app-sharing", "only-app-sharing" },
  };
  gboolean all_remote = TRUE, all_federated = TRUE, same_edge = TRUE, only_sharing = TRUE;
  g_autofree char *edge = NULL;
  guint with_media = 0;
  GString *text = g_string_new (NULL);
  GString *found = g_string_new (NULL);
  const char *key = NULL;

  g_string_append (text, _("When the issue occurs with several contacts, what they share points to the cause: "
                           "all outside the company network points to the Edge server or the remote side's "
                           "firewalls; all in other companies points to federation between Edge servers; one Edge "
                           "server points to that server; only sharing failing points to TCP being blocked or "
                           "inspected."));

  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = NULL;
      const LdMediaDebug *md = attempt_media (a, &d);
      g_autofree char *host = relay_host (md, "RemoteMR");

      if (a->modality != LD_MODALITY_APPLICATION_SHARING)
        only_sharing = FALSE;
      if (md == NULL)
        {
          all_remote = all_federated = same_edge = FALSE;
          continue;
        }
      with_media++;
      if (md->remote_location != LD_LOCATION_REMOTE)
        all_remote = FALSE;
      if (md->federation_type != 1)
        all_federated = FALSE;
      if (host == NULL || (edge != NULL && g_strcmp0 (edge, host) != 0))
        same_edge = FALSE;
      else if (edge == NULL)
        edge = g_strdup (host);
    }
  if (failed->len < 2)
    all_remote = all_federated = same_edge = only_sharing = FALSE;
  if (with_media < 2)
    all_remote = all_federated = same_edge = FALSE;

  /* The cross-attempt findings say it with their own evidence first. */
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      const char *ids[] = { map[i].finding, NULL };
      const LdFinding *f = find_finding (self->analysis, ids);
      if (f != NULL)
        {
          if (key == NULL)
            key = map[i].key;
          g_string_append_printf (found, "\n  • %s", f->title);
          evidence_append_all (s->evidence, f->evidence);
        }
    }
  if (all_federated)
    {
      key = key ? key : "all-federated";
      g_string_append_printf (found, "\n  • %s", _("all failed attempts were federated (FederationType=1)"));
    }
  if (same_edge)
    {
      key = key ? key : "same-edge";
      g_string_append_printf (found, _("\n  • the other side used the same media relay, %s, every time"), edge);
    }
  if (all_remote)
    {
      key = key ? key : "all-remote";
      g_string_append_printf (found, "\n  • %s", _("the other side was remote (RemoteLocation=1) every time"));
    }
  if (only_sharing)
    {
      key = key ? key : "only-app-sharing";
      g_string_append_printf (found, "\n  • %s", _("only application sharing failed"));
    }
  if (key != NULL)
    {
      g_string_append_printf (text, _("\n\nFrom the log:%s"), found->str);
      for (guint i = 0; i < failed->len; i++)
        {
          const LdAttempt *a = g_ptr_array_index (failed, i);
          evidence_add_diag (s->evidence, a->id, ld_attempt_get_primary_diagnostic (a));
        }
      step_set_log_answer (s, key);
    }
  g_string_free (found, TRUE);
  s->text = g_string_free (text, FALSE);
}

/* Step: plan and network check ------------------------------------------- */

static void
derive_plan (LdWizard     *self,
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
                  evidence_add (s->evidence, a->id, msg->input, msg->line, excerpt);
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
          evidence_add (s->evidence, 0, ev->input, ev->line, ev->text);
          online = TRUE;
        }
    }
  if (online)
    {
      g_string_append (text, _("\n\nFrom the log: the client talks to Lync Online servers (lync.com), so this is a "
                               "shared Office 365 plan. If your organisation has a dedicated plan, change the answer."));
      step_set_log_answer (s, "multi-tenant");
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

        if (attempt_failed (a) != (pass == 0))
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

static void
derive_network (LdWizard     *self,
                LdWizardStep *s)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) targets = ld_netcheck_targets_from_analysis (self->analysis);
  LdEvidence range_ev = { 0 };
  const char *range = port_range_of_log (self->analysis, &range_ev);

  g_string_append (text, _("Microsoft's article sends you to the Lync Online Transport Reliability IP Probe (TRIPP): "
                           "a web page per datacenter (for example trippams.online.lync.com or trippdb3.online.lync.com) "
                           "whose “Start Test” checked from the affected computer that Lync Online could be reached "
                           "on its ports and measured the quality of the last hop. TRIPP is retired. Test instead, "
                           "from the affected computer:\n"
                           "  • TCP 443 to the media relays (A/V Edge) and to the Lync servers (*.lync.com);\n"
                           "  • UDP 3478–3481 to the media relays (STUN/TURN);\n"
                           "  • TCP and UDP 50000–59999 to the media relays (relayed media, and federation with "
                           "older Edge servers);\n"
                           "  • that the firewall lets the client's own media port range out."));
  if (range != NULL)
    {
      g_autofree char *ex = g_strdup_printf ("PortRange=%s", range);
      g_string_append_printf (text, _("\n\nFrom the log: the client used the media port range %s"), range);
      if (g_strcmp0 (range, "1025:65000") == 0)
        g_string_append (text, _(" (not restricted: any port 1024–65535, so the firewall must allow the client's "
                                 "UDP and TCP traffic from any source port)"));
      g_string_append (text, ".");
      evidence_add (s->evidence, range_ev.attempt, range_ev.input, range_ev.line, ex);
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
            evidence_add (s->evidence, 0, t->input, t->line, NULL);
        }
      g_string_append (text, _("\nThe network check tests these from this computer, only when you ask for it "
                               "(lyncdiag-cli wizard --network-check, or the button on this page). Run it on the "
                               "affected computer, in its usual network."));
    }
  else
    g_string_append (text, _("\n\nThe log names no media relay address to test. Use the Skype for Business Network "
                             "Assessment Tool (networkassessmenttool.exe /connectivitycheck) or test TCP 443 and "
                             "UDP 3478 to your A/V Edge by hand."));

  if (self->net_results != NULL && self->net_results->len > 0)
    {
      gboolean all_ok = TRUE;

      g_string_append (text, _("\n\nNetwork check results:"));
      for (guint i = 0; i < self->net_results->len; i++)
        {
          const LdNetcheckResult *r = g_ptr_array_index (self->net_results, i);
          g_autofree char *line = ld_netcheck_result_dup_text (r);

          g_string_append_printf (text, "\n  %s %s", ld_netcheck_result_is_reachable (r) ? "✓" : "✗", line);
          if (!ld_netcheck_result_is_reachable (r))
            all_ok = FALSE;
        }
      /* Measured at the user's request: this is the user's answer, not
       * something read from the log. */
      if (!g_hash_table_contains (self->user_answers, s->id))
        g_hash_table_insert (self->user_answers, g_strdup (s->id), g_strdup (all_ok ? "passed" : "failed"));
    }
  s->text = g_string_free (text, FALSE);
}

/* Step: collect and examine ---------------------------------------------- */

static void
derive_collect (LdWizard     *self,
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
          evidence_add (s->evidence, 0, i, 1, NULL);
        }
      step_set_log_answer (s, "open-logs");
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

static void
derive_examine (LdWizard     *self,
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
      evidence_add_message (s->evidence, join->id, join->invite);
      if (join->final_response != NULL)
        {
          g_string_append_printf (text, _("\nServer's response: %d %s (line %llu)"),
                                  join->final_response->status,
                                  join->final_response->reason ? join->final_response->reason : "",
                                  (unsigned long long) join->final_response->line);
          evidence_add_message (s->evidence, join->id, join->final_response);
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
      g_autofree char *what = attempt_describe (fail);

      g_string_append_printf (text, _("\n\nFailed: %s"), what);
      if (fail != join)
        {
          g_string_append_printf (text, _("\n  INVITE %s (line %llu)"),
                                  fail->target ? fail->target : "",
                                  (unsigned long long) (fail->invite ? fail->invite->line : 0));
          evidence_add_message (s->evidence, fail->id, fail->invite);
          if (fail->final_response != NULL)
            {
              g_string_append_printf (text, _("\n  Response: %d %s (line %llu)"),
                                      fail->final_response->status,
                                      fail->final_response->reason ? fail->final_response->reason : "",
                                      (unsigned long long) fail->final_response->line);
              evidence_add_message (s->evidence, fail->id, fail->final_response);
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
          evidence_add_diag (s->evidence, fail->id, diag);
          step_set_log_answer (s, answer);
        }
      else
        {
          g_autofree char *answer = g_strdup_printf ("%d %s", fail->status,
                                                     fail->status_reason ? fail->status_reason : "");
          g_string_append (text, _("\n  No diagnostic header explains the failure."));
          step_set_log_answer (s, fail->status > 0 ? g_strstrip (answer) : "no-response");
        }
    }
  else if (join == NULL)
    g_string_append (text, _("\n\nThe logs hold no conference join and no failed attempt."));
  else
    g_string_append (text, _("\n\nNo attempt failed in the logs."));
  s->text = g_string_free (text, FALSE);
}

static void
derive_security (LdWizard     *self,
                 LdWizardStep *s,
                 GPtrArray    *failed)
{
  GString *text = g_string_new (NULL);

  g_string_append (text, _("A field report adds this step: desktop sharing failed with code 24 and ICEWarn=0x320 "
                           "while instant messaging and audio worked, because sharing uses TCP and something on the "
                           "network stopped the TCP traffic. Hardware firewalls with anti-spam or anti-attack (TCP) "
                           "policies and antivirus software that scans network traffic both do this; in that case, "
                           "telling Kaspersky Anti-Virus to accept and handle the traffic fixed it. Review the "
                           "firewall policies and the antivirus exceptions."));
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      guint32 bits = attempt_ice_warn (a);

      if (bits & (ICE_PSEUDO_TLS | ICE_USE_CANDIDATE))
        {
          g_string_append_printf (text, _("\n\nFrom the log: attempt %u reports ICEWarn 0x%x, which includes %s."),
                                  a->id, bits,
                                  (bits & ICE_PSEUDO_TLS) ? _("0x800000 (pseudo-TLS failure: an HTTP proxy inspects "
                                                              "the TLS of the media relay traffic)")
                                                          : _("0x8000000 (use-candidate checks failed: third-party "
                                                              "network filter software, Winsock LSPs)"));
          evidence_add_diag (s->evidence, a->id, ld_attempt_get_primary_diagnostic (a));
          step_set_log_answer (s, "yes");
          break;
        }
    }
  s->text = g_string_free (text, FALSE);
}

/* Causes ----------------------------------------------------------------- */

typedef struct
{
  int      support;
  int      contra;
  GString *why_support;
  GString *why_contra;
  GString *notes;     /* neither for nor against, but worth reading */
  guint    n_support, n_contra, n_notes;
  GArray  *evidence;
} Verdict;

static void
verdict_init (Verdict *v)
{
  v->support = v->contra = 0;
  v->n_support = v->n_contra = v->n_notes = 0;
  v->why_support = g_string_new (NULL);
  v->why_contra = g_string_new (NULL);
  v->notes = g_string_new (NULL);
  v->evidence = evidence_array_new ();
}

/* Many failed attempts give the same reason many times; a few say it. */
static void
reason_append (GString    *out,
               guint      *count,
               const char *why)
{
  if ((*count)++ < MAX_LISTED)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", why);
}

static void
reason_finish (GString *out,
               guint    count)
{
  if (count > MAX_LISTED)
    g_string_append_printf (out, _(" (%u more like these)"), count - MAX_LISTED);
}

static void
verdict_note (Verdict    *v,
              const char *why)
{
  reason_append (v->notes, &v->n_notes, why);
}

static void
verdict_for (Verdict    *v,
             int         weight,
             const char *why)
{
  v->support = MAX (v->support, weight);
  reason_append (v->why_support, &v->n_support, why);
}

static void
verdict_against (Verdict    *v,
                 int         weight,
                 const char *why)
{
  v->contra = MAX (v->contra, weight);
  reason_append (v->why_contra, &v->n_contra, why);
}

static void
verdict_add_finding (Verdict     *v,
                     LdAnalysis  *analysis,
                     const char **ids)
{
  GPtrArray *findings = analysis ? ld_analysis_get_findings (analysis) : NULL;

  /* One mention per rule id; the evidence of every occurrence. */
  for (guint k = 0; ids[k] != NULL; k++)
    {
      gboolean named = FALSE;

      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          const LdFinding *f = g_ptr_array_index (findings, i);

          if (g_strcmp0 (f->id, ids[k]) != 0)
            continue;
          if (!named)
            {
              g_autofree char *why = g_strdup_printf (_("Finding “%s”: %s."), f->id, f->title);
              verdict_for (v, WEIGHT_LOG, why);
              named = TRUE;
            }
          evidence_append_all (v->evidence, f->evidence);
        }
    }
}

static LdWizardCause *
verdict_finish (Verdict    *v,
                const char *id,
                const char *title)
{
  LdWizardCause *c = g_new0 (LdWizardCause, 1);
  GString *reason = g_string_new (NULL);

  c->id = id;
  c->title = g_strdup (title);
  c->actions = g_ptr_array_new_with_free_func (g_free);
  if (v->support > v->contra)
    c->status = LD_CAUSE_SUPPORTED;
  else if (v->contra > v->support)
    c->status = LD_CAUSE_CONTRADICTED;
  else
    c->status = LD_CAUSE_UNKNOWN;

  reason_finish (v->why_support, v->n_support);
  reason_finish (v->why_contra, v->n_contra);
  reason_finish (v->notes, v->n_notes);
  if (v->why_support->len > 0)
    g_string_append_printf (reason, _("For: %s"), v->why_support->str);
  if (v->why_contra->len > 0)
    g_string_append_printf (reason, _("%sAgainst: %s"), reason->len ? "\n" : "", v->why_contra->str);
  if (v->notes->len > 0)
    g_string_append_printf (reason, _("%sNote: %s"), reason->len ? "\n" : "", v->notes->str);
  if (reason->len == 0)
    g_string_append (reason, _("Nothing in the logs or the answers speaks for or against it."));
  c->reason = g_string_free (reason, FALSE);
  c->evidence = v->evidence;
  g_string_free (v->why_support, TRUE);
  g_string_free (v->why_contra, TRUE);
  g_string_free (v->notes, TRUE);
  return c;
}

static void
cause_add_action (LdWizardCause *c,
                  const char    *action)
{
  g_ptr_array_add (c->actions, g_strdup (action));
}

/* Relay IPs of the failed attempts, for the actions. */
static char *
failed_relays_text (GPtrArray *failed)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = NULL;
      const LdMediaDebug *md = attempt_media (a, &d);
      const char *keys[] = { "LocalMR", "RemoteMR" };

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          char *h = relay_host (md, keys[k]);
          if (h != NULL && !g_ptr_array_find_with_equal_func (hosts, h, g_str_equal, NULL))
            g_ptr_array_add (hosts, h);
          else
            g_free (h);
        }
    }
  if (hosts->len == 0)
    return NULL;
  g_ptr_array_add (hosts, NULL);
  return g_strjoinv (", ", (char **) hosts->pdata);
}

static LdWizardCause *
judge_ports (LdWizard  *self,
             GPtrArray *failed)
{
  static const char *ids[] = { "ports-blocked", "turn-unreachable", "udp-blocked", NULL };
  GPtrArray *attempts = self->analysis ? ld_analysis_get_attempts (self->analysis) : NULL;
  const char *network = answer_of (self, LD_WIZARD_STEP_NETWORK);
  g_autofree char *relays = failed_relays_text (failed);
  gboolean media_failed = FALSE;
  const LdAttempt *media_ok = NULL;
  LdWizardCause *c;
  Verdict v;

  verdict_init (&v);
  verdict_add_finding (&v, self->analysis, ids);
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      guint32 bits = attempt_ice_warn (a);

      if (modality_has_media (a->modality))
        media_failed = TRUE;
      if (bits & (ICE_TCP_TCP_TURN | ICE_TURN_UNREACHABLE | ICE_TCP_ALLOCATE | ICE_TCP_SEND))
        {
          g_autofree char *why = g_strdup_printf (
            _("Attempt %u: ICEWarn 0x%x includes %s; the Resource Kit's reading is that port 443 (or 50000–59999 "
              "to the A/V Edge) is not open."), a->id, bits,
            (bits & ICE_TCP_TCP_TURN) ? _("0x4000000 (TCP-TCP connectivity checks over the TURN server failed)")
            : (bits & ICE_TURN_UNREACHABLE) ? _("0x1 (TURN server unreachable)")
            : _("0x8/0x10 (TCP allocate or send on the TURN server failed)"));
          verdict_for (&v, WEIGHT_LOG, why);
          evidence_add_diag (v.evidence, a->id, ld_attempt_get_primary_diagnostic (a));
        }
      else if (bits & 0x200u)
        {
          const LdDiagnostic *d = NULL;
          const LdMediaDebug *md = attempt_media (a, &d);
          g_autofree char *local = relay_host (md, "LocalMR");
          g_autofree char *remote = relay_host (md, "RemoteMR");
          g_autofree char *why = NULL;

          if (local != NULL && remote != NULL)
            why = g_strdup_printf (_("attempt %u reports 0x200 (TCP TURN connectivity failed) although both sides "
                                     "had a relay: TCP to the relay was blocked or inspected; the network check "
                                     "tells which."), a->id);
          else
            why = g_strdup_printf (_("attempt %u reports 0x200 (TCP TURN connectivity failed) without 0x4000000; "
                                     "the Resource Kit calls 0x200 expected when one side had no relay, so it does "
                                     "not settle this."), a->id);
          verdict_note (&v, why);
        }
    }
  for (guint i = 0; attempts != NULL && i < attempts->len && media_ok == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      if (a->outcome == LD_OUTCOME_SUCCEEDED && modality_has_media (a->modality))
        media_ok = a;
    }
  if (!media_failed && media_ok != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("No media session failed in the logs, and attempt %u (%s) "
                                                "connected its media."), media_ok->id,
                                              ld_modality_get_label (media_ok->modality));
      verdict_against (&v, WEIGHT_LOG, why);
      evidence_add_message (v.evidence, media_ok->id, media_ok->final_response);
    }
  if (g_strcmp0 (network, "failed") == 0)
    verdict_for (&v, WEIGHT_USER, _("The network check found addresses or ports this computer cannot reach."));
  else if (g_strcmp0 (network, "passed") == 0)
    verdict_against (&v, WEIGHT_USER, _("The network check reached every address and port from this computer."));

  c = verdict_finish (&v, LD_WIZARD_CAUSE_PORTS, _("Port 443 or ports 50000–59999 are blocked"));
  if (relays != NULL)
    {
      g_autofree char *a = g_strdup_printf (_("Allow outbound TCP 443, UDP 3478–3481 and TCP/UDP 50000–59999 from "
                                              "the client network to the media relays (here %s) on every firewall "
                                              "and proxy on the way."), relays);
      cause_add_action (c, a);
    }
  else
    cause_add_action (c, _("Allow outbound TCP 443, UDP 3478–3481 and TCP/UDP 50000–59999 from the client network "
                           "to the A/V Edge / Office 365 media relays on every firewall and proxy on the way."));
  cause_add_action (c, _("For Lync Online, meet the network requirements of KB 2409256 (allow *.lync.com and the "
                         "Office 365 addresses, exclude them from the proxy)."));
  cause_add_action (c, _("Run the network check again after the change, then reproduce the issue."));
  return c;
}

static gboolean
text_says_failure (const char *text)
{
  g_autofree char *low = g_ascii_strdown (text, -1);
  const char *words[] = { "fail", "error", "unable", "timed out", "timeout", "cannot", "refused", "blocked",
                          "0x8007", "0x8004", NULL };

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (low, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static LdWizardCause *
judge_meet (LdWizard  *self,
            GPtrArray *failed)
{
  static const char *ids[] = { "meet-lync-blocked", NULL };
  GPtrArray *trace = self->analysis ? ld_analysis_get_trace_events (self->analysis) : NULL;
  const char *plan = answer_of (self, LD_WIZARD_STEP_PLAN);
  gboolean any_conference = FALSE;
  LdWizardCause *c;
  Verdict v;

  verdict_init (&v);
  verdict_add_finding (&v, self->analysis, ids);
  for (guint i = 0; trace != NULL && i < trace->len; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (trace, i);
      g_autofree char *low = g_ascii_strdown (ev->text, -1);

      if (strstr (low, "meet") != NULL && strstr (low, "lync.com") != NULL && text_says_failure (ev->text))
        {
          g_autofree char *why = g_strdup_printf (_("The trace records a failure reaching the meeting host (line %llu)."),
                                                  (unsigned long long) ev->line);
          verdict_for (&v, WEIGHT_LOG, why);
          evidence_add (v.evidence, 0, ev->input, ev->line, ev->text);
        }
    }
  for (guint i = 0; self->net_results != NULL && i < self->net_results->len; i++)
    {
      const LdNetcheckResult *r = g_ptr_array_index (self->net_results, i);
      g_autofree char *label = NULL;
      g_autofree char *why = NULL;

      if (strstr (r->target->host, "meet") == NULL || strstr (r->target->host, "lync.com") == NULL)
        continue;
      label = ld_netcheck_result_dup_text (r);
      why = g_strdup_printf (_("Network check: %s."), label);
      if (r->status == LD_NETCHECK_OPEN)
        verdict_against (&v, WEIGHT_USER, why);
      else if (r->status != LD_NETCHECK_CANCELLED)
        verdict_for (&v, WEIGHT_USER, why);
    }
  for (guint i = 0; i < failed->len; i++)
    if (((const LdAttempt *) g_ptr_array_index (failed, i))->kind == LD_ATTEMPT_CONFERENCE)
      any_conference = TRUE;
  /* Only when nothing points at the meeting host directly: a failed name
   * lookup of meet.lync.com outweighs the kind of call. */
  if (failed->len > 0 && !any_conference && v.support == 0)
    verdict_against (&v, WEIGHT_LOG, _("The failed sessions are peer-to-peer calls, not meetings; meet.lync.com "
                                       "serves Lync Online meetings."));
  if (g_strcmp0 (plan, "on-premises") == 0)
    verdict_against (&v, WEIGHT_USER, _("The organisation runs its own Lync Server; meet.lync.com is used by Lync "
                                        "Online only."));

  c = verdict_finish (&v, LD_WIZARD_CAUSE_MEET, _("Traffic to or from meet.lync.com is blocked"));
  cause_add_action (c, _("Open https://meet.lync.com in a browser on the affected computer; it must load without "
                         "a proxy or certificate error."));
  cause_add_action (c, _("Allow HTTPS (TCP 443) to meet.lync.com and *.lync.com through the firewall and the "
                         "proxy, without TLS inspection."));
  return c;
}

static LdWizardCause *
judge_edges (LdWizard  *self,
             GPtrArray *failed)
{
  static const char *ids[] = { "edge-to-edge", "federated-media", NULL };
  LdWizardCause *c;
  Verdict v;

  g_autoptr(GArray) one_relay = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *findings = self->analysis ? ld_analysis_get_findings (self->analysis) : NULL;

  verdict_init (&v);
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = NULL;
      const LdMediaDebug *md = attempt_media (a, &d);
      g_autofree char *local = relay_host (md, "LocalMR");
      g_autofree char *remote = relay_host (md, "RemoteMR");

      if (local != NULL && g_strcmp0 (local, remote) == 0)
        g_array_append_val (one_relay, a->id);
    }
  /* A finding about attempts that went through one relay on both sides
   * cannot be about two Edge servers; it is kept as a note. */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);
      gboolean other = FALSE;

      if (!g_strv_contains (ids, f->id))
        continue;
      for (guint e = 0; e < f->evidence->len && !other; e++)
        {
          guint att = g_array_index (f->evidence, LdEvidence, e).attempt;
          gboolean same = FALSE;
          for (guint k = 0; k < one_relay->len; k++)
            if (g_array_index (one_relay, guint, k) == att)
              same = TRUE;
          if (!same)
            other = TRUE;
        }
      if (other)
        {
          g_autofree char *why = g_strdup_printf (_("Finding “%s”: %s."), f->id, f->title);
          verdict_for (&v, WEIGHT_LOG, why);
          evidence_append_all (v.evidence, f->evidence);
        }
      else
        {
          g_autofree char *why = g_strdup_printf (_("finding “%s” was raised, but for attempts whose two sides "
                                                    "used the same relay."), f->id);
          verdict_note (&v, why);
        }
    }
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = NULL;
      const LdMediaDebug *md = attempt_media (a, &d);
      g_autofree char *local = relay_host (md, "LocalMR");
      g_autofree char *remote = relay_host (md, "RemoteMR");

      if (local != NULL && remote != NULL && g_strcmp0 (local, remote) == 0)
        {
          g_autofree char *why = g_strdup_printf (_("Attempt %u: both sides used the same media relay %s, so no "
                                                    "second Edge server was involved."), a->id, local);
          verdict_against (&v, WEIGHT_LOG, why);
          evidence_add_diag (v.evidence, a->id, d);
        }
      else if (d != NULL && (d->code == 23 || d->code == 25) && is_media_failure_code (d) &&
               local != NULL && remote != NULL)
        {
          g_autofree char *why = g_strdup_printf (
            _("Attempt %u failed with code %d and the two sides used different media relays (LocalMR %s, "
              "RemoteMR %s)%s; Microsoft's article reads this error as two Edge servers that cannot talk."),
            a->id, d->code, local, remote,
            (attempt_ice_warn (a) & ICE_TCP_TCP_TURN) ? _(", and the relay-to-relay TCP checks failed (0x4000000)")
                                                       : "");
          verdict_for (&v, WEIGHT_LOG, why);
          evidence_add_diag (v.evidence, a->id, d);
        }
      else if (md != NULL && (local == NULL || remote == NULL))
        {
          g_autofree char *why = g_strdup_printf (_("attempt %u gives no usable media relay address for %s "
                                                    "(missing or redacted), so the log cannot show two Edge "
                                                    "servers."), a->id,
                                                  local || remote ? _("one side") : _("either side"));
          verdict_note (&v, why);
        }
    }

  c = verdict_finish (&v, LD_WIZARD_CAUSE_EDGES,
                      _("The two users connect through different Edge servers that cannot communicate"));
  cause_add_action (c, _("Find which Edge (media relay) each side used — LocalMR and RemoteMR in CallerMediaDebug — "
                         "and have their administrators test TCP 443 and TCP/UDP 50000–59999 between them."));
  cause_add_action (c, _("If the contact is in another organisation, ask their administrator to check their A/V Edge "
                         "and federation settings."));
  cause_add_action (c, _("For Lync Online, contact Office 365 support with MOSDALREPORT.zip and this result."));
  return c;
}

static LdWizardCause *
judge_inspection (LdWizard  *self,
                  GPtrArray *failed)
{
  static const char *ids[] = { "proxy-tls-inspection", "winsock-lsp", "fails-only-app-sharing", NULL };
  static const char *ambiguous[] = { "tcp-media-blocked", NULL };
  GPtrArray *attempts = self->analysis ? ld_analysis_get_attempts (self->analysis) : NULL;
  const char *security = answer_of (self, LD_WIZARD_STEP_SECURITY);
  const LdAttempt *tcp_fail = NULL;
  const LdAttempt *udp_fail = NULL;
  LdWizardCause *c;
  Verdict v;

  verdict_init (&v);
  verdict_add_finding (&v, self->analysis, ids);
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);

      if (modality_is_tcp (a->modality) && tcp_fail == NULL)
        tcp_fail = a;
      if (modality_is_udp_media (a->modality) && is_media_failure_code (d) && udp_fail == NULL)
        udp_fail = a;
      if (attempt_ice_warn (a) & (ICE_PSEUDO_TLS | ICE_USE_CANDIDATE))
        {
          g_autofree char *why = g_strdup_printf (_("Attempt %u: ICEWarn 0x%x names traffic inspection or a "
                                                    "network filter driver (0x800000 / 0x8000000)."),
                                                  a->id, attempt_ice_warn (a));
          verdict_for (&v, WEIGHT_LOG, why);
          evidence_add_diag (v.evidence, a->id, d);
        }
    }
  if (tcp_fail != NULL && udp_fail == NULL)
    {
      const LdAttempt *udp_ok = NULL;
      gboolean same_contact = FALSE;

      for (guint i = 0; attempts != NULL && i < attempts->len; i++)
        {
          const LdAttempt *a = g_ptr_array_index (attempts, i);
          if (a->outcome != LD_OUTCOME_SUCCEEDED || !modality_is_udp_media (a->modality))
            continue;
          if (udp_ok == NULL || (!same_contact && g_strcmp0 (a->remote_party, tcp_fail->remote_party) == 0))
            {
              udp_ok = a;
              same_contact = g_strcmp0 (a->remote_party, tcp_fail->remote_party) == 0;
            }
        }
      if (udp_ok != NULL)
        {
          g_autofree char *why = g_strdup_printf (
            _("Sharing (TCP) failed in attempt %u while %s (UDP) worked in attempt %u%s: the field report's "
              "pattern of something stopping TCP media only."),
            tcp_fail->id, ld_modality_get_label (udp_ok->modality), udp_ok->id,
            same_contact ? _(" with the same contact") : "");
          verdict_for (&v, WEIGHT_LOG, why);
          evidence_add_diag (v.evidence, tcp_fail->id, ld_attempt_get_primary_diagnostic (tcp_fail));
          evidence_add_message (v.evidence, udp_ok->id, udp_ok->final_response);
        }
    }
  /* Audio failing too argues against a TCP-only block, but not against
   * inspection the log names outright (0x800000, 0x8000000). */
  if (udp_fail != NULL && v.support == 0)
    {
      g_autofree char *why = g_strdup_printf (_("Audio/video (UDP) failed too (attempt %u), so the problem is not "
                                                "limited to TCP."), udp_fail->id);
      verdict_against (&v, WEIGHT_LOG, why);
      evidence_add_diag (v.evidence, udp_fail->id, ld_attempt_get_primary_diagnostic (udp_fail));
    }
  else if (udp_fail != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("audio/video (UDP) failed too (attempt %u)."), udp_fail->id);
      verdict_note (&v, why);
    }
  /* Local, NAT and relay TCP paths all failing (0x320) fits a port block
   * as well as an inspecting firewall or antivirus: it is noted, and the
   * user's answer or a UDP call that worked decides. */
  if (v.support == 0 && v.contra == 0)
    {
      const LdFinding *f = find_finding (self->analysis, ambiguous);
      if (f != NULL)
        {
          g_autofree char *why = g_strdup_printf (_("finding “%s” (%s) fits a blocked port as well as "
                                                    "inspection; answer step 6a, or compare with an audio call, "
                                                    "to tell them apart."), f->id, f->title);
          verdict_note (&v, why);
        }
    }
  if (g_strcmp0 (security, "yes") == 0)
    verdict_for (&v, WEIGHT_LOG, _("A firewall or antivirus on the way scans or filters network traffic."));
  else if (g_strcmp0 (security, "no") == 0)
    verdict_against (&v, WEIGHT_USER, _("No firewall or antivirus on the way scans or filters network traffic."));

  c = verdict_finish (&v, LD_WIZARD_CAUSE_INSPECTION,
                      _("A firewall or antivirus inspects or blocks TCP media traffic"));
  cause_add_action (c, _("Review the hardware firewall's policies (anti-spam, anti-attack or TCP inspection) and "
                         "test with them switched off for this traffic."));
  cause_add_action (c, _("Review the antivirus's network-scanning settings and exceptions; let it accept and "
                         "handle the Lync client's traffic (in the field report, a Kaspersky exception fixed it)."));
  cause_add_action (c, _("Repeat the desktop sharing after each change to find the component responsible."));
  return c;
}

static void
derive_causes (LdWizard     *self,
               LdWizardStep *s,
               GPtrArray    *failed)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) supported = g_ptr_array_new ();
  GString *labels = g_string_new (NULL);
  gboolean from_log = FALSE;

  g_ptr_array_set_size (self->conclusion.causes, 0);
  g_ptr_array_add (self->conclusion.causes, judge_ports (self, failed));
  g_ptr_array_add (self->conclusion.causes, judge_meet (self, failed));
  g_ptr_array_add (self->conclusion.causes, judge_edges (self, failed));
  g_ptr_array_add (self->conclusion.causes, judge_inspection (self, failed));

  g_string_append (text, _("This issue usually occurs because one or more of these are true. Each is marked by "
                           "what the logs and your answers show:"));
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);
      const char *mark = c->status == LD_CAUSE_SUPPORTED ? _("supported")
                         : c->status == LD_CAUSE_CONTRADICTED ? _("contradicted") : _("unknown");

      g_string_append_printf (text, "\n\n• %s — %s\n  %s", c->title, mark, c->reason);
      if (c->status == LD_CAUSE_SUPPORTED)
        {
          g_ptr_array_add (supported, (gpointer) c->id);
          g_string_append_printf (labels, "%s%s", labels->len ? "; " : "", c->title);
          if (c->evidence->len > 0)
            from_log = TRUE;
          evidence_append_all (s->evidence, c->evidence);
        }
    }
  s->text = g_string_free (text, FALSE);
  if (supported->len > 0)
    {
      g_ptr_array_add (supported, NULL);
      g_free (s->answer);
      s->answer = g_strjoinv (",", (char **) supported->pdata);
      s->source = from_log ? LD_WIZARD_SOURCE_LOG : LD_WIZARD_SOURCE_USER;
      g_free (s->answer_label);
      s->answer_label = g_string_free (g_steal_pointer (&labels), FALSE);
    }
  if (labels != NULL)
    g_string_free (labels, TRUE);
}

/* Result ----------------------------------------------------------------- */

static void
derive_result (LdWizard     *self,
               LdWizardStep *s,
               GPtrArray    *failed)
{
  GString *sum = g_string_new (NULL);
  GString *next = g_string_new (NULL);
  guint n_next = 0;
  gboolean any_supported = FALSE;
  LdWizardStep *causes = step_by_id (self, LD_WIZARD_STEP_CAUSES);

  g_string_append (sum, _("Answers:"));
  for (guint i = 0; i < self->steps->len; i++)
    {
      const LdWizardStep *st = g_ptr_array_index (self->steps, i);

      if (!st->visible || st == s || st->question == NULL || g_strcmp0 (st->id, LD_WIZARD_STEP_CAUSES) == 0)
        continue;
      g_string_append_printf (sum, "\n  %s. %s: %s (%s)", st->number, st->title,
                              st->answer_label ? st->answer_label : _("not answered"),
                              st->source == LD_WIZARD_SOURCE_LOG ? _("from the log")
                              : st->source == LD_WIZARD_SOURCE_USER ? _("your answer") : _("open"));
    }

  g_string_append (sum, _("\n\nCauses:"));
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);
      g_string_append_printf (sum, "\n  [%s] %s", c->status == LD_CAUSE_SUPPORTED ? _("supported")
                              : c->status == LD_CAUSE_CONTRADICTED ? _("contradicted") : _("unknown"), c->title);
      if (c->status == LD_CAUSE_SUPPORTED)
        any_supported = TRUE;
    }

  /* Next steps: what the supported causes call for, then what would
   * settle the unknown ones. */
  for (int pass = 0; pass < 2 && failed->len > 0; pass++)
    for (guint i = 0; i < self->conclusion.causes->len; i++)
      {
        const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);
        if (c->status != (pass == 0 ? LD_CAUSE_SUPPORTED : LD_CAUSE_UNKNOWN) || c->actions->len == 0)
          continue;
        g_string_append_printf (next, "\n  %u. %s", ++n_next, (char *) g_ptr_array_index (c->actions, 0));
      }
  if (g_strcmp0 (answer_of (self, LD_WIZARD_STEP_NETWORK), "passed") != 0 &&
      step_by_id (self, LD_WIZARD_STEP_NETWORK)->visible && failed->len > 0)
    g_string_append_printf (next, _("\n  %u. Run the network check from the affected computer."), ++n_next);
  if (g_strcmp0 (answer_of (self, LD_WIZARD_STEP_SAME_CONTACT), "not-tried") == 0 ||
      (step_by_id (self, LD_WIZARD_STEP_SAME_CONTACT)->visible && answer_of (self, LD_WIZARD_STEP_SAME_CONTACT) == NULL))
    g_string_append_printf (next, _("\n  %u. Ask a colleague to reproduce the issue with the same contact."), ++n_next);
  if (any_supported)
    g_string_append_printf (next, _("\n  %u. If the issue stays, send MOSDALREPORT.zip and this result to Office 365 "
                                    "technical support (or your Lync administrators)."), ++n_next);
  if (n_next > 0)
    g_string_append_printf (sum, _("\n\nNext steps:%s"), next->str);
  g_string_free (next, TRUE);

  g_free (self->conclusion.summary);
  if (failed->len == 0)
    self->conclusion.summary = g_strdup (_("The logs show no failed attempt, so there is no failure to explain. "
                                           "Reproduce the problem with logging turned on and open the new log."));
  else if (any_supported)
    {
      GString *v = g_string_new (_("Supported by the evidence: "));
      gboolean first = TRUE;
      for (guint i = 0; i < self->conclusion.causes->len; i++)
        {
          const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);
          if (c->status != LD_CAUSE_SUPPORTED)
            continue;
          g_string_append_printf (v, "%s%s", first ? "" : "; ", c->title);
          first = FALSE;
        }
      g_string_append (v, ".");
      self->conclusion.summary = g_string_free (v, FALSE);
    }
  else
    self->conclusion.summary = g_strdup (_("No known cause is supported by the evidence yet. Answer the open "
                                           "questions and run the network check to narrow it down."));
  g_string_prepend (sum, "\n\n");
  g_string_prepend (sum, self->conclusion.summary);
  s->text = g_string_free (sum, FALSE);

  step_set_log_answer (s, failed->len == 0 ? "no-failure" : any_supported ? "cause-found" : "no-cause-found");
  evidence_append_all (s->evidence, causes->evidence);
}

/* Recompute -------------------------------------------------------------- */

static void
step_apply_answer (LdWizard     *self,
                   LdWizardStep *s)
{
  const char *user = g_hash_table_lookup (self->user_answers, s->id);
  const char *label;

  g_clear_pointer (&s->answer, g_free);
  if (user != NULL)
    {
      s->answer = g_strdup (user);
      s->source = LD_WIZARD_SOURCE_USER;
    }
  else if (s->log_answer != NULL)
    {
      s->answer = g_strdup (s->log_answer);
      s->source = LD_WIZARD_SOURCE_LOG;
    }
  else
    s->source = LD_WIZARD_SOURCE_UNANSWERED;
  g_clear_pointer (&s->answer_label, g_free);
  label = s->answer ? choice_label (s, s->answer) : NULL;
  s->answer_label = g_strdup (label ? label : s->answer);
}

static void
recompute (LdWizard *self)
{
  g_autoptr(GPtrArray) failed = failed_attempts (self->analysis);
  LdWizardStep *s;
  const char *contacts, *plan;

  for (guint i = 0; i < self->steps->len; i++)
    {
      s = g_ptr_array_index (self->steps, i);
      step_reset (s);
      s->visible = TRUE;
    }

  /* Steps in order; each branch reads the answers before it. */
  s = step_by_id (self, LD_WIZARD_STEP_SYMPTOM);
  derive_symptom (self, s, failed);
  step_apply_answer (self, s);

  s = step_by_id (self, LD_WIZARD_STEP_CONTACTS);
  derive_contacts (self, s, failed);
  step_apply_answer (self, s);
  contacts = s->answer;

  s = step_by_id (self, LD_WIZARD_STEP_SAME_CONTACT);
  derive_same_contact (self, s, failed);
  step_apply_answer (self, s);
  s->visible = g_strcmp0 (contacts, "one") == 0;

  s = step_by_id (self, LD_WIZARD_STEP_COMMON);
  derive_common (self, s, failed);
  step_apply_answer (self, s);
  s->visible = g_strcmp0 (contacts, "several") == 0;

  s = step_by_id (self, LD_WIZARD_STEP_PLAN);
  derive_plan (self, s);
  step_apply_answer (self, s);
  plan = s->answer;

  s = step_by_id (self, LD_WIZARD_STEP_NETWORK);
  derive_network (self, s);
  step_apply_answer (self, s);
  s->visible = g_strcmp0 (plan, "dedicated") != 0;

  s = step_by_id (self, LD_WIZARD_STEP_COLLECT);
  derive_collect (self, s);
  step_apply_answer (self, s);

  s = step_by_id (self, LD_WIZARD_STEP_EXAMINE);
  derive_examine (self, s, failed);
  step_apply_answer (self, s);

  s = step_by_id (self, LD_WIZARD_STEP_SECURITY);
  derive_security (self, s, failed);
  step_apply_answer (self, s);

  /* Causes and result are computed, never typed in. */
  s = step_by_id (self, LD_WIZARD_STEP_CAUSES);
  derive_causes (self, s, failed);

  s = step_by_id (self, LD_WIZARD_STEP_RESULT);
  derive_result (self, s, failed);
  step_apply_answer (self, s);
  s->source = step_by_id (self, LD_WIZARD_STEP_CAUSES)->source == LD_WIZARD_SOURCE_USER
              ? LD_WIZARD_SOURCE_USER : LD_WIZARD_SOURCE_LOG;
  if (failed->len == 0 && self->analysis == NULL)
    s->source = LD_WIZARD_SOURCE_UNANSWERED;
}

/* GObject ---------------------------------------------------------------- */

static void
ld_wizard_finalize (GObject *object)
{
  LdWizard *self = LD_WIZARD (object);

  if (self->weak_analysis)
    self->analysis = NULL;
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->user_answers, g_hash_table_unref);
  g_clear_pointer (&self->net_results, g_ptr_array_unref);
  g_clear_pointer (&self->conclusion.causes, g_ptr_array_unref);
  g_clear_pointer (&self->conclusion.summary, g_free);
  G_OBJECT_CLASS (ld_wizard_parent_class)->finalize (object);
}

static void
ld_wizard_class_init (LdWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ld_wizard_finalize;

  /**
   * LdWizard::changed:
   *
   * An answer or a network result changed; every step's answer, text and
   * visibility and the conclusion may have changed with it.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ld_wizard_init (LdWizard *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->user_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->conclusion.causes = g_ptr_array_new_with_free_func ((GDestroyNotify) cause_free);
  for (guint i = 0; i < G_N_ELEMENTS (step_defs); i++)
    {
      const StepDef *d = &step_defs[i];
      LdWizardStep *s = g_new0 (LdWizardStep, 1);

      s->id = d->id;
      s->number = d->number;
      s->title = g_strdup (_(d->title));
      s->question = d->question ? g_strdup (_(d->question)) : NULL;
      s->choices = d->choices;
      s->n_choices = d->n_choices;
      s->free_text = d->free_text;
      s->visible = TRUE;
      s->evidence = evidence_array_new ();
      g_ptr_array_add (self->steps, s);
    }
}

/**
 * ld_wizard_new:
 * @analysis: (nullable): a finished analysis, or %NULL to walk the
 *   procedure without logs
 *
 * Returns: (transfer full): a wizard with every answer the logs give filled in.
 */
LdWizard *
ld_wizard_new (LdAnalysis *analysis)
{
  LdWizard *self = g_object_new (LD_TYPE_WIZARD, NULL);

  self->analysis = analysis ? g_object_ref (analysis) : NULL;
  recompute (self);
  return self;
}

/* The wizard of a document lives as long as its analysis, so answers are
 * kept for the session (reopening the window, exporting the report). The
 * analysis holds the wizard; the wizard's reference back is weak. */
static const char wizard_key[] = "ld-wizard";

/**
 * ld_wizard_ensure_for_analysis:
 * @analysis: a finished analysis
 *
 * Returns: (transfer none): the wizard attached to @analysis, created on
 *   first use.
 */
LdWizard *
ld_wizard_ensure_for_analysis (LdAnalysis *analysis)
{
  LdWizard *self;

  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);

  self = g_object_get_data (G_OBJECT (analysis), wizard_key);
  if (self != NULL)
    return self;
  self = g_object_new (LD_TYPE_WIZARD, NULL);
  self->analysis = analysis;
  self->weak_analysis = TRUE;
  recompute (self);
  g_object_set_data_full (G_OBJECT (analysis), wizard_key, self, g_object_unref);
  return self;
}

/**
 * ld_wizard_peek_for_analysis:
 *
 * For exporters: the wizard of @analysis if one was opened.
 *
 * Returns: (transfer none) (nullable):
 */
LdWizard *
ld_wizard_peek_for_analysis (LdAnalysis *analysis)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);
  return g_object_get_data (G_OBJECT (analysis), wizard_key);
}

/**
 * ld_wizard_has_user_answers:
 *
 * Returns: %TRUE once the user answered a question or ran the network check.
 */
gboolean
ld_wizard_has_user_answers (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), FALSE);
  return g_hash_table_size (self->user_answers) > 0 || self->net_results != NULL;
}

LdAnalysis *
ld_wizard_get_analysis (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return self->analysis;
}

/**
 * ld_wizard_get_steps:
 *
 * Returns: (transfer none) (element-type LdWizardStep): every step in the
 *   article's order, visible or not.
 */
GPtrArray *
ld_wizard_get_steps (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return self->steps;
}

/**
 * ld_wizard_dup_visible_steps:
 *
 * Returns: (transfer container) (element-type LdWizardStep): the steps the
 *   current answers lead through; the steps stay owned by the wizard and
 *   are valid until it is finalized.
 */
GPtrArray *
ld_wizard_dup_visible_steps (LdWizard *self)
{
  GPtrArray *out;

  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  out = g_ptr_array_new ();
  for (guint i = 0; i < self->steps->len; i++)
    {
      LdWizardStep *s = g_ptr_array_index (self->steps, i);
      if (s->visible)
        g_ptr_array_add (out, s);
    }
  return out;
}

/**
 * ld_wizard_get_step:
 *
 * Returns: (transfer none) (nullable): the step, or %NULL for an unknown id.
 */
const LdWizardStep *
ld_wizard_get_step (LdWizard   *self,
                    const char *step_id)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return step_by_id (self, step_id);
}

/**
 * ld_wizard_set_answer:
 * @step_id: a LD_WIZARD_STEP_… id
 * @value: (nullable): a choice key, free text where the step takes it, or
 *   %NULL (or "") to drop the user's answer and go back to the log's
 *
 * The user's answers are kept across every later change, whichever page
 * is shown, until replaced.
 *
 * Returns: %FALSE with @error for an unknown step or an invalid value.
 */
gboolean
ld_wizard_set_answer (LdWizard    *self,
                      const char  *step_id,
                      const char  *value,
                      GError     **error)
{
  LdWizardStep *s;

  g_return_val_if_fail (LD_IS_WIZARD (self), FALSE);

  s = step_by_id (self, step_id);
  if (s == NULL || (s->question == NULL) || (s->choices == NULL && !s->free_text))
    {
      g_set_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_UNKNOWN_STEP,
                   _("“%s” is not a question of the wizard; see lyncdiag-cli wizard --help for the keys."),
                   step_id ? step_id : "");
      return FALSE;
    }
  if (value != NULL && *value != '\0' && !s->free_text && choice_label (s, value) == NULL)
    {
      GString *keys = g_string_new (NULL);
      for (guint i = 0; i < s->n_choices; i++)
        g_string_append_printf (keys, "%s%s", i ? ", " : "", s->choices[i].key);
      g_set_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_INVALID_ANSWER,
                   _("“%s” is not an answer to “%s”; use one of: %s."), value, step_id, keys->str);
      g_string_free (keys, TRUE);
      return FALSE;
    }
  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->user_answers, step_id);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      g_hash_table_insert (self->user_answers, g_strdup (step_id), g_steal_pointer (&valid));
    }
  recompute (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/**
 * ld_wizard_parse_answer:
 * @key_equals_value: "plan=dedicated", as given to --answer
 */
gboolean
ld_wizard_parse_answer (LdWizard    *self,
                        const char  *key_equals_value,
                        GError     **error)
{
  const char *eq = strchr (key_equals_value, '=');
  g_autofree char *key = NULL;

  if (eq == NULL || eq == key_equals_value)
    {
      g_set_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_INVALID_ANSWER,
                   _("“%s” is not KEY=VALUE, e.g. plan=multi-tenant."), key_equals_value);
      return FALSE;
    }
  key = g_strndup (key_equals_value, eq - key_equals_value);
  return ld_wizard_set_answer (self, g_strstrip (key), eq + 1, error);
}

/**
 * ld_wizard_dup_network_targets:
 *
 * Returns: (transfer full) (element-type LdNetcheckTarget): what the
 *   network check would test, taken from the logs.
 */
GPtrArray *
ld_wizard_dup_network_targets (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return ld_netcheck_targets_from_analysis (self->analysis);
}

/**
 * ld_wizard_set_network_results:
 * @results: (element-type LdNetcheckResult) (nullable): from
 *   ld_netcheck_run_finish(); the wizard keeps a reference
 *
 * The network step's answer follows the results unless the user gave one.
 */
void
ld_wizard_set_network_results (LdWizard  *self,
                               GPtrArray *results)
{
  g_return_if_fail (LD_IS_WIZARD (self));

  g_clear_pointer (&self->net_results, g_ptr_array_unref);
  if (results != NULL)
    self->net_results = g_ptr_array_ref (results);
  /* A new measurement replaces an earlier measured answer. */
  g_hash_table_remove (self->user_answers, LD_WIZARD_STEP_NETWORK);
  recompute (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * ld_wizard_get_network_results:
 *
 * Returns: (transfer none) (nullable) (element-type LdNetcheckResult):
 */
GPtrArray *
ld_wizard_get_network_results (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return self->net_results;
}

/**
 * ld_wizard_get_conclusion:
 *
 * Returns: (transfer none): the causes in the article's order and the summary.
 */
const LdWizardConclusion *
ld_wizard_get_conclusion (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return &self->conclusion;
}

const LdWizardCause *
ld_wizard_get_cause (LdWizard   *self,
                     const char *cause_id)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);
      if (g_strcmp0 (c->id, cause_id) == 0)
        return c;
    }
  return NULL;
}

/**
 * ld_wizard_step_get_choice_label:
 * @index: below @step->n_choices
 *
 * Returns: (transfer none): the choice in words, translated.
 */
const char *
ld_wizard_step_get_choice_label (const LdWizardStep *step,
                                 guint               index)
{
  g_return_val_if_fail (step != NULL && index < step->n_choices, NULL);
  return _(step->choices[index].label);
}

const char *
ld_wizard_source_to_string (LdWizardSource source)
{
  switch (source)
    {
    case LD_WIZARD_SOURCE_LOG: return "log";
    case LD_WIZARD_SOURCE_USER: return "user";
    case LD_WIZARD_SOURCE_UNANSWERED:
    default: return "unanswered";
    }
}

const char *
ld_cause_status_to_string (LdCauseStatus status)
{
  switch (status)
    {
    case LD_CAUSE_SUPPORTED: return "supported";
    case LD_CAUSE_CONTRADICTED: return "contradicted";
    case LD_CAUSE_UNKNOWN:
    default: return "unknown";
    }
}

/**
 * ld_evidence_dup_location:
 *
 * Returns: (transfer full): "Lync-UccApi-0.UccApilog:253", or the file
 *   name alone for whole-file evidence.
 */
char *
ld_evidence_dup_location (LdAnalysis       *analysis,
                          const LdEvidence *evidence)
{
  GPtrArray *inputs = analysis ? ld_analysis_get_inputs (analysis) : NULL;
  const LdInput *in = inputs && evidence->input < inputs->len ? g_ptr_array_index (inputs, evidence->input) : NULL;
  g_autofree char *base = in ? g_path_get_basename (ld_input_get_display_name (in)) : g_strdup ("?");

  if (evidence->line == 0)
    return g_steal_pointer (&base);
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, base, evidence->line);
}

/* Output ----------------------------------------------------------------- */

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
      text_evidence (out, self->analysis, s->evidence, "  ");
      text_indented (out, s->text, "    ");
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, _("Step 7: %s\n"), step_by_id (self, LD_WIZARD_STEP_RESULT)->title);
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

      g_string_append_printf (out, "  [%s] %s (%s)\n", ld_cause_status_to_string (c->status), c->title, c->id);
      text_indented (out, c->reason, "      ");
      text_evidence (out, self->analysis, c->evidence, "      ");
      if (c->status != LD_CAUSE_CONTRADICTED)
        for (guint k = 0; k < c->actions->len; k++)
          g_string_append_printf (out, "      → %s\n", (char *) g_ptr_array_index (c->actions, k));
    }
  g_string_append_c (out, '\n');
  text_indented (out, step_by_id (self, LD_WIZARD_STEP_RESULT)->text, "  ");
  return g_string_free (out, FALSE);
}

/**
 * ld_wizard_dup_answer_keys_help:
 *
 * Returns: (transfer full): every KEY=VALUE the wizard takes, for --help.
 */
char *
ld_wizard_dup_answer_keys_help (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (step_defs); i++)
    {
      const StepDef *d = &step_defs[i];

      if (d->question == NULL || (d->choices == NULL && !d->free_text) ||
          g_strcmp0 (d->id, LD_WIZARD_STEP_CAUSES) == 0 || g_strcmp0 (d->id, LD_WIZARD_STEP_RESULT) == 0)
        continue;
      g_string_append_printf (out, "  %s (step %s) — %s\n", d->id, d->number, _(d->question));
      for (guint k = 0; k < d->n_choices; k++)
        {
          g_autofree char *kv = g_strdup_printf ("%s=%s", d->id, d->choices[k].key);
          g_string_append_printf (out, "      %-34s %s\n", kv, _(d->choices[k].label));
        }
      if (d->free_text)
        {
          g_autofree char *kv = g_strdup_printf ("%s=TEXT", d->id);
          g_string_append_printf (out, "      %-34s %s\n", kv, _("your own words"));
        }
    }
  return g_string_free (out, FALSE);
}
