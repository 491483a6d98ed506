/* ld-knowledge.h - what LyncDiag knows about Lync failures, as tables: causes, rivalries, ports
 *
 * The rules (ld-rules*.c), decode, the wizard, the report, `lyncdiag-cli
 * rules` and the README's rule list read these rows.  A UC engineer
 * corrects a meaning or an action by editing a row in ld-causes.c or
 * ld-ports.c; codes are in ld-codes.c and ICE bits in ld-ice-warn.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"

G_BEGIN_DECLS

/* Severity and confidence mean the same in every rule:
 *
 * severity   error    an attempt failed and this explains why
 *            warning  a likely contributor or a pattern worth a look, but
 *                     not on its own the reason an attempt failed
 *            info     nothing failed because of it (a note about calls that
 *                     worked, or a person's decision such as a decline)
 * confidence high     the log states it: a code or ICE bit whose documented
 *                     meaning is the cause, with nothing that contradicts it
 *            medium   the evidence fits the cause, but another cause fits it
 *                     too, or one piece of the documented picture is missing
 *            low      a possibility that a check must confirm */

typedef struct
{
  const char  *id;             /* stable; the finding id and cause of every finding for it */
  LdSeverity   severity;       /* on an attempt it explains */
  guint        also;           /* other severities it can be given: 1 << LD_SEVERITY_… */
  const char  *title;          /* N_; the same words in findings, wizard and report */
  const char  *triggers;       /* N_; what makes it stand (README, `lyncdiag-cli rules`) */
  const char  *actions[5];     /* N_; what to do, generic; findings add the addresses they saw */
  const char  *reference;      /* where the meaning and the actions come from */
  const char  *article_cause;  /* the cause of Microsoft's article (KB 2386684) it counts for, or NULL */
  guint        article_order;  /* 1.. for the article's own causes, in its order; 0 otherwise */
  gboolean     media;          /* about a media path: the modalities of its attempts are named */
  gboolean     pattern;        /* a pattern across attempts, not a cause (fails-…) */
} LdCause;

/* Two causes that fit the same evidence: which is the more likely when
 * both stand with the same confidence, why, and what tells them apart. */
typedef struct
{
  const char *likely;          /* cause id */
  const char *other;           /* cause id */
  const char *why;             /* N_ */
  const char *check;           /* N_ */
} LdCauseRivalry;

/* Ports and relays that actions name, so every action says the same. */
typedef struct
{
  const char *id;
  const char *text;            /* N_ */
  const char *reference;
} LdPortSet;

const LdCause        *ld_cause_lookup           (const char   *id);
const LdCause        *ld_causes_list            (guint        *n_causes);
char                 *ld_cause_dup_severities   (const LdCause *cause);
const LdCause        *ld_cause_get_article_cause (const LdCause *cause);
GPtrArray            *ld_causes_dup_article_causes (void);

const LdCauseRivalry *ld_cause_rivalry_lookup   (const char   *a,
                                                 const char   *b);
const LdCauseRivalry *ld_cause_rivalries_list   (guint        *n_rivalries);

const LdFinding      *ld_finding_get_likelier   (const LdFinding *a,
                                                 const LdFinding *b,
                                                 const LdCauseRivalry **rivalry);
char                 *ld_finding_dup_rivalry_text (GPtrArray     *findings,
                                                 const LdFinding *finding);

const LdPortSet      *ld_port_set_lookup        (const char   *id);
const char           *ld_port_set_get_text      (const char   *id);

G_END_DECLS
