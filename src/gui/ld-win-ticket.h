/* ld-win-ticket.h - what an attempt's outcome means in a sentence, and text for a helpdesk ticket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lyncdiag.h"

G_BEGIN_DECLS

char            *ld_win_ticket_dup_outcome     (const LdAttempt *attempt);
const LdFinding *ld_win_ticket_get_likeliest   (const LdAttempt *attempt);
char            *ld_win_ticket_dup_attempt     (LdAnalysis      *analysis,
                                                const LdAttempt *attempt);
char            *ld_win_ticket_dup_finding     (LdAnalysis      *analysis,
                                                const LdFinding *finding);
char            *ld_win_ticket_dup_attempt_ids (const LdFinding *finding,
                                                guint            max);

G_END_DECLS
