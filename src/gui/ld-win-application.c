/* ld-win-application.c - the LyncDiag GtkApplication: windows, files to open, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-application"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-application.h"
#include "ld-win-bench.h"
#include "ld-win-help.h"
#include "ld-win-style.h"
#include "ld-win-window-private.h"

struct _LdWinApplication
{
  GtkApplication parent_instance;
  char          *view;    /* --view, for the first document */
  char          *search;  /* --search, for the first document */
  char          *bench;   /* --bench: the file to time */
  int            status;  /* exit status, for --bench */
  GtkWindow     *help;    /* the help window while it is open (weak) */
};

G_DEFINE_FINAL_TYPE (LdWinApplication, ld_win_application, GTK_TYPE_APPLICATION)

static LdWinWindow *
blank_or_new_window (LdWinApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A second launch or a double-click reuses an empty window and
   * otherwise opens beside the document already being read. */
  if (active != NULL && LD_WIN_IS_WINDOW (active) && ld_win_window_is_blank (LD_WIN_WINDOW (active)))
    return LD_WIN_WINDOW (active);
  return ld_win_window_new (GTK_APPLICATION (self));
}

static void
on_bench_done (int      status,
               gpointer user_data)
{
  LdWinApplication *self = user_data;

  self->status = status;
  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
}

static void
start_bench (LdWinApplication *self)
{
  LdWinWindow *window = ld_win_window_new (GTK_APPLICATION (self));
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->bench);

  /* A timing run is not something the user opened. */
  ld_win_window_set_recent_enabled (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  g_application_hold (G_APPLICATION (self));
  ld_win_bench_run (window, file, on_bench_done, self);
}

static void
ld_win_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (LD_WIN_APPLICATION (app)->bench != NULL)
    {
      start_bench (LD_WIN_APPLICATION (app));
      g_clear_pointer (&LD_WIN_APPLICATION (app)->bench, g_free);
      return;
    }

  if (window == NULL)
    window = GTK_WINDOW (ld_win_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
}

/* Every file of one launch makes one document: both parties' logs, or a
 * log and its .bak, read together. */
static void
ld_win_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  LdWinWindow *window;

  /* --bench times its own file; others given with it are not opened. */
  if (LD_WIN_APPLICATION (app)->bench != NULL)
    {
      ld_win_application_activate (app);
      return;
    }
  window = blank_or_new_window (LD_WIN_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  ld_win_window_set_initial_view (window, LD_WIN_APPLICATION (app)->view, LD_WIN_APPLICATION (app)->search);
  g_clear_pointer (&LD_WIN_APPLICATION (app)->view, g_free);
  g_clear_pointer (&LD_WIN_APPLICATION (app)->search, g_free);
  ld_win_window_open (window, files, n_files);
}

static int
ld_win_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  LdWinApplication *self = LD_WIN_APPLICATION (app);
  const char *view = NULL, *search = NULL;
  g_autofree char *bench = NULL;

  if (g_variant_dict_lookup (options, "view", "&s", &view))
    {
      if (g_strcmp0 (view, "attempts") != 0 && g_strcmp0 (view, "messages") != 0 &&
          g_strcmp0 (view, "findings") != 0 && g_strcmp0 (view, "flow") != 0)
        {
          g_printerr (_("lyncdiag: --view takes attempts, flow, messages or findings\n"));
          return 2;
        }
      g_free (self->view);
      self->view = g_strdup (view);
    }
  if (g_variant_dict_lookup (options, "search", "&s", &search))
    {
      g_free (self->search);
      self->search = g_strdup (search);
    }
  if (g_variant_dict_lookup (options, "bench", "^ay", &bench))
    {
      g_free (self->bench);
      self->bench = g_steal_pointer (&bench);
      /* Timed in this process, never handed to a running instance. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
ld_win_application_finalize (GObject *object)
{
  LdWinApplication *self = LD_WIN_APPLICATION (object);

  g_free (self->view);
  g_free (self->search);
  g_free (self->bench);
  G_OBJECT_CLASS (ld_win_application_parent_class)->finalize (object);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The LyncDiag authors", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", "LyncDiag",
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Find out why Lync and Skype for Business conference joins, calls and "
                                       "screen sharing fail, from the client's own logs."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

/**
 * ld_win_application_dup_help_uri:
 *
 * The help page in the user's language when there is one, else in
 * English: LYNCDIAG_HELPDIR (a run from the build tree), else where it was
 * installed.
 *
 * Returns: (transfer full) (nullable): its file:// URI, or %NULL when the
 *   help is not installed
 */
char *
ld_win_application_dup_help_uri (void)
{
  const char *dir = g_getenv ("LYNCDIAG_HELPDIR");
  const char * const *languages = g_get_language_names ();

  if (dir == NULL || *dir == '\0')
    dir = HELPDIR;
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, languages[i], "index.html", NULL);

      /* "C" is the last name of every list: the English page. */
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_filename_to_uri (path, NULL, NULL);
    }
  return NULL;
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LdWinApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *uri = ld_win_application_dup_help_uri ();
  g_autofree char *path = uri != NULL ? g_filename_from_uri (uri, NULL, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *help;

  if (self->help != NULL)
    {
      gtk_window_present (self->help);
      return;
    }
  if (path == NULL)
    {
      if (window != NULL && LD_WIN_IS_WINDOW (window))
        ld_win_window_show_message (LD_WIN_WINDOW (window),
                                    _("The help is not installed. Install LyncDiag (meson install), or read "
                                      "data/help/C/index.html in its source."));
      return;
    }
  /* Shown here, not handed to a browser the PC may not have. */
  help = ld_win_help_new (window, path, &error);
  if (help == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The help page could not be read: %s"), error->message);

      if (window != NULL && LD_WIN_IS_WINDOW (window))
        ld_win_window_show_message (LD_WIN_WINDOW (window), text);
      return;
    }
  gtk_window_set_application (help, GTK_APPLICATION (self));
  self->help = help;
  g_object_add_weak_pointer (G_OBJECT (help), (gpointer *) &self->help);
  gtk_window_present (help);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "help", help_action },
  { "quit", quit_action },
};

static void
ld_win_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.next-failure", { "F8", "<Control>period", NULL } },
    { "win.previous-failure", { "<Shift>F8", "<Control>comma", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.wizard", { "<Control><Shift>a", NULL } },
    { "win.show-timeline", { "<Control>t", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.reload", { "F5", "<Control>r", NULL } },
    { "win.follow", { "<Control>l", NULL } },
    { "win.show-view::attempts", { "<Alt>1", NULL } },
    { "win.show-view::messages", { "<Alt>2", NULL } },
    { "win.show-view::findings", { "<Alt>3", NULL } },
    { "win.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (ld_win_application_parent_class)->startup (app);

  ld_win_style_load ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
ld_win_application_class_init (LdWinApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ld_win_application_finalize;
  app_class->handle_local_options = ld_win_application_handle_local_options;
  app_class->activate = ld_win_application_activate;
  app_class->open = ld_win_application_open;
  app_class->startup = ld_win_application_startup;
}

static void
ld_win_application_init (LdWinApplication *self)
{
  static const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Show this view of the files first: attempts, flow (the call flow), messages or findings"), N_("VIEW") },
    { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Search the messages for this, e.g. callid:1234 or method:INVITE"), N_("QUERY") },
    { "bench", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open FILE, print how long it took until the first attempt was drawn and until the document "
         "was shown, the longest main-loop stall meanwhile, resident memory and the input size, "
         "one \"name: value\" line each, then quit"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open Lync and Skype for Business client logs (.uccapilog), "
                                              "folders of them or MOSDALREPORT.zip files."));
}

/**
 * ld_win_application_get_status:
 *
 * Returns: the exit status a --bench run asks for, 0 otherwise
 */
int
ld_win_application_get_status (LdWinApplication *self)
{
  return self->status;
}

LdWinApplication *
ld_win_application_new (void)
{
  return g_object_new (LD_WIN_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/lyncdiag/LyncDiag",
                       NULL);
}
