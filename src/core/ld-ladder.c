/* ld-ladder.c - the call flow (ladder) of one attempt, drawn with cairo
 *
 * Three columns, as a support engineer draws it on a whiteboard: this
 * client, the server or Edge it talks to, and the remote end (the
 * conference focus/MCU or the other person). The client's log only sees
 * its own hop, so an arrow that the server relays is drawn through the
 * server column with a dot.
 *
 * A label sits in the lane between the sender's lifeline and the next one
 * and wraps there, so no lifeline strikes through it and nothing is cut;
 * the row grows with it. Under each arrow, the log line the message starts
 * on; on the left, the log's clock and the time since the INVITE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-ladder"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-ladder.h"

#define TIME_WIDTH   120.0
#define LABEL_SIZE   9.0
#define SMALL_SIZE   7.5
#define MONO_SIZE    8.0
/* The smallest a lifeline's address is set to fit its column. */
#define MIN_ADDRESS_SCALE 0.7
#define ROW_PAD      3.0
#define LANE_PAD     8.0
/* A reason phrase or an address longer than this is elided: a hostile log
 * must not make the diagram lay out a megabyte. */
#define MAX_LABEL_CHARS 240

typedef struct
{
  LdText   *label;
  GArray   *label_lines;
  LdText   *line_no;
  LdText   *time;
  GArray   *time_lines;
  int       from, to, lane;
  double    top, arrow_y, bottom;
  gboolean  diag;     /* its diagnostics report a failure: drawn red */
  gboolean  info;     /* its diagnostics are all informational: drawn as information */
} Row;

typedef struct
{
  LdText *title;
  LdText *subtitle;
  GArray *subtitle_lines;
} Column;

struct _LdLadder
{
  const LdAttempt *attempt;
  LdMetrics       *metrics;
  double           width;
  double           time_w;        /* the clock column */
  double           cx[3];
  Column           columns[4];    /* the time column, then the three lifelines */
  GArray          *rows;          /* (element-type Row) */
  double          *tops;
  double           header_h;
  double           height;
};

static char *
head_with_ellipsis (const char *text,
                     gsize       n)
{
  return g_strdup_printf ("%.*s…", (int) n, text);
}

static char *
elide (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  if (strlen (valid) <= MAX_LABEL_CHARS || g_utf8_strlen (valid, -1) <= MAX_LABEL_CHARS)
    return g_steal_pointer (&valid);
  return head_with_ellipsis (valid, g_utf8_offset_to_pointer (valid, MAX_LABEL_CHARS) - valid);
}

/* Which column a message leaves from and arrives at. */
static void
message_ends (const LdSipMessage *msg,
              int                *from,
              int                *to)
{
  if (msg->direction == LD_DIRECTION_SENT)
    {
      *from = 0;
      *to = 2;
    }
  else if (!msg->is_request && (msg->status == 100 ||
                                ld_sip_message_get_header (msg, "ms-diagnostics") != NULL))
    {
      /* 100 Trying is hop-by-hop (RFC 3261 section 16.7); an ms-diagnostics
       * header (not ms-client-diagnostics) is written by a server. */
      *from = 1;
      *to = 0;
    }
  else
    {
      *from = 2;
      *to = 0;
    }
}

static gboolean
message_has_sdp (const LdSipMessage *msg)
{
  const char *ct = ld_sip_message_get_header (msg, "Content-Type");

  if (ct != NULL && strstr (ct, "application/sdp") != NULL)
    return TRUE;
  return msg->body != NULL && g_str_has_prefix (msg->body, "v=0");
}

static char *
message_label (const LdSipMessage *msg)
{
  g_autofree char *reason = NULL;

  if (msg->is_request)
    return elide (msg->method ? msg->method : "?");
  reason = elide (msg->reason);
  return g_strdup_printf ("%d %s", msg->status, reason);
}

static const char *
first_address (const LdAttempt *attempt,
               gboolean         local)
{
  for (guint i = 0; attempt->messages != NULL && i < attempt->messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (attempt->messages, i);
      const char *addr = local ? msg->local : msg->remote;

      if (addr != NULL)
        return addr;
    }
  return "";
}

static LdText *
text_of (double      size,
         LdFace      face,
         const char *str)
{
  LdText *t = ld_text_new (size);

  ld_text_append (t, face, NULL, str);
  return t;
}

static void
column_clear (Column *c)
{
  g_clear_pointer (&c->title, ld_text_free);
  g_clear_pointer (&c->subtitle, ld_text_free);
  g_clear_pointer (&c->subtitle_lines, g_array_unref);
}

static void
row_clear (gpointer data)
{
  Row *r = data;

  ld_text_free (r->label);
  g_array_unref (r->label_lines);
  ld_text_free (r->line_no);
  ld_text_free (r->time);
  g_array_unref (r->time_lines);
}

static double
lines_height (LdLadder *self,
              LdText   *text,
              GArray   *lines)
{
  return lines->len * ld_text_line_height (text, self->metrics);
}

static void
layout_header (LdLadder *self)
{
  const LdAttempt *a = self->attempt;
  g_autofree char *remote_uri = ld_sip_uri_dup_address (a->remote_party ? a->remote_party : a->target);
  g_autofree char *remote = elide (remote_uri);
  g_autofree char *local_addr = elide (first_address (a, TRUE));
  g_autofree char *remote_addr = elide (first_address (a, FALSE));
  const char *titles[4] = {
    _("Log time"),
    _("This client"),
    _("Server / Edge"),
    a->kind == LD_ATTEMPT_CONFERENCE ? _("Conference") : _("Remote party"),
  };
  const char *method = a->invite && a->invite->is_request && a->invite->method && strlen (a->invite->method) < 32 ?
                       a->invite->method : _("request");
  g_autofree char *since = g_strdup_printf (_("+ time since the %s"), method);
  const char *subtitles[4] = { since, local_addr, remote_addr, remote };
  double col_w = self->cx[1] - self->cx[0] - LANE_PAD;
  double h = 0;

  for (guint c = 0; c < 4; c++)
    {
      Column *col = &self->columns[c];
      double w = c == 0 ? self->time_w - 10 : col_w;

      double size = c == 0 ? SMALL_SIZE : MONO_SIZE;

      /* An address is one token: rather than break it, set it smaller,
       * down to MIN_ADDRESS_SCALE; only a longer one still wraps. */
      if (c > 0)
        {
          double natural = ld_metrics_text_width (self->metrics, LD_FACE_MONO, size, subtitles[c], -1);

          if (natural > w)
            size = MAX (size * MIN_ADDRESS_SCALE, size * w / natural * 0.99);
        }
      col->title = text_of (LABEL_SIZE, LD_FACE_SANS_BOLD, titles[c]);
      col->subtitle = text_of (size, c == 0 ? LD_FACE_SANS : LD_FACE_MONO, subtitles[c]);
      col->subtitle_lines = ld_text_break (col->subtitle, self->metrics, w);
      h = MAX (h, lines_height (self, col->subtitle, col->subtitle_lines));
    }
  self->header_h = 4 + ld_text_line_height (self->columns[0].title, self->metrics) + 2 + h + 10;
}

static void
layout_rows (LdLadder *self)
{
  const LdAttempt *a = self->attempt;
  guint n = a->messages ? a->messages->len : 0;
  /* Times are measured from the request that opened the attempt. */
  gint64 t0 = a->invite != NULL ? a->invite->time : -1;
  double y = self->header_h;

  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), n);
  g_array_set_clear_func (self->rows, row_clear);
  self->tops = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n && t0 < 0; i++)
    t0 = ((const LdSipMessage *) a->messages->pdata[i])->time;

  for (guint i = 0; i < n; i++)
    {
      const LdSipMessage *msg = a->messages->pdata[i];
      g_autofree char *label = message_label (msg);
      g_autofree char *line_no = g_strdup_printf (_("line %llu"), (unsigned long long) msg->line);
      g_autoptr(GString) time = g_string_new (NULL);
      Row row = { 0 };
      LdCodeVerdict verdict;
      double lane_w, label_h, time_h;

      message_ends (msg, &row.from, &row.to);
      row.lane = ABS (row.from - row.to) == 1 ? MIN (row.from, row.to) : row.from == 0 ? 0 : 1;
      /* Red only for a failure the code tables name: an informational
       * code (51007 on a healthy call's BYE) is information, an unknown
       * one is marked without a verdict. */
      verdict = ld_sip_message_get_diagnostics_verdict (msg);
      row.diag = msg->diag_count > 0 && verdict == LD_CODE_FAILURE;
      row.info = msg->diag_count > 0 && verdict == LD_CODE_INFORMATIONAL;
      lane_w = self->cx[row.lane + 1] - self->cx[row.lane] - 2 * LANE_PAD;

      row.label = ld_text_new (LABEL_SIZE);
      ld_text_append (row.label, msg->diag_count > 0 ? LD_FACE_SANS_BOLD : LD_FACE_SANS, NULL, label);
      if (message_has_sdp (msg))
        ld_text_append (row.label, LD_FACE_SANS, NULL, _(" [SDP]"));
      if (row.info)
        ld_text_append (row.label, LD_FACE_SANS_BOLD, NULL, _(" [information]"));
      else if (msg->diag_count > 0)
        ld_text_append (row.label, LD_FACE_SANS_BOLD, NULL, _(" [diagnostics]"));
      row.label_lines = ld_text_break (row.label, self->metrics, lane_w);
      row.line_no = text_of (SMALL_SIZE, LD_FACE_SANS, line_no);

      if (msg->time >= 0)
        {
          g_autofree char *full = ld_format_time (msg->time);

          g_string_append (time, strlen (full) > 11 ? full + 11 : full);
          if (t0 >= 0 && msg->time != t0)
            {
              g_autofree char *d = ld_format_duration (ABS (msg->time - t0));

              g_string_append_printf (time, "\n%s%s", msg->time < t0 ? "−" : "+", d);
            }
        }
      row.time = text_of (MONO_SIZE, LD_FACE_MONO, time->str);
      row.time_lines = ld_text_break (row.time, self->metrics, self->time_w - 10);

      label_h = lines_height (self, row.label, row.label_lines);
      time_h = lines_height (self, row.time, row.time_lines);
      row.top = y;
      row.arrow_y = y + ROW_PAD + label_h + 4;
      row.bottom = MAX (row.arrow_y + 3 + ld_text_line_height (row.line_no, self->metrics) + 2,
                        y + ROW_PAD + time_h + 2);
      y = row.bottom;
      self->tops[i] = row.top;
      g_array_append_val (self->rows, row);
    }
  self->height = y + 8;
}

/**
 * ld_ladder_new:
 * @metrics: the fonts to set the labels in, at the resolution of @width's units
 *
 * Returns: (transfer full): @attempt's ladder laid out @width units wide;
 *   @attempt must outlive it.
 */
LdLadder *
ld_ladder_new (const LdAttempt *attempt,
               double           width,
               LdMetrics       *metrics)
{
  LdLadder *self;
  double usable;

  g_return_val_if_fail (attempt != NULL, NULL);
  g_return_val_if_fail (metrics != NULL, NULL);

  self = g_new0 (LdLadder, 1);
  self->attempt = attempt;
  self->metrics = metrics;
  self->width = width;
  /* A narrow pane gives the lanes what the clock column can spare. */
  self->time_w = CLAMP (width * 0.16, 92, TIME_WIDTH);
  usable = MAX (width - self->time_w - 12, 240);
  for (guint i = 0; i < 3; i++)
    self->cx[i] = floor (self->time_w + usable * (1 + 2 * i) / 6.0) + 0.5;
  layout_header (self);
  layout_rows (self);
  return self;
}

void
ld_ladder_free (LdLadder *self)
{
  if (self == NULL)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (self->columns); c++)
    column_clear (&self->columns[c]);
  g_array_unref (self->rows);
  g_free (self->tops);
  g_free (self);
}

double
ld_ladder_get_height (LdLadder *self)
{
  return self->height;
}

double
ld_ladder_get_header_height (LdLadder *self)
{
  return self->header_h;
}

guint
ld_ladder_get_n_rows (LdLadder *self)
{
  return self->rows->len;
}

/* Returns: (array): where each row starts, ld_ladder_get_n_rows() of them. */
const double *
ld_ladder_get_row_tops (LdLadder *self)
{
  return self->tops;
}

static void
draw_lines (LdLadder    *self,
            cairo_t     *cr,
            LdText      *text,
            GArray      *lines,
            double       x,
            double       y,
            double       center_width,
            const LdRgb *color)
{
  double lh = ld_text_line_height (text, self->metrics);

  for (guint i = 0; i < lines->len; i++)
    {
      const LdLine *line = &g_array_index (lines, LdLine, i);
      double lx = center_width > 0 ? x + (center_width - line->width) / 2 : x;

      ld_text_draw_line (text, self->metrics, cr, line, lx, y + i * lh, color);
    }
}

/**
 * ld_ladder_paint:
 * @selected: index of the highlighted message, or -1
 *
 * Draws the ladder at the top left of @cr, ld_ladder_get_height() high.
 * The caller paints the background.
 */
void
ld_ladder_paint (LdLadder *self,
                 cairo_t  *cr,
                 int       selected,
                 gboolean  dark)
{
  double fg = dark ? 0.93 : 0.13;
  LdRgb text = { fg, fg, fg };
  LdRgb muted = dark ? (LdRgb) { 0.70, 0.70, 0.72 } : (LdRgb) { 0.40, 0.40, 0.44 };
  LdRgb red = dark ? (LdRgb) { 1.0, 0.48, 0.39 } : (LdRgb) { 0.78, 0.10, 0.12 };
  LdRgb blue = dark ? (LdRgb) { 0.47, 0.68, 0.93 } : (LdRgb) { 0.11, 0.44, 0.85 };
  double bottom = self->height - 8;

  double clip_x0, clip_y0, clip_x1, clip_y1;
  guint first_row = 0;

  /* Only what is inside the clip is laid out and drawn: the app shows a
   * few rows of a dialog that may have thousands, and draws its lane
   * header on its own. */
  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  {
    guint lo = 0, hi = self->rows->len;

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;

        if (g_array_index (self->rows, Row, mid).bottom <= clip_y0)
          lo = mid + 1;
        else
          hi = mid;
      }
    first_row = lo;
  }

  cairo_save (cr);
  for (guint c = 0; c < 4; c++)
    {
      Column *col = &self->columns[c];
      double x = c == 0 ? 6 : self->cx[c - 1] - (self->cx[1] - self->cx[0] - LANE_PAD) / 2;
      double w = c == 0 ? 0 : self->cx[1] - self->cx[0] - LANE_PAD;
      if (clip_y0 < self->header_h)
        {
          g_autoptr(GArray) title_lines = ld_text_break (col->title, self->metrics, c == 0 ? self->time_w - 10 : w);

          draw_lines (self, cr, col->title, title_lines, x, 4, w, &text);
          draw_lines (self, cr, col->subtitle, col->subtitle_lines, x,
                      4 + ld_text_line_height (col->title, self->metrics) + 2, w, &muted);
        }
      if (c > 0)
        {
          cairo_set_source_rgba (cr, fg, fg, fg, 0.3);
          cairo_rectangle (cr, floor (self->cx[c - 1]), self->header_h - 6, 1, bottom - self->header_h + 6);
          cairo_fill (cr);
        }
    }

  for (guint i = first_row; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      double x0 = self->cx[row->from], x1 = self->cx[row->to];
      double dir = x1 > x0 ? 1 : -1;
      double lane_x = self->cx[row->lane] + LANE_PAD;
      double lane_w = self->cx[row->lane + 1] - self->cx[row->lane] - 2 * LANE_PAD;
      const LdRgb *color = row->diag ? &red : row->info ? &blue : &text;
      LdLine no_line = { 0, (guint) row->line_no->text->len, 0, FALSE };

      if (row->top >= clip_y1)
        break;
      if ((int) i == selected || row->diag)
        {
          if ((int) i == selected)
            cairo_set_source_rgba (cr, dark ? 0.47 : 0.21, dark ? 0.68 : 0.52, dark ? 1.0 : 0.89, 0.25);
          else
            cairo_set_source_rgba (cr, red.r, red.g, red.b, 0.10);
          cairo_rectangle (cr, 0, row->top + 1, self->width, row->bottom - row->top - 2);
          cairo_fill (cr);
        }

      draw_lines (self, cr, row->time, row->time_lines, 6, row->top + ROW_PAD, 0, &muted);
      draw_lines (self, cr, row->label, row->label_lines, lane_x, row->top + ROW_PAD, lane_w, color);

      cairo_set_source_rgb (cr, color->r, color->g, color->b);
      cairo_set_line_width (cr, row->diag ? 2 : 1.2);
      cairo_move_to (cr, x0, row->arrow_y);
      cairo_line_to (cr, x1 - dir * 2, row->arrow_y);
      cairo_stroke (cr);
      cairo_move_to (cr, x1, row->arrow_y);
      cairo_line_to (cr, x1 - dir * 8, row->arrow_y - 4);
      cairo_line_to (cr, x1 - dir * 8, row->arrow_y + 4);
      cairo_close_path (cr);
      cairo_fill (cr);
      if (ABS (row->from - row->to) == 2)
        {
          cairo_arc (cr, self->cx[1], row->arrow_y, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }

      /* The log line, under the arrow at its tail. */
      no_line.width = ld_metrics_text_width (self->metrics, LD_FACE_SANS, SMALL_SIZE, row->line_no->text->str, -1);
      ld_text_draw_line (row->line_no, self->metrics, cr, &no_line,
                         dir > 0 ? x0 + 6 : x0 - 6 - no_line.width, row->arrow_y + 3, &muted);
    }
  cairo_restore (cr);
}

/* Returns: the index of the row at @y, or -1. */
int
ld_ladder_row_at (LdLadder *self,
                  double    y)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (y >= row->top && y < row->bottom)
        return (int) i;
    }
  return -1;
}

/* Where the three lifelines are drawn. */
void
ld_ladder_get_lifelines (LdLadder *self,
                         double    out_x[3])
{
  for (guint i = 0; i < 3; i++)
    out_x[i] = self->cx[i];
}

/**
 * ld_ladder_get_label_extents:
 * @out_cut: (out): set when a line of the label had to be cut
 *
 * The left and right of the widest line of @row's label, as drawn.
 */
void
ld_ladder_get_label_extents (LdLadder *self,
                             guint     row,
                             double   *out_x0,
                             double   *out_x1,
                             gboolean *out_cut)
{
  const Row *r;
  double lane_x, lane_w, w = 0;

  g_return_if_fail (row < self->rows->len);
  r = &g_array_index (self->rows, Row, row);
  lane_x = self->cx[r->lane] + LANE_PAD;
  lane_w = self->cx[r->lane + 1] - self->cx[r->lane] - 2 * LANE_PAD;
  *out_cut = FALSE;
  for (guint i = 0; i < r->label_lines->len; i++)
    {
      const LdLine *line = &g_array_index (r->label_lines, LdLine, i);

      w = MAX (w, line->width);
      *out_cut |= line->cut;
    }
  *out_x0 = lane_x + (lane_w - w) / 2;
  *out_x1 = *out_x0 + w;
}

/* The app asks for the same attempt at the same width on every frame, to
 * measure, draw, scroll and hit-test: its layout is kept, one per thread,
 * until another attempt or width is asked for. */
typedef struct
{
  const LdAttempt    *attempt;
  guint               id;
  const GPtrArray    *messages;
  guint               n_messages;
  const LdSipMessage *first, *last;
  double              width;
  LdLadder           *ladder;
} ScreenCache;

static void
screen_cache_free (gpointer data)
{
  ScreenCache *cache = data;

  ld_ladder_free (cache->ladder);
  g_free (cache);
}

static GPrivate screen_cache = G_PRIVATE_INIT (screen_cache_free);

static LdLadder *
screen_ladder (const LdAttempt *attempt,
               double           width)
{
  ScreenCache *cache = g_private_get (&screen_cache);
  guint n = attempt->messages ? attempt->messages->len : 0;
  const LdSipMessage *first = n ? attempt->messages->pdata[0] : NULL;
  const LdSipMessage *last = n ? attempt->messages->pdata[n - 1] : NULL;

  if (cache == NULL)
    {
      cache = g_new0 (ScreenCache, 1);
      g_private_set (&screen_cache, cache);
    }
  if (cache->ladder != NULL && cache->attempt == attempt && cache->id == attempt->id &&
      cache->messages == attempt->messages && cache->n_messages == n && cache->first == first &&
      cache->last == last && cache->width == width)
    return cache->ladder;
  g_clear_pointer (&cache->ladder, ld_ladder_free);
  cache->attempt = attempt;
  cache->id = attempt->id;
  cache->messages = attempt->messages;
  cache->n_messages = n;
  cache->first = first;
  cache->last = last;
  cache->width = width;
  cache->ladder = ld_ladder_new (attempt, width, ld_metrics_get_for_screen ());
  return cache->ladder;
}

double
ld_ladder_measure (const LdAttempt *attempt,
                   double           width)
{
  g_return_val_if_fail (attempt != NULL, 0);
  return ld_ladder_get_height (screen_ladder (attempt, width));
}

/**
 * ld_ladder_get_row_y:
 * @index: a message's index, or the number of messages for the bottom of
 *   the last row
 *
 * Returns: where row @index starts at @width, in the app's fonts; row 0
 *   starts under the lane header.
 */
double
ld_ladder_get_row_y (const LdAttempt *attempt,
                     double           width,
                     int              index)
{
  LdLadder *ladder;

  g_return_val_if_fail (attempt != NULL, 0);
  ladder = screen_ladder (attempt, width);
  if (index <= 0)
    return index < 0 || ladder->rows->len == 0 ? ladder->header_h : ladder->tops[0];
  if ((guint) index >= ladder->rows->len)
    return ladder->height - 8;
  return ladder->tops[index];
}

/**
 * ld_ladder_draw:
 * @selected: index of the highlighted message, or -1
 *
 * Draws the ladder of @attempt in the desktop's fonts at the top left of
 * @cr, ld_ladder_measure() pixels high. The caller paints the background;
 * only the rows inside @cr's clip are drawn.
 */
void
ld_ladder_draw (cairo_t         *cr,
                const LdAttempt *attempt,
                double           width,
                int              selected,
                gboolean         dark)
{
  g_return_if_fail (attempt != NULL);
  ld_ladder_paint (screen_ladder (attempt, width), cr, selected, dark);
}

/**
 * ld_ladder_hit:
 *
 * Returns: the index in @attempt's messages of the row at @y, or -1
 */
int
ld_ladder_hit (const LdAttempt *attempt,
               double           width,
               double           x,
               double           y)
{
  g_return_val_if_fail (attempt != NULL, -1);
  return ld_ladder_row_at (screen_ladder (attempt, width), y);
}
