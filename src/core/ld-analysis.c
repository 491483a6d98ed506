/* ld-analysis.c - one analysis of one or more inputs: its lifecycle and what it answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-parallel.h"
#include "ld-error.h"
#include "ld-input-private.h"
#include "ld-redact.h"

G_DEFINE_FINAL_TYPE (LdAnalysis, ld_analysis, G_TYPE_OBJECT)

G_DEFINE_QUARK (ld-error-quark, ld_error)

static void
ld_input_free (gpointer data)
{
  LdInput *input = data;

  g_free (input->path);
  g_free (input->member);
  g_free (input->client);
  g_free (input->user_agent);
  g_free (input->user);
  g_ptr_array_unref (input->problems);
  g_free (input);
}

static void
ld_trace_event_free (gpointer data)
{
  LdTraceEvent *ev = data;

  g_free (ev->level);
  g_free (ev->text);
  g_free (ev);
}

static void
ld_attempt_free (gpointer data)
{
  LdAttempt *a = data;

  /* Its strings are its messages' or in the analysis's string chunk. */
  g_ptr_array_unref (a->messages);
  g_ptr_array_unref (a->diagnostics);
  g_ptr_array_unref (a->findings);
  g_free (a);
}

static void
ld_analysis_finalize (GObject *object)
{
  LdAnalysis *self = LD_ANALYSIS (object);

  /* Attempts and findings borrow messages: free them first. */
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->attempts, g_ptr_array_unref);
  /* After the attempts, whose diagnostics share them. */
  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  _ld_fingerprint_set_clear (&self->seen);
  _ld_exchanges_clear (self);
  g_clear_pointer (&self->dialog_messages, g_ptr_array_unref);
  g_clear_pointer (&self->recovered, g_ptr_array_unref);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_pointer (&self->noise, g_free);
  g_clear_pointer (&self->trace, g_ptr_array_unref);
  g_clear_pointer (&self->cut, ld_cut_record_free);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->early_texts, ld_message_texts_free);
  g_clear_pointer (&self->early_set, _ld_string_set_free);
  g_clear_pointer (&self->early_strings, g_string_chunk_free);
  for (guint i = 0; i < self->n_deferred_strings; i++)
    if (self->deferred_strings[i] != NULL)
      g_string_chunk_free (self->deferred_strings[i]);
  g_free (self->deferred_strings);
  g_clear_pointer (&self->texts, _ld_text_store_free);
  _ld_message_texts_clear (self);
  g_mutex_clear (&self->messages_lock);
  g_mutex_clear (&self->messages_gate);
  g_clear_pointer (&self->early, g_ptr_array_unref);
  g_mutex_clear (&self->early_lock);
  g_clear_pointer (&self->input_state, _ld_input_state_free);
  g_clear_pointer (&self->redactor, ld_redactor_free);

  G_OBJECT_CLASS (ld_analysis_parent_class)->finalize (object);
}

static void
ld_analysis_class_init (LdAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ld_analysis_finalize;
}

static void
ld_analysis_init (LdAnalysis *self)
{
  self->inputs = g_ptr_array_new_with_free_func (ld_input_free);
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_sip_message_free);
  self->attempts = g_ptr_array_new_with_free_func (ld_attempt_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);
  self->trace = g_ptr_array_new_with_free_func (ld_trace_event_free);
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_diagnostic_free);
  self->strings = g_string_chunk_new (64 * 1024);
  self->texts = _ld_text_store_new ();
  self->offered_fd = -1;
  self->file_texts_enabled = TRUE;
  self->pipeline_min_bytes = LD_PIPELINE_MIN_BYTES;
  g_mutex_init (&self->messages_lock);
  g_mutex_init (&self->messages_gate);
  g_mutex_init (&self->early_lock);
  self->early = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
  self->input_state = _ld_input_state_new ();
}

/**
 * ld_analysis_new:
 * @flags: what to keep
 *
 * Returns: (transfer full): a new, empty analysis
 */
LdAnalysis *
ld_analysis_new (LdAnalysisFlags flags)
{
  LdAnalysis *self = g_object_new (LD_TYPE_ANALYSIS, NULL);

  self->flags = flags;
  /* With every message kept, the dialogs are a small part of them; the
   * others' text goes into the text store (see defer_record()) and their
   * fields into the string chunk: large blocks. (Without, the text store
   * holds the call messages' structs: see on_record().) */
  if ((flags & LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES) != 0)
    {
      self->dialog_messages = g_ptr_array_new ();
      self->recovered = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_sip_message_free);
      g_string_chunk_free (self->strings);
      self->strings = g_string_chunk_new (1024 * 1024);
    }
  return self;
}

void
ld_analysis_set_progress_func (LdAnalysis     *self,
                               LdProgressFunc  func,
                               gpointer        user_data)
{
  self->progress_func = func;
  self->progress_data = user_data;
}

/**
 * ld_analysis_finish_attempts:
 * @self: an analysis
 *
 * Builds dialogs, attempts and findings from everything read so far.
 * Call once, after the last input. With
 * %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES the messages outside the call
 * dialogs are not parsed yet: ld_analysis_finish_messages() does that, on
 * any thread, while another shows the attempts (LdLoader does so).
 */
void
ld_analysis_finish_attempts (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (!self->finished);

  /* A message the last input ended in, no next file continuing it. */
  _ld_analysis_flush_cut (self);
  self->finished = TRUE;
  /* Unanswered requests held back are parsed for their attempts; the
   * Call-IDs go (tens of thousands in a large log). */
  _ld_exchanges_end_reading (self);
  /* The attempts' messages in one timeline: see complete_messages(). */
  if (self->inputs->len > 1)
    g_ptr_array_sort (self->dialog_messages != NULL ? self->dialog_messages : self->messages, _ld_message_compare);
  /* What only reading needed goes before the attempts and findings are
   * made. */
  _ld_fingerprint_set_clear (&self->seen);
  _ld_attempts_build (self);
  /* From here the attempts are the early ones (a large log's early list
   * took some megabytes). */
  g_mutex_lock (&self->early_lock);
  g_clear_pointer (&self->early, g_ptr_array_unref);
  g_mutex_unlock (&self->early_lock);
  ld_findings_run (self, self->findings);
  _ld_attempts_note_evidence_sides (self);
  if (self->trace_dropped > 0 && self->inputs->len > 0)
    {
      LdInput *input = g_ptr_array_index (self->inputs, 0);
      g_ptr_array_add (input->problems,
                       g_strdup_printf (_("More than %u notable trace lines; the last %u were not examined."),
                                        LD_MAX_TRACE_EVENTS, self->trace_dropped));
    }
  /* Without the browser the messages kept are the dialogs': done. With
   * it, ld_analysis_finish_messages() parses the others. */
  if (self->dialog_messages == NULL)
    g_atomic_int_set (&self->messages_done, TRUE);
}

/**
 * ld_analysis_finish_messages:
 * @self: an analysis, after ld_analysis_finish_attempts()
 *
 * Parses the messages kept as text while reading and puts every message
 * of every input in one timeline (with
 * %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES; without it, there is nothing left
 * to do). Any thread may call it, more than once: the first call does the
 * work (shared over the pool, ld-parallel.c), the others wait for it and
 * return when it is done. ld_analysis_get_messages() and
 * ld_analysis_get_noise_flags() call it; until it has returned, nothing
 * else of @self reads the messages, so the attempts and findings can be
 * shown meanwhile.
 */
void
ld_analysis_finish_messages (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (self->finished);

  if (g_atomic_int_get (&self->messages_done))
    return;
  /* Whoever waits for the messages has them parsed with every processor. */
  _ld_analysis_widen_messages (self);
  _ld_analysis_parse_messages (self);
}

/* ld_analysis_finish_messages() for the loader, which may have narrowed
 * the parse: it stays so until widened. */
void
_ld_analysis_parse_messages (LdAnalysis *self)
{
  if (g_atomic_int_get (&self->messages_done))
    return;
  g_mutex_lock (&self->messages_lock);
  if (!g_atomic_int_get (&self->messages_done))
    {
      _ld_analysis_complete_messages (self);
      g_atomic_int_set (&self->messages_done, TRUE);
    }
  g_mutex_unlock (&self->messages_lock);
}

/* The messages' parse, when it begins, keeps to the thread that runs it
 * until _ld_analysis_widen_messages(): a window drawing the attempts
 * meanwhile keeps the other processors (ld-loader.c). */
void
_ld_analysis_narrow_messages (LdAnalysis *self)
{
  g_mutex_lock (&self->messages_gate);
  self->messages_narrow = self->messages_step == NULL;
  g_mutex_unlock (&self->messages_gate);
}

/* The messages' parse shares its pieces with the pool, at once if it is
 * running. Any thread may call it, any number of times. */
void
_ld_analysis_widen_messages (LdAnalysis *self)
{
  g_mutex_lock (&self->messages_gate);
  self->messages_narrow = FALSE;
  if (self->messages_step != NULL)
    _ld_parallel_step_widen (self->messages_step);
  g_mutex_unlock (&self->messages_gate);
}

/**
 * ld_analysis_has_messages:
 * @self: an analysis
 *
 * Returns: whether ld_analysis_finish_messages() is done, so that
 *   ld_analysis_get_messages() returns at once
 */
gboolean
ld_analysis_has_messages (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), FALSE);

  return g_atomic_int_get (&self->messages_done);
}

/**
 * ld_analysis_finish:
 * @self: an analysis
 *
 * ld_analysis_finish_attempts(), then ld_analysis_finish_messages().
 * Call once, after the last input.
 */
void
ld_analysis_finish (LdAnalysis *self)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (!self->finished);

  ld_analysis_finish_attempts (self);
  ld_analysis_finish_messages (self);
}

/**
 * ld_early_attempt_free:
 * @early: (nullable): an early attempt
 */
void
ld_early_attempt_free (LdEarlyAttempt *early)
{
  if (early == NULL)
    return;
  g_free (early->target);
  g_free (early);
}

/**
 * ld_analysis_dup_early_attempts:
 * @self: an analysis, possibly being read by another thread
 *
 * The attempts whose opening message has been read so far (a call's or
 * join's INVITE; a sign-in, subscription or SERVICE once it failed), in
 * reading order, without outcome: they let a window show progress while a
 * large log loads (with %LD_ANALYSIS_FLAGS_EARLY_ATTEMPTS; without it,
 * none until the attempts are made). Safe to call from any thread while
 * ld_analysis_add_file() runs in another. The attempts of
 * ld_analysis_finish() remain the source of truth: once they are made,
 * this returns them (as early attempts), and the ones kept while reading
 * are dropped.
 *
 * Returns: (transfer full) (element-type LdEarlyAttempt): a copy, free
 *   with g_ptr_array_unref()
 */
GPtrArray *
ld_analysis_dup_early_attempts (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);

  return ld_analysis_dup_early_attempts_from (self, 0);
}

/**
 * ld_analysis_dup_early_attempts_from:
 * @self: an analysis, possibly being read by another thread
 * @first: how many early attempts the caller has from earlier calls
 *
 * As ld_analysis_dup_early_attempts(), only those from position @first
 * on: a window that keeps what it was given copies only what is new,
 * rather than every attempt again at each refresh (tens of thousands on
 * a large log, under the lock the reading thread waits for).
 *
 * Returns: (transfer full) (nullable) (element-type LdEarlyAttempt): a
 *   copy, free with g_ptr_array_unref(); %NULL when @first is above 0 and
 *   the attempts were made since: they replaced the early ones, which the
 *   caller's list no longer continues
 */
GPtrArray *
ld_analysis_dup_early_attempts_from (LdAnalysis *self,
                                     guint       first)
{
  GPtrArray *copy;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);

  g_mutex_lock (&self->early_lock);
  if (self->early == NULL && first > 0)
    copy = NULL;
  else if (self->early == NULL)
    {
      copy = g_ptr_array_new_full (self->attempts->len, (GDestroyNotify) ld_early_attempt_free);
      for (guint i = 0; i < self->attempts->len; i++)
        {
          const LdAttempt *a = g_ptr_array_index (self->attempts, i);
          LdEarlyAttempt *c = g_new0 (LdEarlyAttempt, 1);

          c->kind = a->kind;
          c->modality = a->modality;
          c->incoming = a->incoming;
          c->start = a->start;
          c->target = g_strdup (a->target);
          g_ptr_array_add (copy, c);
        }
    }
  else
    {
      guint from = MIN (first, self->early->len);

      copy = g_ptr_array_new_full (self->early->len - from, (GDestroyNotify) ld_early_attempt_free);
      for (guint i = from; i < self->early->len; i++)
        {
          const LdEarlyAttempt *e = g_ptr_array_index (self->early, i);
          LdEarlyAttempt *c = g_memdup2 (e, sizeof *e);

          c->target = g_strdup (e->target);
          g_ptr_array_add (copy, c);
        }
    }
  g_mutex_unlock (&self->early_lock);
  return copy;
}

/**
 * ld_analysis_get_n_early_attempts:
 * @self: an analysis, possibly being read by another thread
 *
 * Returns: how many early attempts ld_analysis_dup_early_attempts() would
 *   return now; cheap, for deciding whether a copy is worth making
 */
guint
ld_analysis_get_n_early_attempts (LdAnalysis *self)
{
  guint n;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), 0);

  g_mutex_lock (&self->early_lock);
  n = self->early != NULL ? self->early->len : self->attempts->len;
  g_mutex_unlock (&self->early_lock);
  return n;
}

/**
 * ld_analysis_dup_users:
 * @self: an analysis
 *
 * Whose logs these are: several users' logs opened together (an admin's
 * folder of MOSDAL reports) are analysed per user, and a view groups
 * attempts by LdAttempt.user.
 *
 * Returns: (transfer full) (element-type utf8): the signed-in users of the
 *   inputs ("sip:user@domain"), each once, in the order of the inputs;
 *   inputs whose user is unknown are not in it
 */
GPtrArray *
ld_analysis_dup_users (LdAnalysis *self)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LD_IS_ANALYSIS (self), users);

  for (guint i = 0; i < self->inputs->len; i++)
    {
      const LdInput *in = g_ptr_array_index (self->inputs, i);
      gboolean known = FALSE;

      if (in->user == NULL)
        continue;
      for (guint j = 0; j < users->len && !known; j++)
        known = g_strcmp0 (g_ptr_array_index (users, j), in->user) == 0;
      if (!known)
        g_ptr_array_add (users, g_strdup (in->user));
    }
  return users;
}

/**
 * ld_analysis_get_n_users:
 * @self: an analysis
 *
 * Returns: how many users ld_analysis_dup_users() would name
 */
guint
ld_analysis_get_n_users (LdAnalysis *self)
{
  g_autoptr(GPtrArray) users = ld_analysis_dup_users (self);

  return users->len;
}

GPtrArray *ld_analysis_get_inputs (LdAnalysis *self) { return self->inputs; }
GPtrArray *ld_analysis_get_attempts (LdAnalysis *self) { return self->attempts; }
GPtrArray *ld_analysis_get_findings (LdAnalysis *self) { return self->findings; }
GPtrArray *ld_analysis_get_trace_events (LdAnalysis *self) { return self->trace; }

/**
 * ld_analysis_get_messages:
 *
 * Once the analysis is finished, waits for ld_analysis_finish_messages().
 *
 * Returns: (transfer none) (element-type LdSipMessage): the messages kept:
 *   every one with %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, else those of the
 *   call dialogs; in time order once finished
 */
GPtrArray *
ld_analysis_get_messages (LdAnalysis *self)
{
  if (self->finished)
    ld_analysis_finish_messages (self);
  return self->messages;
}

/* The messages of the call dialogs, all the rules read: ready once the
 * attempts are, unlike the browser's. */
GPtrArray *
_ld_analysis_get_dialog_messages (LdAnalysis *self)
{
  return self->dialog_messages != NULL ? self->dialog_messages : self->messages;
}

/**
 * ld_analysis_get_noise_flags:
 *
 * Waits for ld_analysis_finish_messages(), as ld_analysis_get_messages().
 *
 * Returns: (nullable): one byte per message of ld_analysis_get_messages(),
 *   nonzero where ld_sip_message_is_noise() is; %NULL before
 *   ld_analysis_finish() or without %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES
 */
const guint8 *
ld_analysis_get_noise_flags (LdAnalysis *self)
{
  if (self->finished)
    ld_analysis_finish_messages (self);
  return self->noise;
}

/**
 * ld_analysis_get_messages_span:
 * @first: (out): the time of the earliest message of
 *   ld_analysis_get_messages() (as #LdSipMessage's time)
 * @last: (out): the time of the latest
 *
 * Waits for ld_analysis_finish_messages(), as ld_analysis_get_messages().
 * With the message browser's messages, the span was worked out as they
 * were parsed; otherwise they are looked at now.
 *
 * Returns: %FALSE when no message has a time
 */
gboolean
ld_analysis_get_messages_span (LdAnalysis *self,
                               gint64     *first,
                               gint64     *last)
{
  GPtrArray *messages = ld_analysis_get_messages (self);

  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  if (self->noise != NULL)
    {
      *first = self->messages_first;
      *last = self->messages_last;
    }
  else
    {
      *first = G_MAXINT64;
      *last = G_MININT64;
      for (guint i = 0; i < messages->len; i++)
        {
          gint64 t = ((const LdSipMessage *) g_ptr_array_index (messages, i))->time;

          if (t >= 0)
            {
              *first = MIN (*first, t);
              *last = MAX (*last, t);
            }
        }
    }
  return *first <= *last;
}
guint64 ld_analysis_get_total_sip_messages (LdAnalysis *self) { return self->total_sip; }

/**
 * ld_analysis_is_empty:
 * @self: an analysis
 *
 * Returns: %TRUE when no input with SIP messages was read and nothing was
 *   found: nothing to analyse
 */
gboolean
ld_analysis_is_empty (LdAnalysis *self)
{
  /* A server trace whose diagnostic records are all it holds, or a client
   * log whose trace lines alone show a failure, has something to say. */
  return self->total_sip == 0 && (self->findings == NULL || self->findings->len == 0);
}

LdAttempt *
ld_analysis_get_attempt_by_id (LdAnalysis *self,
                               guint       id)
{
  if (id == 0 || id > self->attempts->len)
    return NULL;
  return g_ptr_array_index (self->attempts, id - 1);
}


/* The diagnostic that best explains an attempt: one that reports a
 * failure where it stands first (client codes describe the media path,
 * server codes the signalling), then any. */
const LdDiagnostic *
ld_attempt_get_primary_diagnostic (const LdAttempt *attempt)
{
  const LdDiagnostic *first = NULL;

  for (guint i = 0; i < attempt->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (attempt->diagnostics, i);

      if (ld_attempt_diagnostic_is_failure (attempt, d))
        return d;
      if (first == NULL)
        first = d;
    }
  return first;
}
