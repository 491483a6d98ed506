/* ld-ladder.c - the call flow (ladder) of one attempt, drawn with cairo
 *
 * Three columns, as a support engineer draws it on a whiteboard: this
 * client, the server or Edge it talks to, and the remote end (the
 * conference focus/MCU or the other person). The client's log only sees
 * its own hop, so an arrow that the server relays is drawn through the
 * server column with a dot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-ladder"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ld-format.h"
#include "ld-ladder.h"

#define HEADER_HEIGHT 48.0
#define ROW_HEIGHT    38.0
#define TIME_WIDTH    128.0

static void
column_x (double  width,
          double  out[3])
{
  double usable = MAX (width - TIME_WIDTH - 12, 240);

  for (guint i = 0; i < 3; i++)
    out[i] = TIME_WIDTH + usable * (1 + 2 * i) / 6.0;
}

double
ld_ladder_measure (const LdAttempt *attempt,
                   double           width)
{
  g_return_val_if_fail (attempt != NULL, 0);
  return HEADER_HEIGHT + ROW_HEIGHT * attempt->messages->len + 12;
}

double
ld_ladder_get_row_y (const LdAttempt *attempt,
                     int              index)
{
  return HEADER_HEIGHT + ROW_HEIGHT * index;
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
  if (msg->is_request)
    return g_strdup (msg->method ? msg->method : "?");
  return g_strdup_printf ("%d %s", msg->status, msg->reason ? msg->reason : "");
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           const char  *font,
           double       x,
           double       y,
           double       max_width,
           gboolean     centered)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, centered ? x - w / 2.0 : x, y);
  pango_cairo_show_layout (cr, layout);
}

static const char *
first_address (const LdAttempt *attempt,
               gboolean         local)
{
  for (guint i = 0; i < attempt->messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (attempt->messages, i);
      const char *addr = local ? msg->local : msg->remote;

      if (addr != NULL)
        return addr;
    }
  return "";
}

/**
 * ld_ladder_draw:
 * @selected: index of the highlighted message, or -1
 *
 * Draws the ladder of @attempt at the top left of @cr, ld_ladder_measure()
 * pixels high. The caller paints the background.
 */
void
ld_ladder_draw (cairo_t         *cr,
                const LdAttempt *attempt,
                double           width,
                int              selected,
                gboolean         dark)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *remote = NULL;
  double fg = dark ? 0.93 : 0.13;
  double red_r = dark ? 1.0 : 0.78, red_g = dark ? 0.48 : 0.10, red_b = dark ? 0.39 : 0.12;
  double cx[3];
  double bottom = ld_ladder_measure (attempt, width) - 8;
  double col_w;
  double clip_x0, clip_y0, clip_x1, clip_y1;
  guint first_row = 0, last_row;
  gint64 t0 = -1;
  const char *titles[3];
  const char *subtitles[3];

  g_return_if_fail (attempt != NULL);

  cairo_save (cr);
  layout = pango_cairo_create_layout (cr);
  column_x (width, cx);
  col_w = cx[1] - cx[0] - 8;

  /* Only the rows inside the clip are laid out: a window shows a few
   * rows of a dialog that may have thousands, and draws its lane header
   * on its own (clipped to HEADER_HEIGHT). */
  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  if (clip_y0 > HEADER_HEIGHT)
    first_row = (guint) MIN ((clip_y0 - HEADER_HEIGHT) / ROW_HEIGHT, (double) attempt->messages->len);
  last_row = clip_y1 < HEADER_HEIGHT ? 0
             : (guint) MIN (ceil ((clip_y1 - HEADER_HEIGHT) / ROW_HEIGHT) + 1, (double) attempt->messages->len);
  for (guint i = 0; i < attempt->messages->len && t0 < 0; i++)
    t0 = ((const LdSipMessage *) g_ptr_array_index (attempt->messages, i))->time;

  remote = ld_sip_uri_dup_address (attempt->remote_party ? attempt->remote_party : attempt->target);
  titles[0] = _("This client");
  titles[1] = _("Server / Edge");
  titles[2] = attempt->kind == LD_ATTEMPT_CONFERENCE ? _("Conference") : _("Remote party");
  subtitles[0] = first_address (attempt, TRUE);
  subtitles[1] = first_address (attempt, FALSE);
  subtitles[2] = remote ? remote : "";

  for (guint c = 0; c < 3; c++)
    {
      if (clip_y0 < HEADER_HEIGHT)
        {
          cairo_set_source_rgb (cr, fg, fg, fg);
          show_text (cr, layout, titles[c], "Sans Bold 9", cx[c], 4, col_w, TRUE);
          cairo_set_source_rgba (cr, fg, fg, fg, 0.65);
          show_text (cr, layout, subtitles[c], "Monospace 8", cx[c], 22, col_w, TRUE);
        }
      cairo_set_source_rgba (cr, fg, fg, fg, 0.3);
      cairo_rectangle (cr, floor (cx[c]), HEADER_HEIGHT - 6, 1, bottom - HEADER_HEIGHT + 6);
      cairo_fill (cr);
    }

  for (guint i = first_row; i < last_row; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (attempt->messages, i);
      double y = HEADER_HEIGHT + ROW_HEIGHT * i;
      double ay = y + ROW_HEIGHT - 9;
      g_autofree char *label = message_label (msg);
      g_autofree char *time = NULL;
      gboolean diag = msg->diag_count > 0;
      int from, to;
      double x0, x1, dir;

      message_ends (msg, &from, &to);
      x0 = cx[from];
      x1 = cx[to];
      dir = x1 > x0 ? 1 : -1;

      if ((int) i == selected || diag)
        {
          if ((int) i == selected)
            cairo_set_source_rgba (cr, dark ? 0.47 : 0.21, dark ? 0.68 : 0.52, dark ? 1.0 : 0.89, 0.25);
          else
            cairo_set_source_rgba (cr, red_r, red_g, red_b, 0.10);
          cairo_rectangle (cr, 0, y + 1, width, ROW_HEIGHT - 2);
          cairo_fill (cr);
        }

      if (msg->time >= 0)
        {
          g_autofree char *full = ld_format_time (msg->time);

          /* Clock time plus offset from the first message: how long each
           * step took is what reveals a timeout. */
          if (msg->time == t0)
            time = g_strdup (strlen (full) > 11 ? full + 11 : full);
          else
            {
              g_autofree char *d = ld_format_duration (msg->time - t0);
              time = g_strdup_printf ("%s\n+%s", strlen (full) > 11 ? full + 11 : full, d);
            }
        }
      cairo_set_source_rgba (cr, fg, fg, fg, 0.7);
      show_text (cr, layout, time ? time : "", "Monospace 8", 6, y + 4, TIME_WIDTH - 10, FALSE);

      if (diag)
        cairo_set_source_rgb (cr, red_r, red_g, red_b);
      else
        cairo_set_source_rgb (cr, fg, fg, fg);
      cairo_set_line_width (cr, diag ? 2 : 1.2);
      cairo_move_to (cr, x0, ay);
      cairo_line_to (cr, x1 - dir * 2, ay);
      cairo_stroke (cr);
      cairo_move_to (cr, x1, ay);
      cairo_line_to (cr, x1 - dir * 8, ay - 4);
      cairo_line_to (cr, x1 - dir * 8, ay + 4);
      cairo_close_path (cr);
      cairo_fill (cr);
      if ((from == 0 && to == 2) || (from == 2 && to == 0))
        {
          cairo_arc (cr, cx[1], ay, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }

      {
        g_autofree char *text = NULL;
        GString *s = g_string_new (label);

        if (message_has_sdp (msg))
          g_string_append (s, _("  [SDP]"));
        if (diag)
          g_string_append (s, _("  [diagnostics]"));
        text = g_string_free (s, FALSE);
        show_text (cr, layout, text, diag ? "Sans Bold 9" : "Sans 9",
                   (x0 + x1) / 2, y + 4, fabs (x1 - x0) - 16, TRUE);
      }
    }
  cairo_restore (cr);
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
  int row;

  g_return_val_if_fail (attempt != NULL, -1);

  if (y < HEADER_HEIGHT)
    return -1;
  row = (int) ((y - HEADER_HEIGHT) / ROW_HEIGHT);
  if (row < 0 || (guint) row >= attempt->messages->len)
    return -1;
  return row;
}
