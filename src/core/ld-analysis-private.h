/* ld-analysis-private.h - what the files of the analysis share: its state and their internals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"
#include "ld-record-queue.h"
#include "ld-text-store.h"

G_BEGIN_DECLS

typedef struct _LdInputState LdInputState;   /* ld-input-private.h */

/* Past this much of one input, records are analysed in a second thread
 * while the next are read (ld-record-queue.c); below it a thread is not
 * worth starting. */
#define LD_PIPELINE_MIN_BYTES (8 * 1024 * 1024)

/* The fingerprints of the messages of earlier inputs (see fingerprint()
 * and begin_input()): open addressing over the values themselves, which
 * are well mixed already, so nothing points into the messages. */
typedef struct
{
  guint64  *slots;     /* 0: free */
  gsize     mask;      /* slots - 1, a power of two less one */
  gsize     n;
  gboolean  has_zero;  /* 0 itself, which marks a free slot */
} FingerprintSet;

struct _LdAnalysis
{
  GObject          parent_instance;

  LdAnalysisFlags  flags;
  LdProgressFunc   progress_func;
  gpointer         progress_data;
  guint64          progress_done;
  guint64          progress_total;
  guint64          pipeline_min_bytes;

  GPtrArray       *inputs;        /* LdInput */
  GPtrArray       *messages;      /* LdSipMessage, kept ones, in reading order */
  GPtrArray       *dialog_messages; /* those of INVITE dialogs (not stripped), same order;
                                     * NULL when only those are kept */
  guint8          *noise;         /* per message: presence and keep-alive (browser only) */
  GPtrArray       *attempts;      /* LdAttempt */
  GPtrArray       *findings;      /* LdFinding */
  GPtrArray       *trace;         /* LdTraceEvent */
  FingerprintSet   seen;          /* of the messages of earlier inputs */
  guint            seen_upto;     /* messages noted in it */
  GHashTable      *call_ids;      /* call-ids of INVITE dialogs (CLI keeps only those) */
  guint64          total_sip;
  guint            trace_dropped;
  gboolean         finished;
  GStringChunk    *strings;       /* their fields (reading thread only) */
  LdTextStore     *texts;         /* deferred messages' text (with the browser) */
  char            *last_remote;   /* in strings: see intern_endpoint() */
  char            *last_local;
  /* Messages kept as text only while reading (see defer_record()),
   * parsed by ld_analysis_finish_messages() */
  GStringChunk   **deferred_strings; /* their fields, one chunk a piece */
  guint            n_deferred_strings;
  GThread         *completer;     /* parsing them, from ld_analysis_finish_attempts() */
  GMutex           messages_lock; /* held while it is waited for */
  int              messages_done; /* atomic */

  /* Attempts as their INVITEs are read, for a window showing progress:
   * appended by the reading thread, copied by any other under the lock. */
  GMutex           early_lock;
  GPtrArray       *early;         /* LdEarlyAttempt */
  GHashTable      *early_calls;   /* call-ids with an early attempt (reading thread only) */

  LdInputState    *input_state;   /* what was named and skipped (ld-input.c) */
  /* The message the last input ended in (a log rotated while it was
   * written), for the next input to join (ld-analysis-read.c). */
  LdCutRecord     *cut;
  guint            cut_input;
  /* Redaction (ld-redact-*.c): every record, trace line and input name is
   * rewritten by the redactor before it is read; owned. */
  struct _LdRedactor *redactor;

  /* While reading one input */
  LdInput         *cur;
  guint            cur_index;
  guint            cur_messages;
};

/* ld-analysis-read.c */
void     _ld_fingerprint_set_clear       (FingerprintSet *set);
void     _ld_analysis_flush_cut          (LdAnalysis     *self);

/* ld-attempts.c */
void     _ld_attempts_note_early         (LdAnalysis         *self,
                                          const LdSipMessage *msg);
void     _ld_attempts_build              (LdAnalysis         *self);

/* ld-analysis-messages.c */
int      _ld_message_compare             (gconstpointer  pa,
                                          gconstpointer  pb);
gpointer _ld_analysis_complete_messages  (gpointer       data);
gpointer _ld_analysis_completer_thread   (gpointer       data);

gboolean _ld_analysis_read_stream        (LdAnalysis    *self,
                                          GInputStream  *in,
                                          const char    *path,
                                          const char    *member,
                                          guint64        declared_size,
                                          GCancellable  *cancellable,
                                          GError       **error);
gboolean _ld_analysis_read_func          (LdAnalysis    *self,
                                          gsize        (*read_func) (gpointer, char *, gsize, GError **),
                                          gpointer       read_data,
                                          const char    *path,
                                          const char    *member,
                                          guint64        declared_size,
                                          GCancellable  *cancellable,
                                          GError       **error);
gboolean _ld_analysis_is_finished       (LdAnalysis    *self);
GPtrArray *_ld_analysis_get_dialog_messages (LdAnalysis *self);
void     _ld_analysis_add_progress_total (LdAnalysis    *self,
                                          guint64        bytes);
void     _ld_analysis_set_pipeline_min_bytes (LdAnalysis *self,
                                              guint64     bytes);

char    *ld_text_dup_utf8                (const char    *text,
                                          gsize          len);
char    *ld_text_dup_display_name        (const char    *name,
                                          gsize          len);
char    *ld_client_from_user_agent       (const char    *ua);
gboolean ld_text_is_plain_ascii          (const char    *text,
                                          gsize          len);

char         *_ld_string_chunk_take      (GStringChunk *strings,
                                          char         *owned,
                                          gboolean      shared);
LdDiagnostic *_ld_diagnostic_parse_borrowing (LdDiagHeader  header,
                                              const char   *value);
void          _ld_sip_message_compact    (LdSipMessage *msg,
                                          GStringChunk *strings);
LdSipMessage *_ld_sip_message_parse_valid (const char   *text,
                                           gsize         len,
                                           GError      **error);
LdSipMessage *_ld_sip_message_parse_stripped (const char   *text,
                                              gsize         len,
                                              GStringChunk *strings);
LdSipMessage *_ld_sip_message_parse_stripped_kept (const char   *text,
                                                   gsize         len,
                                                   GStringChunk *strings);
gsize         _ld_sip_message_peek_length (const char   *text,
                                           gsize         len);

G_END_DECLS
