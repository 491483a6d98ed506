/* ld-log-reader-private.h - what the parts of the log reader share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-log-reader.h"

G_BEGIN_DECLS

#define LD_LOG_READER_MAX_PENDING  8
#define LD_LOG_READER_MAX_PROBLEMS 50
/* A server diagnostic record is a few hundred bytes; more is kept of none. */
#define LD_LOG_READER_MAX_DIAG     (64u * 1024u)
/* No place in the bytes fed (see LdLogReader.line_off). */
#define LD_NO_OFFSET G_MAXUINT64

/* An address of a packet line ("192.168.1.20:50123", "[2001:db8::1]:5061")
 * or a server record's Peer: kept in place, and on the heap only when it
 * is longer (two allocations and two frees a record were a twentieth of
 * the reading thread's work). A struct copy moves it. */
#define LD_ADDRESS_INLINE 56

typedef struct
{
  char     *heap;                    /* when too long for buf, else NULL */
  gboolean  set;
  char      buf[LD_ADDRESS_INLINE];  /* NUL-terminated */
} LdAddress;

static inline const char *
_ld_address_get (const LdAddress *a)
{
  return !a->set ? NULL : a->heap != NULL ? a->heap : a->buf;
}

static inline void
_ld_address_clear (LdAddress *a)
{
  /* Inline: the heap is seldom used, and this runs several times a record. */
  if (G_UNLIKELY (a->heap != NULL))
    {
      g_free (a->heap);
      a->heap = NULL;
    }
  a->set = FALSE;
}

void     _ld_address_set                 (LdAddress     *a,
                                          const char    *s,
                                          gsize          len);

typedef struct
{
  guint64     line;
  gint64      time;
  guint32     tid;
  LdDirection direction;
  LdAddress   remote;
  LdAddress   local;
} LdPendingOpen;

typedef enum
{
  LD_SERVER_NONE,
  LD_SERVER_FIELDS,      /* after a record head: fields, or a diagnostic record's */
  LD_SERVER_START_CONT,  /* a Start-Line wrapped onto the next line */
  LD_SERVER_HEADERS,
  LD_SERVER_BODY,
} LdServerState;

typedef enum
{
  LD_EOL_NONE,
  LD_EOL_CR,      /* cr_run CRs */
  LD_EOL_CR_NUL,  /* and a NUL (UTF-16: CR 00 LF 00) */
  LD_EOL_AFTER,   /* a line end, maybe followed by its zero half */
} LdLineEnd;

/* A run of damaged lines (binary data, NUL bytes, a UTF-16 stretch in an
 * 8-bit file), reported once with the lines it covers. */
typedef struct
{
  guint64 first_line;
  guint64 last_line;
  guint64 bytes;
  guint   lines;
  guint64 record_line;  /* the SIP message it interrupted, or 0 */
} LdDamage;

struct _LdCutRecord
{
  LdRecordInfo  info;          /* strings below, owned */
  char         *remote;
  char         *local;
  GString      *text;
  LdServerState server;        /* where a server record stopped */
  gboolean      partial_line;  /* the file ended inside its last line */
};

/* Of a recent line's fixed-width prefix, the part after the stamp up to
 * and with its "::" ("1A2C:1B3F INFO  ::"), and what it says: see
 * prefix_parse_cached(). */
#define LD_PREFIX_HEADS    4
#define LD_PREFIX_HEAD_MIN 8
#define LD_PREFIX_HEAD_MAX 40

typedef struct
{
  guint8   len;        /* 0: none */
  guint8   level_at;   /* where the level starts, from the line's start */
  guint8   level_len;
  guint32  tid;
  char     text[LD_PREFIX_HEAD_MAX];
} LdPrefixHead;

struct _LdLogReader
{
  LdRecordFunc   record_func;
  LdTraceFunc    trace_func;
  gpointer       user_data;

  /* Decoding */
  gboolean       detected;
  LdTextEncoding encoding;
  GIConv         iconv;
  GString       *undecoded;

  /* Line assembly */
  GString       *carry;
  guint          carry_flags;   /* LineFlags of the carried piece */
  guint          cr_run;        /* CRs that ended a line, undecided */
  guint          eol;           /* LdLineEnd: where a line end stands at a chunk's end */
  gboolean       eol_nul;       /* the line it ends had NULs */
  gboolean       skipping;
  guint64        skipping_line;
  gsize          skipped_bytes;
  GString       *scratch;       /* a damaged line, cleaned */

  /* Statistics */
  guint64        lines;
  guint64        prefixed;
  guint          records;
  guint          diag_records;
  gint64         first_time;
  gint64         last_time;
  LdLogFormat    format;
  GPtrArray     *problems;
  guint          problems_dropped;
  guint          records_cut;

  /* Problems of the input, told once at the end */
  LdDamage       binary;        /* the open run of binary lines */
  LdDamage       utf16;         /* the open run of UTF-16 lines */
  guint64        nul_first_line;
  guint64        nul_last_line;
  guint          nul_lines;
  guint64        nul_bytes;
  guint64        zeros_after_line;  /* a block of NULs alone, after this line */
  guint64        zeros_bytes;
  guint          zero_blocks;
  guint64        bad_time_line;
  char           bad_time_text[32];
  guint          bad_times;
  gint64         prev_time;
  guint64        back_line;
  gint64         back_from;
  gint64         back_to;
  guint          backs;

  /* Client records */
  LdPendingOpen  pending[LD_LOG_READER_MAX_PENDING];
  guint          n_pending;
  gboolean       collecting;
  GString       *text;
  guint64        rec_line;
  gint64         rec_time;
  LdDirection    rec_direction;
  LdAddress      rec_remote;
  LdAddress      rec_local;
  gboolean       rec_truncated;
  gboolean       last_line_partial;  /* the data ended without a line end */
  guint64        leading_lines;      /* lines before the first log line */
  gboolean       starts_inside;      /* they end a message begun in another file */

  /* Rotation: the record a previous file ended in */
  LdCutRecord   *cut;               /* waiting for this file's first line */
  gboolean       continuing;        /* collecting the cut record's rest */
  gsize          cut_text_len;      /* its text as it came */
  guint64        cut_joined_lines;

  /* Where the text is in the bytes fed (ld_log_reader_track_offsets()):
   * of the line being handled, its start in the bytes and how its line end
   * is written, and of the record being collected, where its text starts,
   * where its next line must start and its CRs. */
  gboolean       track;
  gboolean       track_broken;      /* UTF-16: lines are not the bytes */
  guint64        fed;               /* bytes fed or skipped so far */
  const char    *chunk;             /* the bytes being made lines, */
  gsize          chunk_len;
  guint64        chunk_off;         /* and where they are */
  guint64        carry_off;         /* where the carried piece starts, */
  gboolean       carry_whole;       /* when it is the bytes as they are */
  const char    *line_ptr;          /* the line handed to handle_line */
  gsize          line_len;
  guint64        line_off;          /* LD_NO_OFFSET: not the bytes as they are */
  guint          line_end;          /* its line end: 1 LF, 2 CRLF, 0 other */
  guint64        rec_off;
  guint64        rec_next;
  guint64        rec_crs;
  gboolean       rec_whole;         /* every line so far is the bytes, contiguous */

  /* Server records */
  LdServerState  server;
  char           server_level[16];  /* "TL_ERROR" of the record head */
  GString       *diag;              /* a diagnostic record's lines */
  gboolean       diag_fields;       /* it has Text:, Result-Code:, Severity: or LogType: */
  gboolean       diag_cut;          /* longer than LD_LOG_READER_MAX_DIAG: said */

  /* The date of the last fixed-width time stamp parsed, "MM/DD/YYYY|",
   * and its midnight: see prefix_parse_cached() */
  char           day[11];
  gint64         day_time;
  gboolean       day_valid;
  /* and of the last "HH:MM:SS.mmm" on that day, its milliseconds (-1:
   * none) */
  char           clock[12];
  gint64         clock_ms;
  LdPrefixHead   heads[LD_PREFIX_HEADS];
  guint          next_head;         /* the one to replace next */
};

gboolean _ld_log_parse_datetime          (const char   **pp,
                                          const char    *end,
                                          char           sep,
                                          gint64        *out_time);
gboolean _ld_log_line_parse_after_stamp  (const char    *line,
                                          gsize          len,
                                          const char    *p,
                                          guint32       *out_tid,
                                          const char   **out_level,
                                          gsize         *out_level_len,
                                          gsize         *out_text_offset);

void     _ld_log_reader_add_problem      (LdLogReader   *self,
                                          char          *text);
void     _ld_log_reader_note_time        (LdLogReader   *self,
                                          gint64         time,
                                          const char    *stamp,
                                          gsize          stamp_len);
void     _ld_log_reader_finish_record    (LdLogReader   *self,
                                          gboolean       unterminated,
                                          LdLogFormat    format);
void     _ld_log_reader_append_text      (LdLogReader   *self,
                                          const char    *p,
                                          gsize          len);
void     _ld_log_reader_clear_record_addresses (LdLogReader *self);
gboolean _ld_log_is_sip_start_line       (const char    *t,
                                          gsize          len);

void     _ld_log_reader_handle_line      (LdLogReader   *self,
                                          const char    *line,
                                          gsize          len);
void     _ld_log_reader_interrupt_record (LdLogReader   *self);

/* Bytes to lines (ld-log-reader-text.c). */
void     _ld_log_reader_feed_bytes       (LdLogReader   *self,
                                          const char    *data,
                                          gsize          len,
                                          gboolean       at_end);
void     _ld_log_reader_finish_text      (LdLogReader   *self);
void     _ld_log_reader_report_damage    (LdLogReader   *self);

/* Server SIPStack traces (ld-log-reader-server.c). */
gboolean _ld_log_reader_is_server_head   (const char    *line,
                                          gsize          len);
void     _ld_log_reader_server_begin     (LdLogReader   *self,
                                          const char    *line,
                                          gsize          len);
void     _ld_log_reader_server_line      (LdLogReader   *self,
                                          const char    *line,
                                          gsize          len);
void     _ld_log_reader_server_end       (LdLogReader   *self,
                                          gboolean       terminated);

static inline gboolean
_ld_has_prefix_ci (const char *s,
                   gsize       len,
                   const char *prefix,
                   gsize       plen)
{
  if (len < plen)
    return FALSE;
  /* Inline, without g_ascii_tolower() (a call per character, 4 % of the
   * CLI's run): this runs for every log line that opens or closes a
   * record. */
  for (gsize i = 0; i < plen; i++)
    {
      char a = s[i], b = prefix[i];

      if (a >= 'A' && a <= 'Z')
        a += 'a' - 'A';
      if (b >= 'A' && b <= 'Z')
        b += 'a' - 'A';
      if (a != b)
        return FALSE;
    }
  return TRUE;
}

#define LD_HAS_PREFIX(s, len, lit) _ld_has_prefix_ci ((s), (len), lit, sizeof lit - 1)

G_END_DECLS
