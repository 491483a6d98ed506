/* ld-redact-analysis.c - a redacted analysis: the same inputs read again through the redactor
 *
 * A report is redacted by building it from an analysis whose values were
 * replaced as its inputs were read, never by searching the report's
 * sentences. The app and the command line hold an analysis of the real
 * values; this loads the files they were given again, twice, with the
 * loader they used (ld-loader.c: the same order, the same policy for an
 * input that fails):
 *
 *  1. a learning pass: every record and trace line goes through the
 *     redactor (ld-redact-sip.c) only to meet every identifying value
 *     (nothing is analysed);
 *  2. the pass that counts: a new redactor that knows all those values
 *     from the start (so a name in a trace line before the person's first
 *     SIP message is replaced too, and no pseudonym equals a real value)
 *     rewrites every record before the analysis parses it.
 *
 * The result is an ordinary analysis: attempts, findings, the wizard and
 * every report format derived from it see pseudonyms only, in the log's
 * own line numbers. Its redactor then checks the finished report
 * (ld-redact-scan.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-analysis-private.h"
#include "ld-error.h"
#include "ld-input-private.h"
#include "ld-loader-private.h"
#include "ld-redact-private.h"

typedef struct
{
  LdProgressFunc func;
  gpointer       data;
  guint          pass;   /* 0 or 1: each is half of the work */
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;
  guint64 t = MAX (total, 1);

  if (p->func != NULL)
    p->func (p->pass * t + done, 2 * t, p->data);
}

/* Makes @self read every input through @redactor (taking it); before
 * anything is read. */
void
_ld_analysis_set_redactor (LdAnalysis *self,
                           LdRedactor *redactor)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (self->inputs->len == 0);

  g_clear_pointer (&self->redactor, ld_redactor_free);
  self->redactor = redactor;
}

/**
 * ld_analysis_get_redactor:
 *
 * Returns: (transfer none) (nullable): the redactor every input of @self
 *   was read through, or %NULL when @self is not redacted.
 */
LdRedactor *
ld_analysis_get_redactor (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);
  return self->redactor;
}

/* The first file read before that cannot be read now, in a sentence
 * that names it (its real name: the user must find it), or NULL when no
 * file the user named newly failed. */
static char *
dup_new_failure (LdAnalysis *source,
                 LdLoader   *loader)
{
  GPtrArray *before = ld_analysis_get_skipped (source);
  GPtrArray *files = ld_loader_get_files (loader);

  for (guint i = 0; i < files->len; i++)
    {
      const GError *now = _ld_loader_get_file_error (loader, i);
      g_autofree char *name = NULL;
      gboolean known = FALSE;

      if (now == NULL || !(g_error_matches (now, LD_ERROR, LD_ERROR_READ) ||
                           g_error_matches (now, LD_ERROR, LD_ERROR_ZIP)))
        continue;
      name = g_file_get_parse_name (g_ptr_array_index (files, i));
      for (guint j = 0; j < before->len && !known; j++)
        {
          const LdSkippedInput *then = g_ptr_array_index (before, j);

          known = then->member == NULL && g_strcmp0 (then->path, name) == 0;
        }
      if (!known)
        return g_strdup_printf (_("A redacted report reads the logs again, and “%s” cannot be read "
                                  "any more: %s Put the file back, or open the logs again, then "
                                  "write the report."), name, now->message);
    }
  return NULL;
}

/* Loads @named through @redactor (taking it) with the one loader every
 * front end uses, so the same files are read in the same order and one
 * that fails is skipped as it was the first time. The same logs must be
 * read and the same ones skipped as in @source, or the report would not
 * be the one the user looked at: @error then says which file newly
 * failed, or that the logs changed. */
static LdAnalysis *
load_through (LdAnalysis    *source,
              GPtrArray     *named,
              LdRedactor    *redactor,
              Progress      *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autofree char *failure = NULL;
  guint n_then = ld_analysis_get_inputs (source)->len;
  guint n_now;

  for (guint i = 0; i < named->len; i++)
    {
      /* As they were named: a path, or the URI of a share. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (named->pdata[i]);

      ld_loader_add_file (loader, file);
    }
  _ld_loader_set_redactor (loader, redactor);
  _ld_loader_set_progress_func (loader, on_progress, progress);
  analysis = ld_loader_load (loader, cancellable, NULL);
  /* Cancelled, however the reading put it. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  n_now = analysis != NULL ? ld_analysis_get_inputs (analysis)->len : 0;
  if (analysis != NULL && n_now == n_then &&
      ld_analysis_get_skipped (analysis)->len == ld_analysis_get_skipped (source)->len)
    return g_steal_pointer (&analysis);

  failure = dup_new_failure (source, loader);
  if (failure != NULL)
    g_set_error_literal (error, LD_ERROR, LD_ERROR_READ, failure);
  else
    g_set_error (error, LD_ERROR, LD_ERROR_READ,
                 _("The logs changed since they were analysed (%u logs then, %u now). Open them again, "
                   "then write the redacted report."), n_then, n_now);
  return NULL;
}

/**
 * ld_analysis_dup_redacted:
 * @source: a finished analysis of files (ld_analysis_add_file())
 * @progress: (nullable): called as the files are read
 * @cancellable: (nullable): stops the reading
 * @error: %LD_ERROR_READ when an input cannot be read again or has
 *   changed, %LD_ERROR_NOT_A_LOG when @source was not read from files
 *
 * Reads the files @source was given again, with every identifying value
 * replaced as it is read, and finishes the analysis. Safe in a worker
 * thread: @source is only asked which files it read.
 *
 * Returns: (transfer full) (nullable): the redacted analysis; its
 *   redactor (ld_analysis_get_redactor()) checks reports made from it.
 */
LdAnalysis *
ld_analysis_dup_redacted (LdAnalysis     *source,
                          LdProgressFunc  progress,
                          gpointer        progress_data,
                          GCancellable   *cancellable,
                          GError        **error)
{
  GPtrArray *named;
  g_autoptr(LdAnalysis) learning = NULL;
  g_autoptr(LdAnalysis) redacted = NULL;
  LdRedactor *learner;
  LdRedactor *redactor;
  Progress p = { progress, progress_data, 0 };

  g_return_val_if_fail (LD_IS_ANALYSIS (source), NULL);

  named = _ld_analysis_get_input_state (source)->named_paths;
  if (named == NULL || named->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG,
                   _("These logs were not opened from files, so they cannot be read again with their names "
                     "replaced. Save them to a file, open it, then write the redacted report."));
      return NULL;
    }

  learner = ld_redactor_new ();
  learner->learning = TRUE;
  learning = load_through (source, named, learner, &p, cancellable, error);
  if (learning == NULL)
    return NULL;

  redactor = ld_redactor_new ();
  _ld_redactor_seed_from (redactor, learner);
  g_clear_object (&learning);
  p.pass = 1;
  redacted = load_through (source, named, redactor, &p, cancellable, error);
  if (redacted == NULL)
    return NULL;
  return g_steal_pointer (&redacted);
}
