package io.inkstream.command.privacy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.inkstream.api.privacy.CommenterErased;
import io.inkstream.api.privacy.EraseCommenterCommand;
import io.inkstream.command.Refusals;
import io.inkstream.command.reply.Commenters;
import io.inkstream.platform.privacy.Vault;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A commenter, as far as erasing them goes. Every step of an erasure may be repeated, so one cut
 * short (a process killed) is finished by asking again: the key is destroyed first (from then on
 * nothing sealed under it opens), then the erasure is stored as an event (the read models scrub
 * the replies it names), then the replies stored in clear before sealing are redacted.
 */
@Aggregate
public class Commenter {

    @AggregateIdentifier
    private String commenter;
    private boolean erased;
    private long replies;

    Commenter() {
    }

    /** Answers how many replies of theirs were erased: the same number when asked again. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(EraseCommenterCommand command, Vault vault, Commenters commenters, History history) {
        if (!command.actor().admin()) {
            throw Refusals.notTheOwner("Only an admin may erase a commenter's personal data.");
        }
        vault.destroy(command.commenter());
        commenters.forget(command.commenter());
        List<History.Reply> found = history.of(command.commenter(), command.email());
        List<History.Reply> clear = found.stream().filter(History.Reply::clear).toList();
        if (!erased) {
            apply(new CommenterErased(command.commenter(), found.stream().map(History.Reply::replyId).toList(),
                    found.stream().map(History.Reply::postId).distinct().toList(),
                    clear.stream().map(History.Reply::replyId).toList()));
        }
        // Once the erasure is stored: redacted first, a failed store would leave replies no later
        // erasure finds by their email.
        String who = command.commenter();
        CurrentUnitOfWork.get().afterCommit(u -> clear.forEach(reply -> history.redact(reply, who)));
        return replies;
    }

    @EventSourcingHandler
    void on(CommenterErased event) {
        commenter = event.commenter();
        erased = true;
        replies = event.replies().size();
    }
}
