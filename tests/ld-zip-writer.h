/* ld-zip-writer.h - write zips byte by byte, lies included, for the tests
 *
 * libzip writes only honest zips; the hostile ones (sizes that lie,
 * duplicate names, damaged data, unknown methods) are written here from
 * the format's description: PKWARE APPNOTE.TXT 6.3.x, sections 4.3.7
 * (local file header), 4.3.12 (central directory header) and 4.3.16 (end
 * of central directory record). Header-only; used by test-input.c and
 * ld-gen-zip.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>
#include <zlib.h>

typedef struct
{
  const char   *name;
  guint16       method;        /* 0 stored, 8 deflated, anything else as given */
  guint16       flags;         /* bit 0: encrypted */
  const guint8 *data;          /* the bytes as stored (compressed already for method 8) */
  gsize         len;
  guint32       crc;           /* of the uncompressed data */
  guint32       size;          /* uncompressed size, as declared */
} ZwMember;

static inline void
zw_u16 (GByteArray *b,
        guint16     v)
{
  guint8 x[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (b, x, 2);
}

static inline void
zw_u32 (GByteArray *b,
        guint32     v)
{
  guint8 x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (b, x, 4);
}

/* Raw deflate (no zlib header), as zip method 8 stores it. */
static inline guint8 *
zw_deflate (const void *data,
            gsize       len,
            int         level,
            gsize      *out_len)
{
  z_stream z = { 0 };
  gsize cap;
  guint8 *out;

  g_assert (deflateInit2 (&z, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  cap = deflateBound (&z, len);
  out = g_malloc (cap);
  z.next_in = (Bytef *) data;
  z.avail_in = len;
  z.next_out = out;
  z.avail_out = cap;
  g_assert (deflate (&z, Z_FINISH) == Z_STREAM_END);
  *out_len = z.total_out;
  deflateEnd (&z);
  return out;
}

static inline guint32
zw_crc (const void *data,
        gsize       len)
{
  return crc32 (crc32 (0, NULL, 0), data, len);
}

/* A member deflated honestly from @data; @data must outlive the member. */
static inline ZwMember
zw_member_deflated (const char *name,
                    const void *data,
                    gsize       len,
                    guint8    **compressed)
{
  ZwMember m = { name, 8, 0, NULL, 0, zw_crc (data, len), (guint32) len };

  *compressed = zw_deflate (data, len, 6, &m.len);
  m.data = *compressed;
  return m;
}

static inline GByteArray *
zw_build (const ZwMember *members,
          guint           n)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) cd = g_byte_array_new ();

  for (guint i = 0; i < n; i++)
    {
      const ZwMember *m = &members[i];
      guint16 name_len = strlen (m->name);
      guint32 offset = out->len;

      zw_u32 (out, 0x04034b50);
      zw_u16 (out, 20);
      zw_u16 (out, m->flags);
      zw_u16 (out, m->method);
      zw_u16 (out, 0);            /* time */
      zw_u16 (out, 0x21);         /* date: 1980-01-01 */
      zw_u32 (out, m->crc);
      zw_u32 (out, m->len);
      zw_u32 (out, m->size);
      zw_u16 (out, name_len);
      zw_u16 (out, 0);
      g_byte_array_append (out, (const guint8 *) m->name, name_len);
      g_byte_array_append (out, m->data, m->len);

      zw_u32 (cd, 0x02014b50);
      zw_u16 (cd, 20);
      zw_u16 (cd, 20);
      zw_u16 (cd, m->flags);
      zw_u16 (cd, m->method);
      zw_u16 (cd, 0);
      zw_u16 (cd, 0x21);
      zw_u32 (cd, m->crc);
      zw_u32 (cd, m->len);
      zw_u32 (cd, m->size);
      zw_u16 (cd, name_len);
      zw_u16 (cd, 0);             /* extra */
      zw_u16 (cd, 0);             /* comment */
      zw_u16 (cd, 0);             /* disk */
      zw_u16 (cd, 0);             /* internal attributes */
      zw_u32 (cd, 0);             /* external attributes */
      zw_u32 (cd, offset);
      g_byte_array_append (cd, (const guint8 *) m->name, name_len);
    }
  {
    guint32 cd_offset = out->len;

    g_byte_array_append (out, cd->data, cd->len);
    zw_u32 (out, 0x06054b50);
    zw_u16 (out, 0);
    zw_u16 (out, 0);
    zw_u16 (out, n);
    zw_u16 (out, n);
    zw_u32 (out, cd->len);
    zw_u32 (out, cd_offset);
    zw_u16 (out, 0);
  }
  return out;
}
