/* ld-atomic-file.c - write a file whole or not at all
 *
 * Every file LyncDiag writes (a report from the CLI or the app) goes
 * through here: a temporary file in the target's own folder, written,
 * flushed to the disk (fsync), then renamed over the target. Until the
 * rename, an existing file of that name is untouched; after it, the new one
 * is complete. On any failure the temporary file is removed; so it is when
 * SIGINT, SIGTERM or SIGHUP would end the process meanwhile (a handler
 * removes it first, then lets the signal do what it would have done). A
 * full disk therefore never leaves half a report, nor empties the file it
 * was to replace.
 *
 * A target that is a symbolic link is written where the link points (the
 * link stays); a dangling link is refused rather than followed to create a
 * file somewhere unexpected. Files without a local path (GVfs: smb://,
 * sftp://) are written through GIO's replace, which does the same within
 * what the backend offers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-atomic-file"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifdef G_OS_UNIX
# include <fcntl.h>
# include <limits.h>
# include <signal.h>
# include <stdlib.h>
# include <sys/stat.h>
# include <unistd.h>
# include <gio/gunixoutputstream.h>
#endif

#include "ld-atomic-file.h"
#include "ld-error.h"

struct _LdAtomicFile
{
  char              *name;      /* the target as the user would type it, for messages */
  GOutputStream     *stream;
  gboolean           done;      /* committed or given up */
  /* A local file */
  int                fd;
  int                dirfd;
  char              *base;      /* the target's name in its folder */
  char              *tmp;       /* the temporary's */
  int                slot;      /* in pending[], or -1 */
  /* Anything else, through GIO */
  GFileOutputStream *gio;
};

/* ---- Messages ---------------------------------------------------------- */

static void
set_write_error (GError     **error,
                 const char  *name,
                 int          errsv)
{
  switch (errsv)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("The disk is full: “%s” could not be written. Nothing was changed (a file of that "
                     "name is as it was). Free some space or choose another folder."), name);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Cannot write “%s”: you may not write in its folder. Choose another folder."), name);
      break;
    case EROFS:
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Cannot write “%s”: the disk is read-only. Choose another folder."), name);
      break;
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Cannot write “%s”: its folder does not exist. Create it, or choose another "
                     "folder."), name);
      break;
    default:
      /* TRANSLATORS: %s is the file, then the system's reason, e.g. "Input/output error" */
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Cannot write “%s”: %s. Nothing was changed (a file of that name is as it was)."),
                   name, g_strerror (errsv));
      break;
    }
}

static void
set_write_error_from_gio (GError     **error,
                          const char  *name,
                          GError      *gio_error)
{
  int errsv;

  if (g_error_matches (gio_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gio_error->domain == LD_ERROR)
    {
      g_propagate_error (error, g_error_copy (gio_error));
      return;
    }
  switch (gio_error->domain == G_IO_ERROR ? gio_error->code : -1)
    {
    case G_IO_ERROR_NO_SPACE: errsv = ENOSPC; break;
    case G_IO_ERROR_PERMISSION_DENIED: errsv = EACCES; break;
    case G_IO_ERROR_READ_ONLY: errsv = EROFS; break;
    case G_IO_ERROR_NOT_FOUND: errsv = ENOENT; break;
    default:
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Cannot write “%s”: %s. Nothing was changed (a file of that name is as it was)."),
                   name, gio_error->message);
      return;
    }
  set_write_error (error, name, errsv);
}

#ifdef G_OS_UNIX

/* ---- Temporary files a signal must not leave behind -------------------- */

#define N_SLOTS 16

typedef struct
{
  int                    claimed;   /* atomic */
  volatile sig_atomic_t  active;    /* dirfd and name are set */
  int                    dirfd;
  char                   name[NAME_MAX + 1];
} PendingSlot;

static PendingSlot pending[N_SLOTS];
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* Async-signal-safe: unlinkat(), sigaction() and raise() only. */
static void
on_fatal_signal (int sig)
{
  struct sigaction dfl;

  for (int i = 0; i < N_SLOTS; i++)
    if (pending[i].active)
      unlinkat (pending[i].dirfd, pending[i].name, 0);
  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  sigaction (sig, &dfl, NULL);
  /* Delivered once this handler returns: the process ends as it would have. */
  raise (sig);
}

/**
 * ld_atomic_file_install_signal_cleanup:
 *
 * Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of writes in
 * progress before they end the process. Only signals that would end it
 * are touched: a signal ignored (nohup) or handled by the program (such as
 * with g_unix_signal_add()) keeps its handler. Called by the first
 * ld_atomic_file_new(); call it earlier to cover a program's whole life.
 */
void
ld_atomic_file_install_signal_cleanup (void)
{
  static gsize installed;

  if (!g_once_init_enter (&installed))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old, sa;

      if (sigaction (cleanup_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL ||
          (old.sa_flags & SA_SIGINFO) != 0)
        continue;
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = on_fatal_signal;
      sigemptyset (&sa.sa_mask);
      for (guint j = 0; j < G_N_ELEMENTS (cleanup_signals); j++)
        sigaddset (&sa.sa_mask, cleanup_signals[j]);
      sigaction (cleanup_signals[i], &sa, NULL);
    }
  g_once_init_leave (&installed, 1);
}

static void
block_signals (sigset_t *old)
{
  sigset_t set;

  sigemptyset (&set);
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    sigaddset (&set, cleanup_signals[i]);
  pthread_sigmask (SIG_BLOCK, &set, old);
}

static void
restore_signals (const sigset_t *old)
{
  pthread_sigmask (SIG_SETMASK, old, NULL);
}

/* Called with the signals blocked, so that no handler sees half a slot. */
static int
pending_add (int         dirfd,
             const char *name)
{
  if (strlen (name) > NAME_MAX)
    return -1;
  for (int i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_compare_and_exchange (&pending[i].claimed, 0, 1))
      {
        pending[i].dirfd = dirfd;
        strcpy (pending[i].name, name);
        pending[i].active = 1;
        return i;
      }
  return -1;   /* more writes at once than slots: written all the same */
}

static void
pending_remove (int slot)
{
  if (slot < 0)
    return;
  pending[slot].active = 0;
  g_atomic_int_set (&pending[slot].claimed, 0);
}

/* ---- Local files ------------------------------------------------------- */

static gboolean
open_local (LdAtomicFile  *self,
            const char    *path,
            GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  struct stat st;
  gboolean exists;
  sigset_t old;

  /* Through a link to the file it names; never through a dangling one. */
  if (lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      target = realpath (path, NULL);
      if (target == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                       _("Will not write “%s”: it is a symbolic link to a file that does not exist. "
                         "Give the name of the file itself."), self->name);
          return FALSE;
        }
    }
  else
    target = g_strdup (path);

  exists = stat (target, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Cannot write “%s”: it is a folder. Give a file name, such as report.pdf in that "
                     "folder."), self->name);
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Will not write “%s”: it is not a regular file (a device or a pipe) and cannot be "
                     "replaced whole. Give a file name, or “-” for standard output."), self->name);
      return FALSE;
    }

  /* A file its owner made read-only is not replaced behind their back. */
  if (exists && access (target, W_OK) != 0 && errno == EACCES)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Will not replace “%s”: the file is read-only. Choose another name, or make it "
                     "writable first."), self->name);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  self->base = g_path_get_basename (target);
  self->dirfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->dirfd < 0)
    {
      set_write_error (error, self->name, errno);
      return FALSE;
    }

  for (int attempt = 0; attempt < 100 && self->fd < 0; attempt++)
    {
      int errsv;

      g_free (self->tmp);
      /* Hidden, beside the target, and recognisably its. */
      self->tmp = g_strdup_printf (".%.200s.%06x.tmp", self->base, g_random_int () & 0xffffff);
      block_signals (&old);
      self->fd = openat (self->dirfd, self->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      errsv = errno;
      if (self->fd >= 0)
        self->slot = pending_add (self->dirfd, self->tmp);
      restore_signals (&old);
      if (self->fd < 0 && errsv != EEXIST)
        {
          set_write_error (error, self->name, errsv);
          return FALSE;
        }
    }
  if (self->fd < 0)
    {
      set_write_error (error, self->name, EEXIST);
      return FALSE;
    }
  /* A file replaced keeps its permissions. */
  if (exists)
    (void) fchmod (self->fd, st.st_mode & 07777);
  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return TRUE;
}

static gboolean
commit_local (LdAtomicFile  *self,
              GCancellable  *cancellable,
              GError       **error)
{
  int fd = self->fd;

  if (fsync (fd) != 0 && errno != EINVAL)
    {
      set_write_error (error, self->name, errno);
      return FALSE;
    }
  self->fd = -1;
  g_clear_object (&self->stream);
  if (close (fd) != 0 && errno != EINTR)
    {
      set_write_error (error, self->name, errno);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (renameat (self->dirfd, self->tmp, self->dirfd, self->base) != 0)
    {
      set_write_error (error, self->name, errno);
      return FALSE;
    }
  /* The rename itself on the disk. */
  (void) fsync (self->dirfd);
  pending_remove (self->slot);
  self->slot = -1;
  g_clear_pointer (&self->tmp, g_free);
  return TRUE;
}

static void
abort_local (LdAtomicFile *self)
{
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
  if (self->tmp != NULL)
    unlinkat (self->dirfd, self->tmp, 0);
  pending_remove (self->slot);
  self->slot = -1;
  g_clear_pointer (&self->tmp, g_free);
}

#else /* !G_OS_UNIX */

void
ld_atomic_file_install_signal_cleanup (void)
{
}

#endif

/* ---- The object -------------------------------------------------------- */

/**
 * ld_atomic_file_new:
 * @target: the file to write; replaced only by ld_atomic_file_commit()
 * @cancellable: (nullable): a #GCancellable
 * @error: %LD_ERROR_WRITE with a sentence naming @target
 *
 * Starts writing @target: what is written to ld_atomic_file_get_stream()
 * goes to a temporary file beside it.
 *
 * Returns: (transfer full) (nullable): the file being written
 */
LdAtomicFile *
ld_atomic_file_new (GFile         *target,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LdAtomicFile) self = g_new0 (LdAtomicFile, 1);
  g_autofree char *path = g_file_get_path (target);

  g_return_val_if_fail (G_IS_FILE (target), NULL);

  self->name = g_file_get_parse_name (target);
  self->fd = -1;
  self->dirfd = -1;
  self->slot = -1;
#ifdef G_OS_UNIX
  ld_atomic_file_install_signal_cleanup ();
  if (path != NULL)
    return open_local (self, path, error) ? g_steal_pointer (&self) : NULL;
#endif
  {
    g_autoptr(GError) local_error = NULL;

    self->gio = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &local_error);
    if (self->gio == NULL)
      {
        set_write_error_from_gio (error, self->name, local_error);
        return NULL;
      }
    self->stream = g_object_ref (G_OUTPUT_STREAM (self->gio));
  }
  return g_steal_pointer (&self);
}

/**
 * ld_atomic_file_get_stream:
 * @self: a file being written
 *
 * Returns: (transfer none): where to write its contents
 */
GOutputStream *
ld_atomic_file_get_stream (LdAtomicFile *self)
{
  return self->stream;
}

/**
 * ld_atomic_file_commit:
 * @self: a file being written
 * @cancellable: (nullable): a #GCancellable: cancelled, nothing is replaced
 * @error: %LD_ERROR_WRITE with a sentence naming the target
 *
 * Puts the file written in place of the target, once it is on the disk.
 * On failure, nothing was replaced.
 *
 * Returns: %TRUE when the target holds everything written
 */
gboolean
ld_atomic_file_commit (LdAtomicFile  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL && !self->done, FALSE);

  self->done = TRUE;
#ifdef G_OS_UNIX
  if (self->gio == NULL)
    {
      if (commit_local (self, cancellable, error))
        return TRUE;
      abort_local (self);
      return FALSE;
    }
#endif
  {
    g_autoptr(GError) local_error = NULL;

    if (g_cancellable_set_error_if_cancelled (cancellable, error))
      {
        g_autoptr(GCancellable) abort = g_cancellable_new ();

        /* Closed cancelled, a replace is given up. */
        g_cancellable_cancel (abort);
        g_output_stream_close (self->stream, abort, NULL);
        return FALSE;
      }
    if (!g_output_stream_close (self->stream, cancellable, &local_error))
      {
        set_write_error_from_gio (error, self->name, local_error);
        return FALSE;
      }
  }
  return TRUE;
}

/**
 * ld_atomic_file_free:
 * @self: (nullable): a file being written, or written
 *
 * Frees @self; when it was not committed, the temporary file is removed and
 * the target is as it was.
 */
void
ld_atomic_file_free (LdAtomicFile *self)
{
  if (self == NULL)
    return;
#ifdef G_OS_UNIX
  if (self->gio == NULL)
    abort_local (self);
#endif
  if (self->gio != NULL && !self->done)
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      g_cancellable_cancel (abort);
      g_output_stream_close (self->stream, abort, NULL);
    }
#ifdef G_OS_UNIX
  if (self->dirfd >= 0)
    close (self->dirfd);
#endif
  g_clear_object (&self->stream);
  g_clear_object (&self->gio);
  g_free (self->base);
  g_free (self->tmp);
  g_free (self->name);
  g_free (self);
}

/**
 * ld_atomic_file_replace_contents:
 * @target: the file to write
 * @data: (array length=len): its new contents
 * @len: their length
 * @cancellable: (nullable): a #GCancellable
 * @error: %LD_ERROR_WRITE with a sentence naming @target
 *
 * Writes @target whole or not at all (see ld_atomic_file_new()).
 *
 * Returns: %TRUE when @target holds @data
 */
gboolean
ld_atomic_file_replace_contents (GFile         *target,
                                 const void    *data,
                                 gsize          len,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(LdAtomicFile) file = ld_atomic_file_new (target, cancellable, error);
  g_autoptr(GError) local_error = NULL;
  gsize written = 0;

  if (file == NULL)
    return FALSE;
  if (!g_output_stream_write_all (file->stream, data, len, &written, cancellable, &local_error))
    {
      set_write_error_from_gio (error, file->name, local_error);
      return FALSE;
    }
  return ld_atomic_file_commit (file, cancellable, error);
}
