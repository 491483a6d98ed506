/* ld-log-reader.h - split a client or server log into SIP records, one pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ld-sip-message.h"

G_BEGIN_DECLS

/* The longest line the reader keeps; the rest of a longer line is skipped
 * and reported, so a 1 GB line costs neither memory nor time. */
#define LD_LOG_READER_MAX_LINE   (4u * 1024u * 1024u)
/* The largest SIP record kept; real messages are a few KB, the largest
 * (roaming contact lists) a few hundred KB. */
#define LD_LOG_READER_MAX_RECORD (16u * 1024u * 1024u)

typedef enum
{
  LD_LOG_FORMAT_UNKNOWN,
  LD_LOG_FORMAT_CLIENT,   /* UCCAPI .uccapilog */
  LD_LOG_FORMAT_SERVER,   /* SIPStack trace: $$begin_record ... $$end_record */
} LdLogFormat;

typedef enum
{
  LD_TEXT_ENCODING_UTF8,      /* or ANSI: bytes kept, made valid at display */
  LD_TEXT_ENCODING_UTF8_BOM,
  LD_TEXT_ENCODING_UTF16LE,
  LD_TEXT_ENCODING_UTF16BE,
} LdTextEncoding;

typedef struct
{
  guint64      line;          /* where the record starts (its opening line) */
  gint64       time;          /* ms, log-local, or -1 */
  LdDirection  direction;
  const char  *remote;        /* nullable */
  const char  *local;         /* nullable */
  gboolean     unterminated;  /* the closing line was missing */
  gboolean     truncated;     /* longer than LD_LOG_READER_MAX_RECORD */
  LdLogFormat  format;
  /* A record a rotated file ended in (see ld_log_reader_continue_cut()):
   * it begins in the previous input, and @line is a line of that input. */
  gboolean     previous_input;
  gboolean     joined;        /* and its rest was found in this input */
  gboolean     cut_at_end;    /* its file ended inside it, and nothing continued it */
  /* Where its text is in the bytes fed (ld_log_reader_track_offsets()):
   * @file_length bytes from @file_offset are its text exactly, once every
   * CR is taken out (each was half of a CRLF line end; a line never holds
   * one); 0 when its text cannot be read again so (see
   * ld_log_reader_track_offsets()). */
  guint64      file_offset;
  guint32      file_length;
} LdRecordInfo;

typedef void (*LdRecordFunc) (const LdRecordInfo *info,
                              const char         *text,
                              gsize               len,
                              gpointer            user_data);

/* Prefixed lines that are not part of a SIP record: the trace of the
 * client's own work (name lookups, connections, QoE reports); and the
 * diagnostic records of server traces, level "TL_ERROR", "TL_WARN",
 * "TL_INFO"…, text the record's head line and fields, one a line. */
typedef void (*LdTraceFunc)  (guint64             line,
                              gint64              time,
                              const char         *level,
                              const char         *text,
                              gsize               len,
                              gpointer            user_data);

typedef struct _LdLogReader LdLogReader;

/* The record a log file ended in, kept to be joined with the rest of it at
 * the start of the next (rotated) file. */
typedef struct _LdCutRecord LdCutRecord;

LdLogReader   *ld_log_reader_new            (LdRecordFunc   record_func,
                                             LdTraceFunc    trace_func,
                                             gpointer       user_data);
void           ld_log_reader_free           (LdLogReader   *self);
gboolean       ld_log_reader_feed           (LdLogReader   *self,
                                             const char    *data,
                                             gsize          len,
                                             GError       **error);
gboolean       ld_log_reader_finish         (LdLogReader   *self,
                                             GError       **error);
LdCutRecord   *ld_log_reader_finish_keeping_cut (LdLogReader *self);
void           ld_log_reader_track_offsets  (LdLogReader   *self);
void           ld_log_reader_skip           (LdLogReader   *self,
                                             guint64        bytes);
void           ld_log_reader_continue_cut   (LdLogReader   *self,
                                             LdCutRecord   *cut);
LdCutRecord   *ld_log_reader_take_cut       (LdLogReader   *self);
guint64        ld_cut_record_get_line       (const LdCutRecord *cut);
void           ld_cut_record_deliver        (LdCutRecord   *cut,
                                             LdRecordFunc   record_func,
                                             gpointer       user_data);
void           ld_cut_record_free           (LdCutRecord   *cut);
guint64        ld_log_reader_get_lines      (LdLogReader   *self);
guint64        ld_log_reader_get_prefixed_lines (LdLogReader *self);
guint          ld_log_reader_get_records    (LdLogReader   *self);
guint          ld_log_reader_get_diagnostic_records (LdLogReader *self);
gboolean       ld_log_reader_starts_inside_record (LdLogReader *self);
gint64         ld_log_reader_get_first_time (LdLogReader   *self);
gint64         ld_log_reader_get_last_time  (LdLogReader   *self);
LdLogFormat    ld_log_reader_get_format     (LdLogReader   *self);
LdTextEncoding ld_log_reader_get_encoding   (LdLogReader   *self);
GPtrArray     *ld_log_reader_get_problems   (LdLogReader   *self);

gint64         ld_time_from_civil           (int            year,
                                             int            month,
                                             int            day,
                                             int            hour,
                                             int            minute,
                                             int            second,
                                             int            msec);
char          *ld_time_format_iso           (gint64         time);
/* Room for any time ld_time_format_iso_buf() writes. */
#define LD_TIME_ISO_SIZE 64
const char    *ld_time_format_iso_buf       (gint64         time,
                                             char           buf[LD_TIME_ISO_SIZE]);
gboolean       ld_log_line_parse_prefix     (const char    *line,
                                             gsize          len,
                                             gint64        *out_time,
                                             guint32       *out_tid,
                                             const char   **out_level,
                                             gsize         *out_level_len,
                                             gsize         *out_text_offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdLogReader, ld_log_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdCutRecord, ld_cut_record_free)

G_END_DECLS
