/* ld-win-help.c - the help page F1 opens, shown in a window of the app
 *
 * The help is an HTML page installed with the app (data/help/LANG/
 * index.html). A helpdesk PC or a Linux box may have no browser, or hand
 * text/html to an editor that needs a terminal; so F1 shows the page
 * here, always, and "Open in Browser" is there for those who want it.
 *
 * The pages are written for this: XHTML-clean (every element closed) and
 * only h1, h2, p, table/tr/th/td, code, kbd and em in their body. The
 * text is laid out in a text view, so it can be selected and copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-help"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-help.h"

typedef struct
{
  GtkTextBuffer *buffer;
  GPtrArray     *elements;  /* the open elements, innermost last (interned) */
  GString       *title;
  gboolean       in_title;
  guint          skip;      /* inside head or style: no text */
  gboolean       first_cell;
} Reader;

/* Whether the next text starts a line (no space before it). */
static gboolean
at_line_start (GtkTextBuffer *buffer)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_iter_is_start (&end))
    return TRUE;
  gtk_text_iter_backward_char (&end);
  return gtk_text_iter_get_char (&end) == '\n';
}

static const char *
tag_for_element (const char *element)
{
  static const char *map[][2] = {
    { "h1", "h1" }, { "h2", "h2" }, { "code", "code" }, { "kbd", "kbd" }, { "em", "em" },
    { "th", "th" }, { "tr", "row" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (element, map[i][0]) == 0)
      return map[i][1];
  return NULL;
}

static void
insert (Reader     *reader,
        const char *text,
        gssize      len)
{
  GtkTextIter end;
  int start_offset;
  GtkTextIter start;

  gtk_text_buffer_get_end_iter (reader->buffer, &end);
  start_offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (reader->buffer, &end, text, len);
  gtk_text_buffer_get_iter_at_offset (reader->buffer, &start, start_offset);
  gtk_text_buffer_get_end_iter (reader->buffer, &end);
  for (guint i = 0; i < reader->elements->len; i++)
    {
      const char *tag = tag_for_element (g_ptr_array_index (reader->elements, i));

      if (tag != NULL)
        gtk_text_buffer_apply_tag_by_name (reader->buffer, tag, &start, &end);
    }
}

/* Ends the block: one empty line after a paragraph or heading. */
static void
end_block (Reader *reader,
           guint   newlines)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (reader->buffer, &end);
  if (gtk_text_iter_is_start (&end))
    return;
  while (newlines-- > 0)
    gtk_text_buffer_insert (reader->buffer, &end, "\n", 1);
}

static void
on_start (GMarkupParseContext  *context,
          const char           *element,
          const char          **names,
          const char          **values,
          gpointer              user_data,
          GError              **error)
{
  Reader *reader = user_data;

  if (strcmp (element, "head") == 0 || strcmp (element, "style") == 0)
    reader->skip++;
  if (strcmp (element, "title") == 0)
    reader->in_title = TRUE;
  if (strcmp (element, "tr") == 0)
    reader->first_cell = TRUE;
  if ((strcmp (element, "td") == 0 || strcmp (element, "th") == 0) && !reader->skip)
    {
      /* Cells side by side: "Ctrl+O — Open logs". */
      if (!reader->first_cell)
        insert (reader, " — ", -1);
      reader->first_cell = FALSE;
    }
  g_ptr_array_add (reader->elements, (gpointer) g_intern_string (element));
}

static void
on_end (GMarkupParseContext  *context,
        const char           *element,
        gpointer              user_data,
        GError              **error)
{
  Reader *reader = user_data;

  if (reader->elements->len > 0)
    g_ptr_array_set_size (reader->elements, reader->elements->len - 1);
  if (strcmp (element, "head") == 0 || strcmp (element, "style") == 0)
    reader->skip--;
  else if (strcmp (element, "title") == 0)
    reader->in_title = FALSE;
  else if (reader->skip > 0)
    return;
  else if (strcmp (element, "p") == 0 || strcmp (element, "h1") == 0 || strcmp (element, "h2") == 0)
    end_block (reader, 2);
  else if (strcmp (element, "tr") == 0 || strcmp (element, "table") == 0)
    end_block (reader, 1);  /* a row ends its line; the table, its block */
}

/* Text as HTML shows it: runs of white space are one space, none at the
 * start of a line. */
static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 len,
         gpointer              user_data,
         GError              **error)
{
  Reader *reader = user_data;
  g_autoptr(GString) out = g_string_sized_new (len);
  gboolean space = FALSE;
  const char *inside = reader->elements->len > 0 ? g_ptr_array_index (reader->elements, reader->elements->len - 1) : "";

  if (reader->in_title)
    g_string_append_len (reader->title, text, len);
  if (reader->skip > 0)
    return;
  /* The white space between rows and cells is layout, not text. */
  if (strcmp (inside, "table") == 0 || strcmp (inside, "tr") == 0 || strcmp (inside, "body") == 0 ||
      strcmp (inside, "html") == 0)
    return;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isspace (text[i]))
        {
          space = TRUE;
          continue;
        }
      if (space && (out->len > 0 || !at_line_start (reader->buffer)))
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, text[i]);
    }
  if (space && out->len > 0)
    g_string_append_c (out, ' ');
  if (out->len > 0)
    insert (reader, out->str, out->len);
}

static void
create_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6, NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.25, NULL);
  /* Paths and search terms are never hyphenated where they wrap. */
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", "insert-hyphens", FALSE, NULL);
  gtk_text_buffer_create_tag (buffer, "kbd", "family", "monospace", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "em", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "th", "weight", PANGO_WEIGHT_BOLD, NULL);
  /* A table row: indented, its wrapped lines further in. */
  gtk_text_buffer_create_tag (buffer, "row", "left-margin", 36, "indent", -18, "pixels-below-lines", 3, NULL);
}

/**
 * ld_win_help_read:
 * @buffer: where the page's text goes (its tags are made here)
 * @path: the help page
 * @title: (out) (optional) (transfer full): the page's title
 * @error: why it could not be read
 *
 * Lays the help page at @path out in @buffer.
 *
 * Returns: whether it could be read
 */
gboolean
ld_win_help_read (GtkTextBuffer  *buffer,
                  const char     *path,
                  char          **title,
                  GError        **error)
{
  static const GMarkupParser parser = { on_start, on_end, on_text, NULL, NULL };
  g_autofree char *html = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  g_autoptr(GString) page_title = g_string_new (NULL);
  Reader reader = { buffer, elements, page_title, FALSE, 0, FALSE };
  gsize len;
  GtkTextIter end;

  if (!g_file_get_contents (path, &html, &len, error))
    return FALSE;
  gtk_text_buffer_set_text (buffer, "", 0);
  if (gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "h1") == NULL)
    create_tags (buffer);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &reader, NULL);
  if (!g_markup_parse_context_parse (context, html, len, error) || !g_markup_parse_context_end_parse (context, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  /* No empty lines at the end. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  while (gtk_text_iter_backward_char (&end) && gtk_text_iter_get_char (&end) == '\n')
    {
      GtkTextIter stop;

      gtk_text_buffer_get_end_iter (buffer, &stop);
      gtk_text_buffer_delete (buffer, &end, &stop);
      gtk_text_buffer_get_end_iter (buffer, &end);
    }
  if (title != NULL)
    *title = g_strstrip (g_strdup (page_title->str));
  return TRUE;
}

/* The window ----------------------------------------------------------------- */

static void
on_browser_shown (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GtkLabel *note = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("No browser could open the page: %s"), error->message);

      gtk_label_set_text (note, text);
      gtk_widget_add_css_class (GTK_WIDGET (note), "error");
    }
  g_object_unref (note);
}

static void
on_open_in_browser (GtkButton *button,
                    GtkWindow *window)
{
  const char *uri = g_object_get_data (G_OBJECT (window), "ld-help-uri");
  GtkLabel *note = g_object_get_data (G_OBJECT (window), "ld-help-note");

  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, on_browser_shown, g_object_ref (note));
}

/**
 * ld_win_help_new:
 * @parent: (nullable): the window F1 was pressed in
 * @path: the help page
 * @error: why it could not be read
 *
 * A window showing the help page at @path, its text selectable, with a
 * button that opens it in the browser and the page's location.
 *
 * Returns: (transfer none) (nullable): the window, not yet presented;
 *   %NULL with @error set when the page cannot be read
 */
GtkWindow *
ld_win_help_new (GtkWindow   *parent,
                 const char  *path,
                 GError     **error)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *where = NULL;
  GtkWidget *window, *header, *button, *box, *scroller, *view, *note;

  if (!ld_win_help_read (buffer, path, &title, error))
    {
      g_object_unref (buffer);
      return NULL;
    }
  uri = g_filename_to_uri (path, NULL, NULL);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title != NULL && *title != '\0' ? title : _("LyncDiag Help"));
  /* Within an 800x600 screen; the text wraps to any width. */
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 560);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  header = gtk_header_bar_new ();
  button = gtk_button_new_with_mnemonic (_("Open in _Browser"));
  gtk_widget_set_tooltip_text (button, _("Open this page in the web browser"));
  g_signal_connect (button, "clicked", G_CALLBACK (on_open_in_browser), window);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), button);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  view = gtk_text_view_new_with_buffer (buffer);
  g_object_unref (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (box), scroller);

  /* Where the page is, for a browser or a colleague. */
  where = g_strdup_printf (_("This page: %s"), path);
  note = gtk_label_new (where);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (note), TRUE);
  gtk_widget_set_focusable (note, FALSE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_set_margin_start (note, 12);
  gtk_widget_set_margin_end (note, 12);
  gtk_widget_set_margin_top (note, 6);
  gtk_widget_set_margin_bottom (note, 6);
  gtk_box_append (GTK_BOX (box), note);
  gtk_window_set_child (GTK_WINDOW (window), box);

  g_object_set_data_full (G_OBJECT (window), "ld-help-uri", g_steal_pointer (&uri), g_free);
  g_object_set_data (G_OBJECT (window), "ld-help-note", note);
  g_object_set_data (G_OBJECT (window), "ld-help-view", view);
  return GTK_WINDOW (window);
}

/**
 * ld_win_help_get_text_view:
 * @help: a window made by ld_win_help_new()
 *
 * Returns: (transfer none): the view with the page's text
 */
GtkTextView *
ld_win_help_get_text_view (GtkWindow *help)
{
  return g_object_get_data (G_OBJECT (help), "ld-help-view");
}
