/* ld-win-text.c - text from a log in labels and text views: capped, never hyphenated
 *
 * Two things go wrong when SIP text meets Pango's defaults:
 * - a wrapped word is broken with a hyphen Pango inserts
 *   ("applicati-onsharing", "LocalS-ite"), which is not in the log and
 *   reads as if it were; insert-hyphens is turned off wherever log text is
 *   wrapped;
 * - a label is laid out at once on the main thread, so one huge line froze
 *   the window; what is shown is cut to LD_WIN_TEXT_MAX_LINE characters a
 *   line and LD_WIN_TEXT_MAX_TOTAL in all, and the cut is said in the text.
 *   Copying the message, the report and the JSON keep everything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-text.h"

/**
 * ld_win_text_dup_capped:
 * @text: valid UTF-8
 * @max_line: characters kept of one line
 * @max_total: characters kept in all
 * @out_capped: (out) (optional): whether anything was cut
 *
 * Returns: (transfer full): @text, with every line longer than @max_line
 *   and the whole past @max_total cut, each cut marked by a sentence that
 *   says how much was left out
 */
char *
ld_win_text_dup_capped (const char *text,
                        gsize       max_line,
                        gsize       max_total,
                        gboolean   *out_capped)
{
  GString *out;
  const char *p = text;
  gsize total = 0;
  gboolean capped = FALSE;

  if (text == NULL)
    text = p = "";
  out = g_string_sized_new (MIN (strlen (text), max_total * 2) + 16);
  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);
      glong chars = g_utf8_strlen (p, end - p);

      if (total >= max_total)
        {
          glong rest = g_utf8_strlen (p, -1);
          g_autofree char *n = g_strdup_printf ("%'ld", rest);

          g_string_append_printf (out, _("… (%s more characters not shown here)"), n);
          capped = TRUE;
          break;
        }
      if ((gsize) chars > max_line || total + chars > max_total)
        {
          gsize keep = MIN (max_line, max_total - total);
          const char *cut = g_utf8_offset_to_pointer (p, keep);
          g_autofree char *n = g_strdup_printf ("%'ld", chars - (glong) keep);

          g_string_append_len (out, p, cut - p);
          g_string_append_printf (out, _(" … (%s more characters of this line not shown here)"), n);
          capped = TRUE;
          total += keep;
        }
      else
        {
          g_string_append_len (out, p, end - p);
          total += chars;
        }
      if (eol == NULL)
        break;
      g_string_append_c (out, '\n');
      total++;
      p = eol + 1;
    }
  if (out_capped != NULL)
    *out_capped = capped;
  return g_string_free (out, FALSE);
}

/* Wrapped log text keeps its words whole and its characters as logged. */
void
ld_win_label_no_hyphens (GtkLabel *label)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/**
 * ld_win_label_set_log_text:
 * @label: a label
 * @text: (nullable): text from a log
 *
 * Shows @text capped (see ld_win_text_dup_capped()) and without inserted
 * hyphens.
 */
void
ld_win_label_set_log_text (GtkLabel   *label,
                           const char *text)
{
  g_autofree char *capped = ld_win_text_dup_capped (text, LD_WIN_TEXT_MAX_LINE, LD_WIN_TEXT_MAX_TOTAL, NULL);

  gtk_label_set_text (label, capped);
  ld_win_label_no_hyphens (label);
}

/* The same for markup the caller built from escaped log text: the values
 * in it were capped by the caller. */
void
ld_win_label_set_log_markup (GtkLabel   *label,
                             const char *markup)
{
  gtk_label_set_markup (label, markup);
  ld_win_label_no_hyphens (label);
}

/* After the buffer is filled: wrapped lines keep their words whole. */
void
ld_win_text_buffer_no_hyphens (GtkTextBuffer *buffer)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, "ld-no-hyphens");
  GtkTextIter start, end;

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "ld-no-hyphens", "insert-hyphens", FALSE, NULL);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
}

/* Paragraphs measured at a width, not at none ---------------------------- */

/* GtkLabel (GTK 4.8) finds a wrapped label's minimum width by laying its
 * text out at width 0, one character a line, unless "width-chars" says
 * what the least is. Pango takes 30 ms for that on a finding of 3,000
 * characters, and twice or three times as long while the loading threads
 * share the processor; at ten characters a line it takes 3 ms, at the
 * width shown about 1 ms. */
#define PARAGRAPH_MIN_CHARS 10

/**
 * ld_win_label_set_paragraph:
 * @label: a wrapped label in a view wider than #PARAGRAPH_MIN_CHARS
 *   characters (the attempt view needs 370 pixels, the findings 490)
 *
 * Gives @label a minimum width of a few characters, so that measuring it
 * never lays its text out one character a line. Nothing shown changes
 * where @label is given more room than that, as it is in every view
 * that uses this.
 */
void
ld_win_label_set_paragraph (GtkLabel *label)
{
  gtk_label_set_width_chars (label, PARAGRAPH_MIN_CHARS);
}

/* Selectable, but no Tab stop -------------------------------------------- */

static void
on_label_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkWidget       *label)
{
  /* Focusable for as long as the user works in it, so the selection can
   * be made and copied with Ctrl+C. */
  gtk_widget_set_focusable (label, TRUE);
}

static void
on_label_focus_leave (GtkEventControllerFocus *focus,
                      GtkWidget               *label)
{
  gtk_widget_set_focusable (label, FALSE);
}

/**
 * ld_win_label_set_quiet_selectable:
 * @label: a label
 *
 * Makes @label's text selectable with the mouse (and then copied with
 * Ctrl+C or its context menu) without making it a Tab stop: a selectable
 * GtkLabel takes the keyboard focus in turn and selects all its text,
 * and a page of them stood between the user and the next button.
 */
void
ld_win_label_set_quiet_selectable (GtkLabel *label)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_label_set_selectable (label, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (label), FALSE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_label_pressed), label);
  gtk_widget_add_controller (GTK_WIDGET (label), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (focus, "leave", G_CALLBACK (on_label_focus_leave), label);
  gtk_widget_add_controller (GTK_WIDGET (label), focus);
}
