/* ld-analysis-labels.c - the names of kinds, modalities, outcomes, severities and confidences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-analysis.h"


const char *
ld_attempt_kind_to_string (LdAttemptKind kind)
{
  static const char *names[] = {
    "conference", "peer-to-peer", "sign-in", "subscription", "service", "message", "info", "refer",
    "options", "publish", "other",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LD_ATTEMPT_N_KINDS);
  return (guint) kind < G_N_ELEMENTS (names) ? names[kind] : "other";
}

/**
 * ld_attempt_kind_is_routine:
 * @kind: an attempt kind
 *
 * Returns: whether exchanges of @kind are routine traffic (sign-in,
 *   subscriptions, SERVICE, OPTIONS…) rather than calls and joins: views
 *   may count the ones that succeeded instead of listing them
 */
gboolean
ld_attempt_kind_is_routine (LdAttemptKind kind)
{
  return kind != LD_ATTEMPT_CONFERENCE && kind != LD_ATTEMPT_PEER_TO_PEER;
}

const char *
ld_modality_to_string (LdModality modality)
{
  static const char *names[] = {
    "focus", "chat", "audio-video", "application-sharing", "audio", "video", "data", "other",
  };

  return (guint) modality < G_N_ELEMENTS (names) ? names[modality] : "other";
}

const char *
ld_outcome_to_string (LdOutcome outcome)
{
  static const char *names[] = { "succeeded", "failed", "cancelled", "no-response" };

  return (guint) outcome < G_N_ELEMENTS (names) ? names[outcome] : "failed";
}

const char *
ld_severity_to_string (LdSeverity severity)
{
  static const char *names[] = { "error", "warning", "info" };

  return (guint) severity < G_N_ELEMENTS (names) ? names[severity] : "info";
}

const char *
ld_confidence_to_string (LdConfidence confidence)
{
  static const char *names[] = { "high", "medium", "low" };

  return (guint) confidence < G_N_ELEMENTS (names) ? names[confidence] : "low";
}

/* The *_to_string names above are the JSON/CSV vocabulary and stay English;
 * these are the same words for people, in their language. The English
 * msgids equal the machine names so the English text output does not
 * change; the contexts keep them apart from the same words elsewhere. */

/**
 * ld_attempt_kind_get_label:
 * @kind: an attempt kind
 *
 * Returns: (transfer none): the kind in the user's language
 */
const char *
ld_attempt_kind_get_label (LdAttemptKind kind)
{
  switch (kind)
    {
    case LD_ATTEMPT_CONFERENCE: return C_("attempt kind", "conference");
    case LD_ATTEMPT_PEER_TO_PEER: return C_("attempt kind", "peer-to-peer");
    case LD_ATTEMPT_SIGN_IN: return C_("attempt kind", "sign-in");
    case LD_ATTEMPT_SUBSCRIPTION: return C_("attempt kind", "subscription");
    case LD_ATTEMPT_SERVICE: return C_("attempt kind", "service");
    case LD_ATTEMPT_MESSAGE: return C_("attempt kind", "message");
    case LD_ATTEMPT_INFO: return C_("attempt kind", "info");
    case LD_ATTEMPT_REFER: return C_("attempt kind", "refer");
    case LD_ATTEMPT_OPTIONS: return C_("attempt kind", "options");
    case LD_ATTEMPT_PUBLISH: return C_("attempt kind", "publish");
    case LD_ATTEMPT_OTHER:
    case LD_ATTEMPT_N_KINDS:
    default: return C_("attempt kind", "other");
    }
}

/**
 * ld_attempt_get_side_label:
 * @attempt: an attempt
 *
 * Returns: (transfer none) (nullable): who sent the message that failed
 *   @attempt, in the user's language ("sent by this client",
 *   "received"), or %NULL when it did not fail
 */
const char *
ld_attempt_get_side_label (const LdAttempt *attempt)
{
  if (attempt->failure == NULL)
    return NULL;
  return ld_direction_get_label (attempt->failure_side);
}

/**
 * ld_direction_get_label:
 * @direction: a direction
 *
 * Returns: (transfer none): who sent a message, in the user's language
 */
const char *
ld_direction_get_label (LdDirection direction)
{
  switch (direction)
    {
    case LD_DIRECTION_SENT: return C_("message direction", "sent by this client");
    case LD_DIRECTION_RECEIVED: return C_("message direction", "received");
    case LD_DIRECTION_UNKNOWN:
    default: return C_("message direction", "direction unknown");
    }
}

/**
 * ld_modality_get_label:
 * @modality: a modality
 *
 * Returns: (transfer none): the modality in the user's language
 */
const char *
ld_modality_get_label (LdModality modality)
{
  switch (modality)
    {
    case LD_MODALITY_FOCUS: return C_("modality", "focus");
    case LD_MODALITY_CHAT: return C_("modality", "chat");
    case LD_MODALITY_AUDIO_VIDEO: return C_("modality", "audio-video");
    case LD_MODALITY_APPLICATION_SHARING: return C_("modality", "application-sharing");
    case LD_MODALITY_AUDIO: return C_("modality", "audio");
    case LD_MODALITY_VIDEO: return C_("modality", "video");
    case LD_MODALITY_DATA: return C_("modality", "data");
    case LD_MODALITY_OTHER:
    default: return C_("modality", "other");
    }
}

/**
 * ld_outcome_get_label:
 * @outcome: an outcome
 *
 * Returns: (transfer none): the outcome in the user's language
 */
const char *
ld_outcome_get_label (LdOutcome outcome)
{
  switch (outcome)
    {
    case LD_OUTCOME_SUCCEEDED: return C_("outcome", "succeeded");
    case LD_OUTCOME_FAILED: return C_("outcome", "failed");
    case LD_OUTCOME_CANCELLED: return C_("outcome", "cancelled");
    case LD_OUTCOME_NO_RESPONSE:
    default: return C_("outcome", "no-response");
    }
}

/**
 * ld_severity_get_label:
 * @severity: a severity
 *
 * Returns: (transfer none): the severity in the user's language
 */
const char *
ld_severity_get_label (LdSeverity severity)
{
  switch (severity)
    {
    case LD_SEVERITY_ERROR: return C_("severity", "error");
    case LD_SEVERITY_WARNING: return C_("severity", "warning");
    case LD_SEVERITY_INFO:
    default: return C_("severity", "info");
    }
}

/**
 * ld_confidence_get_label:
 * @confidence: a confidence
 *
 * Returns: (transfer none): the confidence in the user's language
 */
const char *
ld_confidence_get_label (LdConfidence confidence)
{
  switch (confidence)
    {
    case LD_CONFIDENCE_HIGH: return C_("confidence", "high");
    case LD_CONFIDENCE_MEDIUM: return C_("confidence", "medium");
    case LD_CONFIDENCE_LOW:
    default: return C_("confidence", "low");
    }
}

