package io.inkstream.api.reply;

import org.axonframework.serialization.Revision;

/** The site's moderation rules from now on (an admin's change: its principal is in the audit log). */
@Revision("1")
public record ModerationRulesChanged(ModerationRules rules) {
}
