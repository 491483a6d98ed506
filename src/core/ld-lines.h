/* ld-lines.h - text broken into lines in linear time, never inside an address or a URI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* The report's one sans and one monospace family, named exactly, so the
 * PDF embeds these two and no face fontconfig would pick for "Monospace". */
#define LD_REPORT_SANS "DejaVu Sans"
#define LD_REPORT_MONO "DejaVu Sans Mono"

typedef struct
{
  double r, g, b;
} LdRgb;

typedef enum
{
  LD_FACE_SANS,
  LD_FACE_SANS_BOLD,
  LD_FACE_SANS_ITALIC,
  LD_FACE_MONO,
  LD_FACE_MONO_BOLD,
  LD_N_FACES,
} LdFace;

/* Widths of characters, measured once per face: a line's width is the sum
 * of its characters' advances (lines are drawn without kerning or
 * ligatures, so the sum is what gets drawn), which keeps breaking a
 * megabyte of text linear. */
typedef struct _LdMetrics LdMetrics;

LdMetrics  *ld_metrics_new            (PangoContext *context,
                                       const char   *sans,
                                       const char   *mono);
LdMetrics  *ld_metrics_get_for_screen (void);
void        ld_metrics_free           (LdMetrics    *metrics);
PangoContext *ld_metrics_get_context  (LdMetrics    *metrics);
double      ld_metrics_char_width     (LdMetrics    *metrics,
                                       LdFace        face,
                                       double        size,
                                       gunichar      c);
double      ld_metrics_text_width     (LdMetrics    *metrics,
                                       LdFace        face,
                                       double        size,
                                       const char   *text,
                                       gssize        len);
double      ld_metrics_ascent         (LdMetrics    *metrics,
                                       LdFace        face,
                                       double        size);
double      ld_metrics_line_height    (LdMetrics    *metrics,
                                       LdFace        face,
                                       double        size);
PangoFontDescription *ld_metrics_dup_font (LdMetrics *metrics,
                                           LdFace     face,
                                           double     size);

/* A piece of a paragraph in one face and colour. */
typedef struct
{
  guint        start, end;   /* bytes of LdText.text */
  LdFace       face;
  const LdRgb *color;        /* NULL: the block's colour */
} LdSpan;

/* Text to set: valid UTF-8 with spans of faces. Build it with the
 * functions below; tabs become spaces and control characters U+FFFD. */
typedef struct
{
  GString *text;
  GArray  *spans;            /* (element-type LdSpan), in order, covering text */
  double   size;
} LdText;

typedef struct
{
  guint    start, end;       /* bytes, without the spaces the line ends on */
  double   width;
  gboolean cut;              /* a token too long for any line was cut here */
} LdLine;

LdText     *ld_text_new               (double        size);
void        ld_text_free              (LdText       *text);
void        ld_text_append            (LdText       *text,
                                       LdFace        face,
                                       const LdRgb  *color,
                                       const char   *str);
void        ld_text_append_len        (LdText       *text,
                                       LdFace        face,
                                       const LdRgb  *color,
                                       const char   *str,
                                       gssize        len);
GArray     *ld_text_break             (LdText       *text,
                                       LdMetrics    *metrics,
                                       double        width);
void        ld_text_measure           (LdText       *text,
                                       LdMetrics    *metrics,
                                       double       *out_min,
                                       double       *out_max);
double      ld_text_line_height       (LdText       *text,
                                       LdMetrics    *metrics);
void        ld_text_draw_line         (LdText       *text,
                                       LdMetrics    *metrics,
                                       cairo_t      *cr,
                                       const LdLine *line,
                                       double        x,
                                       double        top,
                                       const LdRgb  *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdText, ld_text_free)

G_END_DECLS
