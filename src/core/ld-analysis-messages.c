/* ld-analysis-messages.c - the message browser's messages: parsed after the attempts, in one timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-parallel.h"

int
_ld_message_compare (gconstpointer pa,
                  gconstpointer pb)
{
  const LdSipMessage *a = *(const LdSipMessage **) pa;
  const LdSipMessage *b = *(const LdSipMessage **) pb;

  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  if (a->input != b->input)
    return a->input < b->input ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* A field of @parsed that points into @text, which does not outlive the
 * parse (a text read again from its file), is copied into @strings. */
static void
own_fields (LdSipMessage *parsed,
            const char   *text,
            gsize         len,
            GStringChunk *strings)
{
  char **fields[] = { &parsed->method, &parsed->request_uri, &parsed->reason, &parsed->call_id,
                      &parsed->from, &parsed->to, &parsed->from_tag, &parsed->to_tag };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i] != NULL && *fields[i] >= text && *fields[i] <= text + len)
      *fields[i] = g_string_chunk_insert_const (strings, *fields[i]);
}

/* Parses a message defer_record() kept as text, or left in its file
 * (@texts reads it), its values stored once in @set (@strings' own table
 * is left for the rare message only the full parser reads). The peek that
 * kept it checked its start line as the parsers do, so it parses, to the
 * length the peek found (the fuzzer asserts both). */
static gboolean
parse_deferred_message (LdSipMessage   *msg,
                        LdMessageTexts *texts,
                        LdStringSet    *set,
                        GStringChunk   *strings,
                        gboolean        last_chance)
{
  gboolean in_file = _ld_message_text_is_in_file (msg);
  const char *text = in_file ? ld_message_texts_get (texts, msg, NULL, NULL) : msg->raw;
  LdSipMessage stack;
  LdSipMessage *parsed = NULL;
  g_autoptr(LdSipMessage) full = NULL;

  /* While reading, a text not read back is left for the parse after. */
  if (text == NULL && !last_chance)
    return FALSE;
  if (text != NULL && _ld_sip_message_parse_deferred (text, msg->consumed, in_file, set, &stack))
    parsed = &stack;
  else if (text != NULL)
    {
      /* What only the full parser reads (a folded field). */
      full = _ld_sip_message_parse_valid (text, msg->consumed, NULL);
      if (full != NULL)
        {
          ld_sip_message_strip (full, strings);
          if (in_file)
            own_fields (full, text, msg->consumed, strings);
        }
      parsed = full;
    }
  if (G_UNLIKELY (parsed == NULL))
    {
      /* Cannot be (see above), unless the file changed on disk since it
       * was read (the raw view says so); the message is listed by its
       * text alone rather than lost. */
      msg->method = (char *) "";
      msg->deferred = FALSE;
      return TRUE;
    }
  /* The list's verdict reads a stripped message's diagnostic headers from
   * msg->raw (ld_sip_message_get_diagnostics_verdict()): one the peek did
   * not see keeps its text after all. */
  if (in_file && parsed->diag_count > 0)
    msg->raw = g_string_chunk_insert_len (strings, text, msg->consumed);
  /* Where it came from stays; what it is comes from the parse. */
  msg->is_request = parsed->is_request;
  msg->status = parsed->status;
  msg->method = parsed->method;
  msg->request_uri = parsed->request_uri;
  msg->reason = parsed->reason;
  msg->call_id = parsed->call_id;
  msg->from = parsed->from;
  msg->to = parsed->to;
  msg->from_tag = parsed->from_tag;
  msg->to_tag = parsed->to_tag;
  msg->cseq = parsed->cseq;
  msg->diag_count = parsed->diag_count;
  msg->deferred = FALSE;
  return TRUE;
}

/* The messages are finished in pieces of this many, each piece's fields in
 * a string chunk of its own, shared over the pool (ld-parallel.c). */
#define MESSAGES_PIECE 4096

static void
finish_messages_piece (guint    index,
                       gpointer data)
{
  LdAnalysis *self = data;
  guint first = index * MESSAGES_PIECE;
  guint end = MIN (first + MESSAGES_PIECE, self->messages->len);
  GStringChunk *strings = NULL;
  g_autoptr(LdStringSet) set = NULL;
  g_autoptr(LdMessageTexts) texts = ld_message_texts_new (self);
  gint64 span_first = G_MAXINT64, span_last = G_MININT64;

  _ld_message_texts_plan (texts, (LdSipMessage *const *) self->messages->pdata + first, end - first);

  for (guint i = first; i < end; i++)
    {
      LdSipMessage *msg = g_ptr_array_index (self->messages, i);

      if (msg->deferred)
        {
          if (strings == NULL)
            {
              strings = g_string_chunk_new (256 * 1024);
              set = _ld_string_set_new (strings);
            }
          parse_deferred_message (msg, texts, set, strings, TRUE);
        }
      /* Here, not in the window: the message browser hides these by
       * default, and testing hundreds of thousands of messages scattered in
       * memory would hold it up for a visible moment. So is their span of
       * time, which tells it whether to show their dates. */
      self->noise[i] = ld_sip_message_is_noise (msg);
      if (msg->time >= 0)
        {
          span_first = MIN (span_first, msg->time);
          span_last = MAX (span_last, msg->time);
        }
    }
  self->deferred_strings[index] = strings;
  self->piece_span[2 * index] = span_first;
  self->piece_span[2 * index + 1] = span_last;
}

/* Messages parsed at a time while reading: a fraction of a millisecond. */
#define EARLY_STEP 256

/**
 * _ld_analysis_parse_kept:
 * @data: an analysis reading with the message browser
 *
 * An LdQueueIdleFunc for the analysing thread (ld-record-queue.c), which
 * alone adds messages: parses the next few of those kept as text so far,
 * so that fewer are left for ld_analysis_finish_messages(), which the
 * window waits for. With the browser the analysing thread is the busier
 * of the two, so this is what it does in the gaps: 60,000-90,000 of the
 * 456,000 messages of the 500 MB typical log, hardly any of the
 * conference-heavy one, whose analysing thread has none.
 *
 * Returns: %FALSE when every message so far is parsed
 */
gboolean
_ld_analysis_parse_kept (gpointer data)
{
  LdAnalysis *self = data;
  guint first = self->early_parsed;
  guint end = MIN (first + EARLY_STEP, self->messages->len);

  if (first >= end)
    return FALSE;
  if (self->early_texts == NULL)
    {
      self->early_texts = ld_message_texts_new (self);
      self->early_strings = g_string_chunk_new (1024 * 1024);
      self->early_set = _ld_string_set_new (self->early_strings);
    }
  _ld_message_texts_plan (self->early_texts, (LdSipMessage *const *) self->messages->pdata + first, end - first);
  for (guint i = first; i < end; i++)
    {
      LdSipMessage *msg = g_ptr_array_index (self->messages, i);

      if (msg->deferred)
        parse_deferred_message (msg, self->early_texts, self->early_set, self->early_strings, FALSE);
    }
  self->early_parsed = end;
  return TRUE;
}

/* With the message browser: the messages in one timeline, each parsed. */
void
_ld_analysis_complete_messages (LdAnalysis *self)
{
  guint n_pieces = (self->messages->len + MESSAGES_PIECE - 1) / MESSAGES_PIECE;
  LdParallelStep *step;

  /* What parsed messages while reading is done. */
  g_clear_pointer (&self->early_texts, ld_message_texts_free);
  g_clear_pointer (&self->early_set, _ld_string_set_free);

  /* Several inputs (rotated files, both parties' logs) form one timeline;
   * the sort is stable for messages with the same time stamp. */
  if (self->inputs->len > 1)
    g_ptr_array_sort (self->messages, _ld_message_compare);
  self->noise = g_new (guint8, MAX (self->messages->len, 1));
  self->piece_span = g_new (gint64, 2 * MAX (n_pieces, 1));
  self->deferred_strings = g_new0 (GStringChunk *, MAX (n_pieces, 1));
  self->n_deferred_strings = n_pieces;

  /* Narrowed, the parse keeps to this thread until it is widened (see
   * _ld_analysis_narrow_messages()). */
  step = _ld_parallel_step_new (n_pieces, 1, finish_messages_piece, self);
  g_mutex_lock (&self->messages_gate);
  if (!self->messages_narrow)
    _ld_parallel_step_widen (step);
  self->messages_step = step;
  g_mutex_unlock (&self->messages_gate);
  _ld_parallel_step_run (step);
  g_mutex_lock (&self->messages_gate);
  self->messages_step = NULL;
  g_mutex_unlock (&self->messages_gate);
  _ld_parallel_step_unref (step);

  self->messages_first = G_MAXINT64;
  self->messages_last = G_MININT64;
  for (guint i = 0; i < n_pieces; i++)
    {
      self->messages_first = MIN (self->messages_first, self->piece_span[2 * i]);
      self->messages_last = MAX (self->messages_last, self->piece_span[2 * i + 1]);
    }
  g_clear_pointer (&self->piece_span, g_free);
}
