package io.inkstream.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkstream.api.Actor;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.ReplyId;
import io.inkstream.api.author.RegisterAuthorCommand;
import io.inkstream.api.post.Content;
import io.inkstream.api.post.EditPostCommand;
import io.inkstream.api.reply.AddReplyCommand;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

class TargetResolverTest {

    static final Actor JON = new Actor("jon", false);

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion Object version) {
    }

    record Untargeted(String id) {
    }

    final TargetResolver resolver = new TargetResolver();

    static VersionedAggregateIdentifier resolve(Object command, CommandTargetResolver by) {
        return by.resolveTarget(GenericCommandMessage.asCommandMessage(command));
    }

    @Test
    void findsTheSameAggregateAsAxonsResolver() {
        AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
        for (Object command : List.of(
                new AddReplyCommand(new ReplyId("r-1"), new PostId("p-1"), null, "Hi", null, null, null, JON),
                new EditPostCommand(new PostId("p-1"), null, new Content("T", "B", List.of(), null, List.of()), 3L,
                        JON),
                new RegisterAuthorCommand(new AuthorId("jon"), "Jon", "pw-123456789", null, null, JON),
                new Versioned("a-1", 4L))) {
            for (int twice = 0; twice < 2; twice++) { // the second time from what it found the first
                VersionedAggregateIdentifier ours = resolve(command, resolver);
                VersionedAggregateIdentifier theirs = resolve(command, axon);
                assertThat(ours.getIdentifier()).as("%s", command).isEqualTo(theirs.getIdentifier());
                assertThat(ours.getVersion()).as("%s", command).isEqualTo(theirs.getVersion());
            }
        }
        assertThat(resolve(new Versioned("a-1", 4L), resolver).getVersion()).isEqualTo(4L);
    }

    @Test
    void readsAVersionGivenAsText() {
        assertThat(resolve(new Versioned("a-1", "7"), resolver).getVersion()).isEqualTo(7L);
        assertThat(resolve(new Versioned("a-1", null), resolver).getVersion()).isNull();
    }

    @Test
    void refusesACommandThatNamesNoAggregate() {
        assertThatThrownBy(() -> resolve(new Untargeted("a-1"), resolver))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Untargeted");
        assertThatThrownBy(() -> resolve(new Versioned(null, 1L), resolver))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@TargetAggregateIdentifier");
    }
}
