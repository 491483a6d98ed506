/* ld-analysis-private.h - what the files of the analysis share: its state and their internals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "ld-analysis.h"
#include "ld-record-queue.h"
#include "ld-string-set.h"
#include "ld-text-store.h"

G_BEGIN_DECLS

typedef struct _LdInputState LdInputState;   /* ld-input-private.h */
typedef struct _LdSipPeek LdSipPeek;

/* Past this much of one input, records are analysed on a thread of the
 * pool while the next are read (ld-record-queue.c); below it, handing
 * them over is not worth it. */
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

/* Every exchange (ld-exchanges.c), in blocks that never move. */
typedef struct
{
  LdExchange **blocks;
  guint        n;
} LdExchangeStore;

/* Call-ID -> 1 + the index of its latest exchange, and the CSeq of that
 * exchange's latest request, while reading. */
typedef struct
{
  guint64  *keys;      /* _ld_call_id_hash(), 0: free */
  guint32  *values;
  guint32  *cseqs;
  gsize     mask;
  gsize     n;
} LdCallTable;

/* A request that was not parsed, held back until its final response, in
 * case that response makes its exchange matter (ld-exchanges.c). */
#define LD_PENDING_SLOTS 16
typedef struct
{
  guint64       call_hash;
  guint32       cseq;
  guint         exchange;     /* 1 + index, 0: a free slot */
  guint         input;
  guint64       line;
  gint64        time;
  LdDirection   direction;
  char          remote[64];
  char          local[64];
  GString      *text;         /* a copy of its text, without the browser */
  LdSipMessage *deferred;     /* or the browser's message that keeps it */
} LdPending;

struct _LdAnalysis
{
  GObject          parent_instance;

  LdAnalysisFlags  flags;
  LdProgressFunc   progress_func;
  gpointer         progress_data;
  guint64          progress_done;
  guint64          progress_total;
  guint64          pipeline_min_bytes;
  LdRecordNotes    pipeline_notes;   /* for tests */

  GPtrArray       *inputs;        /* LdInput */
  GPtrArray       *messages;      /* LdSipMessage, kept ones, in reading order */
  GPtrArray       *dialog_messages; /* those of INVITE dialogs (not stripped), same order;
                                     * NULL when only those are kept */
  guint8          *noise;         /* per message: presence and keep-alive (browser only) */
  gint64          *piece_span;    /* per piece of the browser's parse: its messages' first
                                   * and last time, 2 each (see finish_messages_piece()) */
  gint64           messages_first; /* the browser's messages' first and last time, once */
  gint64           messages_last;  /* finished; first > last when none has a time */
  GPtrArray       *attempts;      /* LdAttempt */
  GPtrArray       *findings;      /* LdFinding */
  GPtrArray       *trace;         /* LdTraceEvent */
  GPtrArray       *diagnostics;   /* LdDiagnostic: one parsed per distinct header value, which
                                   * the attempts' diagnostics share (ld-attempts.c) */
  FingerprintSet   seen;          /* of the messages of earlier inputs */
  guint            seen_upto;     /* messages noted in it */
  gboolean         last_file;     /* the loader's: no file is added after the next
                                   * (_ld_analysis_set_last_file()) */
  LdExchangeStore  exchanges;     /* every exchange (ld-exchanges.c) */
  LdCallTable      call_table;    /* while reading */
  LdPending        pending[LD_PENDING_SLOTS];
  guint            pending_next;
  LdPending       *pending_last;  /* the request last held back (see _ld_exchanges_set_deferred()) */
  GPtrArray       *recovered;     /* with the browser: requests parsed again to be kept for their
                                   * attempt (see _ld_analysis_keep_recovered()); they own them */
  guint64          total_sip;
  guint            trace_dropped;
  gboolean         finished;
  GStringChunk    *strings;       /* their fields (reading thread only) */
  /* Without the browser, while reading: by exchange index, the message of
   * it kept last, whose fields the next one shares (see on_noted_record()). */
  const LdSipMessage **last_kept;
  guint            n_last_kept;
  LdTextStore     *texts;         /* deferred messages' text (with the browser), or where
                                   * it is in the file (ld-message-text.c), the compact
                                   * call messages (without) */
  /* ld-message-text.c: by input, its file kept open for reading texts
   * again (-1: none), and the one offered for the next input. */
  GArray          *text_fds;
  guint            n_text_fds;    /* of them open */
  int              offered_fd;
  gboolean         file_texts_enabled;
  guint64          cur_skipped;   /* bytes of the input being read skipped, not fed yet */
  char            *last_remote;   /* in strings: see intern_endpoint() */
  char            *last_local;
  /* Messages kept as text only while reading (see defer_record()),
   * parsed by ld_analysis_finish_messages() */
  GStringChunk   **deferred_strings; /* their fields, one chunk a piece */
  guint            n_deferred_strings;
  /* Those parsed while reading (_ld_analysis_parse_kept()), in the
   * analysing thread: the messages before this index are, and their fields
   * are in early_strings. */
  guint            early_parsed;
  LdMessageTexts  *early_texts;
  LdStringSet     *early_set;
  GStringChunk    *early_strings;
  GMutex           messages_lock; /* held while they are parsed (once) */
  int              messages_done; /* atomic */
  /* Whether their parse keeps to one thread, and the parse's step while
   * it runs, under messages_gate (see _ld_analysis_narrow_messages()). */
  GMutex           messages_gate;
  gboolean         messages_narrow;
  struct _LdParallelStep *messages_step;

  /* Attempts as their INVITEs are read, for a window showing progress:
   * appended by the reading thread, copied by any other under the lock. */
  GMutex           early_lock;
  GPtrArray       *early;         /* LdEarlyAttempt */

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
  gboolean         cur_is_last;   /* no input follows it (see begin_input()) */
  /* How the current input's user was found: 0 not yet, 1 the To of a
   * request it received, 2 the From of a request it sent, 3 the From of
   * its REGISTER (ld-analysis-read.c, note_user()). */
  guint            cur_user_rank;
};

/* ld-analysis-read.c */
void     _ld_fingerprint_set_clear       (FingerprintSet *set);
void     _ld_analysis_flush_cut          (LdAnalysis     *self);

/* ld-exchanges.c */
/* Reading-only flag of an exchange: its early attempt is noted. */
#define LD_EXCHANGE_EARLY (1 << 15)
/* Of an exchange that became no attempt yet: a diagnostic in it reports a
 * failure by its code (ld-attempts.c). */
#define LD_EXCHANGE_FAILING_DIAGNOSTIC (1 << 14)
LdExchange *_ld_exchange_at              (LdAnalysis         *self,
                                          guint               index);
guint64  _ld_call_id_hash                (const char         *text,
                                          gsize               len);
guint    _ld_exchanges_note              (LdAnalysis         *self,
                                          const LdRecordInfo *info,
                                          const LdSipPeek    *peek,
                                          const char         *text,
                                          gsize               len,
                                          gboolean           *keep);
void     _ld_exchanges_peek_parsed       (const LdSipMessage *msg,
                                          LdSipPeek          *out);
void     _ld_exchanges_note_kept         (LdAnalysis         *self,
                                          LdSipMessage       *msg);
void     _ld_exchanges_set_deferred      (LdAnalysis         *self,
                                          LdSipMessage       *msg);
void     _ld_exchanges_end_reading       (LdAnalysis         *self);
void     _ld_exchanges_clear             (LdAnalysis         *self);

/* ld-analysis-read.c */
void     _ld_analysis_keep_recovered     (LdAnalysis         *self,
                                          guint               input,
                                          const LdRecordInfo *info,
                                          LdSipMessage       *msg,
                                          const char         *text,
                                          gsize               len,
                                          gboolean            browser_has_it);

/* ld-attempts.c */
void     _ld_attempts_note_kept          (LdAnalysis         *self,
                                          const LdSipMessage *msg);
void     _ld_attempts_build              (LdAnalysis         *self);
void     _ld_attempts_note_evidence_sides (LdAnalysis        *self);

/* ld-message-text.c */
void     _ld_message_texts_offer_fd      (LdAnalysis         *self,
                                          int                 fd);
gboolean _ld_message_texts_begin_input   (LdAnalysis         *self,
                                          guint               index);
void     _ld_message_texts_trim          (LdAnalysis         *self);
void     _ld_message_texts_clear         (LdAnalysis         *self);
char    *_ld_message_text_place          (LdAnalysis         *self,
                                          const char         *text,
                                          gsize               len,
                                          guint64             file_offset,
                                          guint32             file_length);
gboolean _ld_message_text_is_in_file     (const LdSipMessage *msg);
void     _ld_analysis_set_file_texts     (LdAnalysis         *self,
                                          gboolean            enabled);
void     _ld_message_texts_plan      (LdMessageTexts      *self,
                                      LdSipMessage *const *msgs,
                                      guint                n);
gsize    _ld_message_text_copy_without_crs (char       *out,
                                            const char *from,
                                            gsize       len,
                                            gsize       want,
                                            gboolean    wide,
                                            gboolean   *plain);

/* ld-analysis-messages.c */
int      _ld_message_compare             (gconstpointer  pa,
                                          gconstpointer  pb);
void     _ld_analysis_complete_messages  (LdAnalysis    *self);
gboolean _ld_analysis_parse_kept         (gpointer       data);

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
                                          gboolean       costly,
                                          GCancellable  *cancellable,
                                          GError       **error);
gboolean _ld_analysis_is_finished       (LdAnalysis    *self);
GPtrArray *_ld_analysis_get_dialog_messages (LdAnalysis *self);
void     _ld_analysis_add_progress_total (LdAnalysis    *self,
                                          guint64        bytes);
void     _ld_analysis_note_skipped       (LdAnalysis    *self,
                                          guint64        bytes);
void     _ld_analysis_set_pipeline_min_bytes (LdAnalysis *self,
                                              guint64     bytes);
void     _ld_analysis_set_pipeline_notes (LdAnalysis    *self,
                                          LdRecordNotes  notes);
void     _ld_analysis_set_last_file      (LdAnalysis    *self);
void     _ld_analysis_narrow_messages    (LdAnalysis    *self);
void     _ld_analysis_widen_messages     (LdAnalysis    *self);
void     _ld_analysis_parse_messages     (LdAnalysis    *self);

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
LdDiagnostic *_ld_diagnostic_dup_sharing (const LdDiagnostic *parsed,
                                          const char         *value);
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
gboolean      _ld_sip_message_parse_deferred (const char   *text,
                                              gsize         len,
                                              gboolean      no_cr,
                                              LdStringSet  *set,
                                              LdSipMessage *out);
/* Which headers and body lines of a message _ld_sip_message_parse_compact()
 * keeps. @keep_header gets a header's name (canonical long form, else as
 * written, trimmed) and its trimmed value; @keep_body a body without its
 * trailing line ends (not empty), and appends what it keeps of it. */
typedef struct
{
  gboolean (*keep_header) (const char *name,
                           const char *value,
                           gsize       value_len);
  void     (*keep_body)   (const char *body,
                           gsize       len,
                           GString    *out);
} LdSipKeepFilter;

LdSipMessage *_ld_sip_message_parse_compact (const char            *text,
                                             gsize                  len,
                                             GStringChunk          *strings,
                                             LdTextStore           *store,
                                             const LdSipKeepFilter *filter,
                                             const LdSipMessage    *same_dialog);
gsize         _ld_sip_message_peek_length (const char   *text,
                                           gsize         len);

/* Whether @needle occurs in @text, found from the occurrences of one of
 * its less common characters (at @at in it): memchr crosses a trace line
 * in a few instructions where memmem walks it, and this runs for every
 * trace line of a log. */
static inline gboolean
_ld_text_contains_from (const char *text,
                        gsize       len,
                        const char *needle,
                        gsize       n,
                        gsize       at)
{
  const char *p, *last;

  if (len < n)
    return FALSE;
  p = text + at;
  last = text + len - (n - at) + 1;
  while (p < last && (p = memchr (p, needle[at], last - p)) != NULL)
    {
      if (memcmp (p - at, needle, n) == 0)
        return TRUE;
      p++;
    }
  return FALSE;
}

/* ld-analysis-compact.c */
extern const LdSipKeepFilter _ld_analysis_read_filter;    /* what is read without the browser */
extern const LdSipKeepFilter _ld_analysis_browser_filter; /* everything */
void          _ld_analysis_drop_unread      (LdSipMessage *msg);
void          _ld_analysis_compact_message  (LdAnalysis   *self,
                                             LdSipMessage *msg);

/* What _ld_sip_message_peek() notices besides the fields. */
typedef enum
{
  LD_SIP_PEEK_DIAGNOSTIC         = 1 << 0, /* ms-diagnostics(-public), ms-client-diagnostics */
  LD_SIP_PEEK_REGISTRATION_EVENT = 1 << 1, /* Event: registration-notify, or a text/registration-event body */
  LD_SIP_PEEK_FOLDED             = 1 << 2, /* a header folded over lines: only a parse reads it right */
} LdSipPeekFlags;

/* Its two pointers point into the text peeked at. The reading thread peeks
 * and the record queue copies the text, so a peek travels there as offsets
 * (RecordNote in ld-analysis-read.c): a new pointer here needs one there. */
struct _LdSipPeek
{
  gboolean     is_request;
  LdSipMethod  method;          /* a request's, or the CSeq method of a response */
  int          status;          /* a response's */
  guint32      cseq;
  LdSipMethod  cseq_method;
  const char  *call_id;         /* in the text, not NUL-terminated; NULL when none */
  gsize        call_id_len;
  guint64      call_hash;       /* _ld_call_id_hash() of it, 0 when none */
  guint        flags;           /* LdSipPeekFlags */
  guint32      content_length;
  gboolean     has_content_length;
  const char  *body;            /* where the body starts, NULL when no empty line was seen */
};

gboolean      _ld_sip_message_peek       (const char   *text,
                                           gsize         len,
                                           LdSipPeek    *out);

G_END_DECLS
