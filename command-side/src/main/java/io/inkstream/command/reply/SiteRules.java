package io.inkstream.command.reply;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.inkstream.api.Refusal;
import io.inkstream.api.Version;
import io.inkstream.api.reply.ChangeModerationRulesCommand;
import io.inkstream.api.reply.ModerationRules;
import io.inkstream.api.reply.ModerationRulesChanged;
import io.inkstream.command.Refusals;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The site's moderation rules, one aggregate: each change an event, so the audit log says who
 * changed them when, and a reply is checked against the rules as they stood when it came.
 */
@Aggregate
public class SiteRules {

    @AggregateIdentifier
    private String site;
    private ModerationRules rules = ModerationRules.NONE;
    private long version;

    SiteRules() {
    }

    /** Rules the same as the ones in force change nothing and store nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ChangeModerationRulesCommand command) {
        if (!command.actor().admin()) {
            throw Refusals.notTheOwner("Only an admin may change the moderation rules.");
        }
        ModerationRules proposed = Objects.requireNonNullElse(command.rules(), ModerationRules.NONE);
        if (!proposed.problems().isEmpty()) {
            throw new Refusal.Invalid(proposed.problems());
        }
        if (site == null || !proposed.equals(rules)) {
            apply(new ModerationRulesChanged(proposed));
        }
        return version;
    }

    public ModerationRules rules() {
        return rules;
    }

    /** The number of changes so far, which is also the sequence number of the next. */
    public long version() {
        return version;
    }

    @EventSourcingHandler
    void on(ModerationRulesChanged event, @Version long version) {
        site = ChangeModerationRulesCommand.SITE;
        rules = event.rules();
        this.version = version;
    }
}
