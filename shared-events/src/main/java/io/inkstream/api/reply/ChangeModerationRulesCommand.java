package io.inkstream.api.reply;

import io.inkstream.api.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin replaces the site's moderation rules. */
public record ChangeModerationRulesCommand(ModerationRules rules, Actor actor) {

    /** The one aggregate that holds the site's rules. */
    public static final String SITE = "moderation-rules";

    @TargetAggregateIdentifier
    public String site() {
        return SITE;
    }
}
