/* ld-report-model.c - what the report says: the incident, the causes in rank, one example each
 *
 * Built once from the analysis and read by the PDF and the Markdown, so
 * the two say the same thing: which causes stand and in which order,
 * which attempt is decoded as the example of each (the clearest, not the
 * first in time), what the user saw, who they are, what failed by kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-input.h"
#include "ld-knowledge.h"
#include "ld-report-private.h"

static void
group_free (gpointer data)
{
  LdReportGroup *g = data;

  g_ptr_array_unref (g->findings);
  g_array_unref (g->attempts);
  g_free (g);
}

static void
symptom_free (gpointer data)
{
  LdReportSymptom *s = data;

  g_free (s->text);
  g_free (s);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The attempts a finding explains: every one it covers (its evidence
 * quotes only the strongest). */
static void
add_finding_attempts (GArray          *ids,
                      const LdFinding *f)
{
  if (f->attempts != NULL && f->attempts->len > 0)
    {
      g_array_append_vals (ids, f->attempts->data, f->attempts->len);
      return;
    }
  for (guint e = 0; f->evidence != NULL && e < f->evidence->len; e++)
    {
      guint id = g_array_index (f->evidence, LdEvidence, e).attempt;

      if (id > 0)
        g_array_append_val (ids, id);
    }
}

static void
sort_unique (GArray *ids)
{
  guint n = 0;

  g_array_sort (ids, compare_guint);
  for (guint i = 0; i < ids->len; i++)
    if (n == 0 || g_array_index (ids, guint, n - 1) != g_array_index (ids, guint, i))
      g_array_index (ids, guint, n++) = g_array_index (ids, guint, i);
  g_array_set_size (ids, n);
}

/* How well an attempt shows its cause: a decoded diagnostic with the
 * media's ICE warning, a final response and a short call flow make an
 * example a reader can follow. */
static int
clarity (const LdAttempt *a,
         const LdFinding *f)
{
  const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);
  int score = 0;

  if (d != NULL)
    {
      score += d->code >= 0 ? 8 : 2;
      if (d->reason != NULL)
        score += 2;
      for (guint m = 0; m < d->media->len; m++)
        if (((const LdMediaDebug *) d->media->pdata[m])->has_ice_warn)
          {
            score += 6;
            break;
          }
    }
  if (a->final_response != NULL)
    score += 2;
  if (a->messages != NULL && a->messages->len >= 2 && a->messages->len <= 12)
    score += 2;
  if (a->outcome == LD_OUTCOME_FAILED)
    score += 1;
  /* The attempt the finding itself quotes first. */
  if (f->evidence != NULL && f->evidence->len > 0 &&
      g_array_index (f->evidence, LdEvidence, 0).attempt == a->id)
    score += 3;
  return score;
}

static const LdAttempt *
pick_example (LdReportContext *ctx,
              LdReportGroup   *group,
              GHashTable      *decoded)
{
  const LdAttempt *best = NULL;
  int best_score = -1;
  guint best_len = G_MAXUINT;

  /* An attempt decoded for an earlier cause is the example here too, as
   * long as it is a clear one: the decode is said once. */
  for (guint i = 0; i < group->attempts->len; i++)
    {
      guint id = g_array_index (group->attempts, guint, i);
      gpointer cause = g_hash_table_lookup (decoded, GUINT_TO_POINTER (id));
      const LdAttempt *a = ld_analysis_get_attempt_by_id (ctx->analysis, id);

      if (cause != NULL && a != NULL && clarity (a, group->top) >= 10)
        {
          group->example_cause = GPOINTER_TO_UINT (cause);
          return a;
        }
    }
  for (guint i = 0; i < group->attempts->len; i++)
    {
      const LdAttempt *a = ld_analysis_get_attempt_by_id (ctx->analysis, g_array_index (group->attempts, guint, i));
      int score;
      guint len;

      if (a == NULL)
        continue;
      score = clarity (a, group->top);
      len = a->messages ? a->messages->len : 0;
      if (score > best_score || (score == best_score && len < best_len))
        {
          best = a;
          best_score = score;
          best_len = len;
        }
    }
  if (best != NULL)
    {
      group->example_cause = group->number;
      g_hash_table_insert (decoded, GUINT_TO_POINTER (best->id), GUINT_TO_POINTER (group->number));
    }
  return best;
}

static gboolean
ruled_out_by_wizard (LdReportContext *ctx,
                     const LdFinding *f)
{
  for (guint i = 0; ctx->causes != NULL && i < ctx->causes->len; i++)
    {
      const LdReportCause *c = ctx->causes->pdata[i];

      if (c->status == LD_REPORT_CAUSE_CONTRADICTED && c->id != NULL &&
          (g_strcmp0 (c->id, f->cause) == 0 || g_strcmp0 (c->id, f->id) == 0))
        return TRUE;
    }
  return FALSE;
}

/* One finding is one cause (ld-findings-group.c groups a rule's firings
 * by cause and detail, and ranks them): the report explains each once, in
 * the analysis's order, so its verdict starts where the app's and the
 * CLI's do. */
static void
build_groups (LdReportContext *ctx)
{
  g_autoptr(GHashTable) decoded = g_hash_table_new (NULL, NULL);

  ctx->groups = g_ptr_array_new_with_free_func (group_free);
  for (guint i = 0; i < ctx->findings->len; i++)
    {
      LdFinding *f = ctx->findings->pdata[i];
      LdReportGroup *group = g_new0 (LdReportGroup, 1);

      group->findings = g_ptr_array_new ();
      group->attempts = g_array_new (FALSE, FALSE, sizeof (guint));
      group->top = f;
      group->ruled_out = ruled_out_by_wizard (ctx, f);
      g_ptr_array_add (group->findings, f);
      add_finding_attempts (group->attempts, f);
      sort_unique (group->attempts);
      for (guint a = 0; a < group->attempts->len; a++)
        {
          const LdAttempt *attempt = ld_analysis_get_attempt_by_id (ctx->analysis,
                                                                    g_array_index (group->attempts, guint, a));

          if (attempt != NULL && _ld_report_attempt_failed (attempt))
            group->n_failed++;
        }
      g_ptr_array_add (ctx->groups, group);
    }

  ctx->causes_of = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      LdReportGroup *group = ctx->groups->pdata[i];

      group->number = i + 1;
      for (guint a = 0; a < group->attempts->len; a++)
        {
          gpointer key = GUINT_TO_POINTER (g_array_index (group->attempts, guint, a));
          GArray *numbers = g_hash_table_lookup (ctx->causes_of, key);

          if (numbers == NULL)
            {
              numbers = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (ctx->causes_of, key, numbers);
            }
          g_array_append_val (numbers, group->number);
        }
    }
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      LdReportGroup *group = ctx->groups->pdata[i];

      group->example = pick_example (ctx, group, decoded);
    }
}

/* "…ShowError - Cannot start Desktop/Application Sharing due to network
 * issues." is what the user saw in the client's dialog. */
static void
build_symptoms (LdReportContext *ctx)
{
  GPtrArray *trace = ld_analysis_get_trace_events (ctx->analysis);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ctx->symptoms = g_ptr_array_new_with_free_func (symptom_free);
  for (guint i = 0; trace != NULL && i < trace->len; i++)
    {
      const LdTraceEvent *ev = trace->pdata[i];
      const char *at = strstr (ev->text, "ShowError");
      const char *msg;
      g_autofree char *trimmed = NULL;
      LdReportSymptom *s;

      if (at == NULL)
        continue;
      msg = strstr (at, " - ");
      msg = msg ? msg + 3 : at + strlen ("ShowError");
      trimmed = g_strstrip (g_strdup (msg));
      if (*trimmed == '\0')
        continue;
      s = g_hash_table_lookup (seen, trimmed);
      if (s != NULL)
        {
          s->count++;
          continue;
        }
      s = g_new0 (LdReportSymptom, 1);
      s->text = _ld_report_value (ctx, trimmed);
      s->time = ev->time;
      s->input = ev->input;
      s->line = ev->line;
      s->count = 1;
      g_ptr_array_add (ctx->symptoms, s);
      g_hash_table_insert (seen, g_steal_pointer (&trimmed), s);
    }
}

static int
compare_symptoms (gconstpointer a,
                  gconstpointer b)
{
  const LdReportSymptom *sa = *(const LdReportSymptom * const *) a;
  const LdReportSymptom *sb = *(const LdReportSymptom * const *) b;

  if (sa->count != sb->count)
    return sa->count > sb->count ? -1 : 1;
  return sa->time < sb->time ? -1 : sa->time > sb->time;
}

static void
build_tallies (LdReportContext *ctx)
{
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);

  ctx->tallies = g_array_new (FALSE, TRUE, sizeof (LdReportTally));
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      LdReportTally *t = NULL;

      for (guint k = 0; k < ctx->tallies->len && t == NULL; k++)
        {
          LdReportTally *c = &g_array_index (ctx->tallies, LdReportTally, k);

          if (c->kind == a->kind && c->modality == a->modality)
            t = c;
        }
      if (t == NULL)
        {
          LdReportTally fresh = { a->kind, a->modality, 0, { 0 } };

          g_array_append_val (ctx->tallies, fresh);
          t = &g_array_index (ctx->tallies, LdReportTally, ctx->tallies->len - 1);
        }
      t->total++;
      if ((guint) a->outcome < G_N_ELEMENTS (t->outcomes))
        t->outcomes[a->outcome]++;
    }
}

/* The signed-in user: the From of an INVITE this client sent, the To of
 * one it received. */
static void
build_who (LdReportContext *ctx)
{
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);

  /* The input knows its user (the From of its REGISTER); several logs may
   * be of several users. */
  {
    GPtrArray *users = ld_analysis_dup_users (ctx->analysis);

    if (users != NULL && users->len > 0)
      {
        g_autofree char *first = _ld_report_value (ctx, users->pdata[0]);

        ctx->user = users->len == 1 ? g_steal_pointer (&first)
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u other user", "%s and %u other users",
                                                    users->len - 1), first, users->len - 1);
      }
    g_clear_pointer (&users, g_ptr_array_unref);
  }
  for (guint i = 0; i < attempts->len && ctx->user == NULL; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      const char *header;
      g_autofree char *address = NULL;

      if (a->invite == NULL)
        continue;
      header = a->incoming ? a->invite->to : a->invite->from;
      address = header ? ld_sip_uri_dup_address (header) : NULL;
      if (address != NULL && *address != '\0')
        {
          g_autofree char *uri = g_str_has_prefix (address, "sip:") ? g_strdup (address)
                                                                   : g_strconcat ("sip:", address, NULL);

          ctx->user = _ld_report_value (ctx, uri);
        }
    }
  for (guint i = 0; i < inputs->len && ctx->client == NULL; i++)
    {
      const LdInput *in = inputs->pdata[i];

      if (in->client != NULL)
        ctx->client = _ld_report_value (ctx, in->client);
    }
}

/* The first actions page 1 gives: of the errors, up to three; a warning's
 * only when no error has an action. */
static void
build_do_first (LdReportContext *ctx)
{
  ctx->do_first = g_ptr_array_new ();
  for (guint i = 0; i < ctx->groups->len && ctx->do_first->len < 3; i++)
    {
      LdReportGroup *g = ctx->groups->pdata[i];

      if (!_ld_report_group_is_problem (g) || g->top->actions == NULL || g->top->actions->len == 0)
        continue;
      if (ctx->do_first->len > 0 && g->top->severity != LD_SEVERITY_ERROR)
        break;
      g_ptr_array_add (ctx->do_first, g);
    }
}

void
_ld_report_model_build (LdReportContext *ctx)
{
  build_groups (ctx);
  build_do_first (ctx);
  build_symptoms (ctx);
  g_ptr_array_sort (ctx->symptoms, compare_symptoms);
  build_tallies (ctx);
  build_who (ctx);
}

void
_ld_report_model_clear (LdReportContext *ctx)
{
  g_clear_pointer (&ctx->do_first, g_ptr_array_unref);
  g_clear_pointer (&ctx->groups, g_ptr_array_unref);
  g_clear_pointer (&ctx->causes_of, g_hash_table_unref);
  g_clear_pointer (&ctx->symptoms, g_ptr_array_unref);
  g_clear_pointer (&ctx->tallies, g_array_unref);
  g_clear_pointer (&ctx->user, g_free);
  g_clear_pointer (&ctx->client, g_free);
}

/* ---- words the writers share --------------------------------------------- */

/* "application sharing in a meeting", "peer-to-peer audio call". */
char *
_ld_report_dup_what (const LdAttempt *attempt)
{
  LdReportTally t = { attempt->kind, attempt->modality, 0, { 0 } };

  return _ld_report_dup_tally_label (&t);
}

char *
_ld_report_dup_tally_label (const LdReportTally *tally)
{
  if (tally->kind == LD_ATTEMPT_CONFERENCE)
    {
      switch (tally->modality)
        {
        case LD_MODALITY_FOCUS: return g_strdup (_("meeting join"));
        case LD_MODALITY_CHAT: return g_strdup (_("meeting chat"));
        case LD_MODALITY_AUDIO_VIDEO: return g_strdup (_("meeting audio/video"));
        case LD_MODALITY_APPLICATION_SHARING: return g_strdup (_("meeting screen sharing"));
        default: break;
        }
    }
  else
    {
      switch (tally->modality)
        {
        case LD_MODALITY_AUDIO: return g_strdup (_("audio call"));
        case LD_MODALITY_VIDEO: return g_strdup (_("video call"));
        case LD_MODALITY_APPLICATION_SHARING: return g_strdup (_("desktop sharing"));
        case LD_MODALITY_CHAT: return g_strdup (_("instant messages"));
        case LD_MODALITY_DATA: return g_strdup (_("file transfer"));
        default: break;
        }
    }
  if (tally->kind != LD_ATTEMPT_CONFERENCE && tally->kind != LD_ATTEMPT_PEER_TO_PEER)
    return g_strdup (ld_attempt_kind_get_label (tally->kind));
  return g_strdup_printf ("%s %s", ld_attempt_kind_get_label (tally->kind), ld_modality_get_label (tally->modality));
}

/* From the INVITE to the final response or the end; none without a
 * response: "lasted 0 ms" would claim a measurement the log does not hold. */
char *
_ld_report_dup_duration (const LdAttempt *attempt)
{
  if (attempt->outcome == LD_OUTCOME_NO_RESPONSE || attempt->status <= 0 ||
      attempt->start < 0 || attempt->end < attempt->start)
    return NULL;
  return ld_format_duration (attempt->end - attempt->start);
}

char *
_ld_report_dup_ice_warn (const LdAttempt *attempt)
{
  const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (attempt);
  GString *ice = g_string_new (NULL);

  for (guint m = 0; d != NULL && m < d->media->len; m++)
    {
      const LdMediaDebug *md = d->media->pdata[m];

      if (md->has_ice_warn)
        g_string_append_printf (ice, "%s0x%x", ice->len ? " " : "", md->ice_warn);
    }
  return g_string_free (ice, FALSE);
}

/* "1, 3": the causes an attempt belongs to, by number. */
char *
_ld_report_dup_causes_cell (LdReportContext *ctx,
                            const LdAttempt *attempt)
{
  GArray *numbers = g_hash_table_lookup (ctx->causes_of, GUINT_TO_POINTER (attempt->id));
  GString *s = g_string_new (NULL);

  for (guint i = 0; numbers != NULL && i < numbers->len; i++)
    g_string_append_printf (s, "%s%u", s->len ? ", " : "", g_array_index (numbers, guint, i));
  return g_string_free (s, FALSE);
}

/* "1 of 3 attempts: meeting screen sharing 1" */
static int
compare_tally_failures (gconstpointer a,
                        gconstpointer b)
{
  const LdReportTally *x = *(const LdReportTally * const *) a;
  const LdReportTally *y = *(const LdReportTally * const *) b;
  guint fx = x->outcomes[LD_OUTCOME_FAILED] + x->outcomes[LD_OUTCOME_NO_RESPONSE];
  guint fy = y->outcomes[LD_OUTCOME_FAILED] + y->outcomes[LD_OUTCOME_NO_RESPONSE];

  return fx > fy ? -1 : fx < fy;
}

char *
_ld_report_dup_what_failed (LdReportContext *ctx)
{
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);
  GString *s = g_string_new (NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  gboolean first = TRUE;

  for (guint i = 0; i < ctx->tallies->len; i++)
    g_ptr_array_add (order, &g_array_index (ctx->tallies, LdReportTally, i));

  if (ctx->failed->len == 0)
    {
      g_string_printf (s, g_dngettext (GETTEXT_PACKAGE, "Nothing: the %u attempt worked or was ended by a person.",
                                       "Nothing: all %u attempts worked or were ended by a person.", attempts->len),
                       attempts->len);
      return g_string_free (s, FALSE);
    }
  g_string_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u of %u attempt: ", "%u of %u attempts: ", attempts->len),
                   ctx->failed->len, attempts->len);
  /* Most failures first. */
  g_ptr_array_sort (order, compare_tally_failures);
  for (guint i = 0; i < order->len; i++)
    {
      const LdReportTally *t = order->pdata[i];
      guint n = t->outcomes[LD_OUTCOME_FAILED] + t->outcomes[LD_OUTCOME_NO_RESPONSE];
      g_autofree char *label = NULL;

      if (n == 0)
        continue;
      label = _ld_report_dup_tally_label (t);
      g_string_append_printf (s, "%s%u %s", first ? "" : ", ", n, label);
      if (t->outcomes[LD_OUTCOME_NO_RESPONSE] > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " (%u without an answer)", " (%u without an answer)",
                                                t->outcomes[LD_OUTCOME_NO_RESPONSE]),
                                t->outcomes[LD_OUTCOME_NO_RESPONSE]);
      first = FALSE;
    }
  return g_string_free (s, FALSE);
}

/* When the failures happened: one time, or the first and the last. */
char *
_ld_report_dup_when (LdReportContext *ctx)
{
  gint64 first = G_MAXINT64, last = -1;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  for (guint i = 0; i < ctx->failed->len; i++)
    {
      const LdAttempt *att = ctx->failed->pdata[i];

      if (att->start < 0)
        continue;
      first = MIN (first, att->start);
      last = MAX (last, att->start);
    }
  if (last < 0)
    return NULL;
  a = ld_format_time (first);
  if (first == last)
    return g_strdup_printf (_("%s (log time)"), a);
  b = ld_format_time (last);
  if (strncmp (a, b, 10) == 0)
    return g_strdup_printf (_("%s – %s (log time)"), a, b + 11);
  return g_strdup_printf (_("%s – %s (log time)"), a, b);
}

/* The code cell of a failure: its diagnostic code, else its SIP status, else "—". */
char *
_ld_report_dup_failure_code (const LdAttempt *attempt)
{
  g_autofree char *code = _ld_report_dup_attempt_code (attempt);

  if (*code != '\0')
    return g_steal_pointer (&code);
  if (attempt->status > 0)
    return g_strdup_printf ("SIP %d", attempt->status);
  return g_strdup ("—");
}

static void
failure_row_free (gpointer data)
{
  LdReportFailureRow *row = data;

  g_array_unref (row->ids);
  g_free (row->what);
  g_free (row->code);
  g_free (row->ice);
  g_free (row->causes);
  g_free (row->party);
  g_free (row);
}

static guint
first_cause (const LdReportFailureRow *row)
{
  return g_ascii_isdigit (row->causes[0]) ? (guint) g_ascii_strtoull (row->causes, NULL, 10) : G_MAXUINT;
}

/* The rows of the first cause first, the biggest first within a cause. */
static int
compare_failure_rows (gconstpointer a,
                      gconstpointer b)
{
  const LdReportFailureRow *x = *(const LdReportFailureRow * const *) a;
  const LdReportFailureRow *y = *(const LdReportFailureRow * const *) b;
  guint cx = first_cause (x), cy = first_cause (y);

  if (cx != cy)
    return cx < cy ? -1 : 1;
  if (x->ids->len != y->ids->len)
    return x->ids->len > y->ids->len ? -1 : 1;
  return x->first->id < y->first->id ? -1 : x->first->id > y->first->id;
}

/**
 * _ld_report_dup_failure_rows:
 *
 * The failures in the compact table: one row for the failures alike in
 * what failed, the outcome, the code, ICEWarn and the causes, with their
 * count, first and last time, attempts and other party. Linear in the
 * failures.
 *
 * Returns: (transfer full) (element-type LdReportFailureRow)
 */
GPtrArray *
_ld_report_dup_failure_rows (LdReportContext *ctx)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (failure_row_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) parties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ctx->failed->len; i++)
    {
      const LdAttempt *a = ctx->failed->pdata[i];
      g_autofree char *what = _ld_report_dup_what (a);
      g_autofree char *code = _ld_report_dup_failure_code (a);
      g_autofree char *ice = _ld_report_dup_ice_warn (a);
      g_autofree char *causes = _ld_report_dup_causes_cell (ctx, a);
      g_autofree char *party_raw = _ld_report_value (ctx, a->remote_party ? a->remote_party : a->target);
      g_autofree char *address = ld_sip_uri_dup_address (party_raw);
      const char *party = address ? address : party_raw;
      g_autofree char *key = g_strdup_printf ("%s\x1f%d\x1f%s\x1f%s\x1f%s", what, a->outcome, code, ice, causes);
      g_autofree char *party_key = NULL;
      LdReportFailureRow *row = g_hash_table_lookup (by_key, key);

      if (row == NULL)
        {
          row = g_new0 (LdReportFailureRow, 1);
          row->ids = g_array_new (FALSE, FALSE, sizeof (guint));
          row->first = a;
          row->first_time = a->start;
          row->last_time = a->start;
          row->outcome = a->outcome;
          row->what = g_steal_pointer (&what);
          row->code = g_steal_pointer (&code);
          row->ice = *ice ? g_steal_pointer (&ice) : g_strdup ("—");
          row->causes = *causes ? g_steal_pointer (&causes) : g_strdup ("—");
          row->party = g_strdup (party);
          g_ptr_array_add (rows, row);
          g_hash_table_insert (by_key, g_steal_pointer (&key), row);
        }
      g_array_append_val (row->ids, a->id);
      if (a->id < row->first->id)
        row->first = a;
      if (a->start >= 0 && (row->first_time < 0 || a->start < row->first_time))
        row->first_time = a->start;
      row->last_time = MAX (row->last_time, a->start);
      /* Parties are counted per row: the row's address and the party. */
      party_key = g_strdup_printf ("%p\x1f%s", (void *) row, party ? party : "");
      if (g_hash_table_add (parties, g_steal_pointer (&party_key)))
        {
          row->n_parties++;
          if (row->n_parties > 1)
            g_clear_pointer (&row->party, g_free);
        }
    }
  for (guint i = 0; i < rows->len; i++)
    sort_unique (((LdReportFailureRow *) rows->pdata[i])->ids);
  g_ptr_array_sort (rows, compare_failure_rows);
  return rows;
}

/* The inputs that were not analysed, each a sentence that names it and
 * says why (the reader's own words, redacted like every log value): a
 * report that is silent about them could clear a log it never read. At
 * most @max; @out_more says how many more. */
GPtrArray *
_ld_report_dup_skipped (LdReportContext *ctx,
                        guint            max,
                        guint           *out_more)
{
  GPtrArray *skipped = ld_analysis_get_skipped (ctx->analysis);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < MIN (skipped->len, max); i++)
    {
      const LdSkippedInput *s = skipped->pdata[i];

      g_ptr_array_add (lines, _ld_report_value (ctx, s->reason));
    }
  *out_more = skipped->len - lines->len;
  return lines;
}

/* "3, 7, 12 and 40 others" */
char *
_ld_report_dup_attempt_list (GArray *ids,
                             guint   max)
{
  GString *s = g_string_new (NULL);
  guint n = MIN (ids->len, max);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%u", i ? ", " : "", g_array_index (ids, guint, i));
  if (ids->len > n)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u other", " and %u others", ids->len - n),
                            ids->len - n);
  return g_string_free (s, FALSE);
}

/* An error or a warning: a cause to act on, not a note. */
gboolean
_ld_report_group_is_problem (const LdReportGroup *group)
{
  return group->top->severity != LD_SEVERITY_INFO && !group->ruled_out;
}

/* The group whose section decodes @group's example. */
const LdReportGroup *
_ld_report_group_for_example (LdReportContext     *ctx,
                              const LdReportGroup *group)
{
  if (group->example_cause == 0 || group->example_cause > ctx->groups->len)
    return NULL;
  return ctx->groups->pdata[group->example_cause - 1];
}

static guint
count_quoted (const char      *line,
              const LdAttempt *example,
              gboolean        *at_start,
              gsize           *out_chars)
{
  guint n = 0;

  *out_chars = 0;

  *at_start = FALSE;
  for (guint d = 0; example->diagnostics != NULL && d < example->diagnostics->len; d++)
    {
      const LdDiagnostic *diag = example->diagnostics->pdata[d];

      /* A sentence quoting the example's reason retells the example. */
      if (diag->reason != NULL && strlen (diag->reason) >= 20 && strstr (line, diag->reason) != NULL)
        *at_start = TRUE;

      for (guint m = 0; m < diag->media->len; m++)
        {
          const LdMediaDebug *media = diag->media->pdata[m];

          for (guint i = 0; i < media->fields->len; i++)
            {
              const LdField *f = media->fields->pdata[i];
              g_autofree char *kv = g_strdup_printf ("%s=%s", f->key, f->value);
              const char *at = *f->value ? strstr (line, kv) : NULL;

              if (at == NULL)
                continue;
              n++;
              *out_chars += strlen (kv);
              if (at == line)
                *at_start = TRUE;
            }
        }
    }
  return n;
}

/* Does @line name the cause of a finding ranked before @group (another
 * cause than its own)? The rules write a rivalry into both findings. */
static gboolean
names_earlier_cause (LdReportContext     *ctx,
                     const LdReportGroup *group,
                     const char          *line)
{
  for (guint i = 0; i + 1 < group->number && i < ctx->groups->len; i++)
    {
      const LdReportGroup *earlier = ctx->groups->pdata[i];
      const LdCause *cause = earlier->top->cause ? ld_cause_lookup (earlier->top->cause) : NULL;

      if (cause == NULL || cause->title == NULL || g_strcmp0 (earlier->top->cause, group->top->cause) == 0)
        continue;
      if (strstr (line, _(cause->title)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/**
 * _ld_report_dup_explanation:
 * @out_trimmed: (out): set when lines were left out because the example
 *   decodes the same values
 *
 * A finding's explanation without its decode of the example's media:
 * the rules write the decode into every finding (the ICEWarn bits, the
 * locations, the relays), and the example decodes it once for all of
 * them. A line goes when it quotes the example's reason, when it is a list
 * of the example's "Key=Value" media fields (two or more, a fifth of the
 * line or more), starts with one, or quotes one over indented rows (the
 * decoded bits), and so do those rows; the explanation's own sentences stay, even
 * when they quote one value in passing.
 *
 * Returns: (transfer full): the explanation, through _ld_report_value().
 */
char *
_ld_report_dup_explanation (LdReportContext     *ctx,
                            const LdReportGroup *group,
                            gboolean            *out_trimmed)
{
  const LdFinding *f = group->top;
  guint own = f->evidence && f->evidence->len ? g_array_index (f->evidence, LdEvidence, 0).attempt : 0;
  g_autofree char *detail = NULL;
  g_auto(GStrv) lines = NULL;
  GString *out;
  gboolean dropping = FALSE;

  *out_trimmed = FALSE;
  if (f->detail == NULL)
    return g_strdup ("");
  detail = _ld_report_prose (ctx, f->detail);

  lines = g_strsplit (detail, "\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean indented = lines[i][0] == ' ' || lines[i][0] == '\t';
      gboolean at_start = FALSE;
      gsize kv_chars = 0;
      guint n;

      if (indented && dropping)
        continue;
      dropping = FALSE;
      /* Two rival causes each explain their rivalry: it is told under the
       * likelier, earlier one, and left out here. */
      if (!indented && names_earlier_cause (ctx, group, lines[i]))
        {
          *out_trimmed = TRUE;
          continue;
        }
      if (group->example == NULL || own != group->example->id)
        {
          g_string_append_printf (out, "%s%s", out->len ? "\n" : "", lines[i]);
          continue;
        }
      n = indented ? 0 : count_quoted (lines[i], group->example, &at_start, &kv_chars);
      /* A list of values ("Media relays: LocalMR=…, RemoteMR=…"), not a
       * sentence that names two of them; or "…ICEWarn=0x4000320 =
       * 0x4000000 + 0x200:" over its indented bits. */
      if ((n >= 2 && kv_chars * 5 >= strlen (lines[i])) || at_start ||
          (n >= 1 && lines[i + 1] != NULL && (lines[i + 1][0] == ' ' || lines[i + 1][0] == '\t')))
        {
          dropping = TRUE;
          *out_trimmed = TRUE;
          continue;
        }
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", lines[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
stands_for (const LdReportGroup *g,
            const LdReportCause *cause)
{
  return cause->id != NULL && (g_strcmp0 (g->top->cause, cause->id) == 0 || g_strcmp0 (g->top->id, cause->id) == 0);
}

/* The first finding that stands for one of the wizard's causes, if any. */
const LdReportGroup *
_ld_report_group_for_cause (LdReportContext     *ctx,
                            const LdReportCause *cause)
{
  for (guint i = 0; i < ctx->groups->len; i++)
    if (stands_for (ctx->groups->pdata[i], cause))
      return ctx->groups->pdata[i];
  return NULL;
}

/* Why the wizard decided a cause as it did: the findings it rests on are
 * referred to by number, not told again. Returns: (transfer full):
 * through _ld_report_value(). */
char *
_ld_report_dup_cause_why (LdReportContext     *ctx,
                          const LdReportCause *cause)
{
  g_autoptr(GString) numbers = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; cause->status == LD_REPORT_CAUSE_SUPPORTED && i < ctx->groups->len; i++)
    if (stands_for (ctx->groups->pdata[i], cause))
      {
        g_string_append_printf (numbers, "%s%u", n++ ? ", " : "",
                                ((const LdReportGroup *) ctx->groups->pdata[i])->number);
      }
  if (n > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Finding %s stands for it.", "Findings %s stand for it.", n),
                            numbers->str);
  return _ld_report_prose (ctx, cause->reason ? cause->reason : cause->text ? cause->text : "");
}

/* The request that opened @attempt, as written ("INVITE", "REGISTER"),
 * or "request" when the log does not hold it. */
const char *
_ld_report_opening_method (const LdAttempt *attempt)
{
  const LdSipMessage *m = attempt->invite;

  if (m != NULL && m->is_request && m->method != NULL && *m->method != '\0' && strlen (m->method) < 32)
    return m->method;
  return _("request");
}
