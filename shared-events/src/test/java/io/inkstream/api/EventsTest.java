package io.inkstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkstream.api.AuthorId;
import io.inkstream.api.PostId;
import io.inkstream.api.author.AuthorEvent;
import io.inkstream.api.post.PostEvent;
import io.inkstream.api.reply.ReplyEvent;
import java.util.Arrays;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class EventsTest {

    private static final List<Class<?>> EVENT_FAMILIES = List.of(AuthorEvent.class, PostEvent.class, ReplyEvent.class);

    @Test
    void everyEventIsARecordWithARevision() {
        var events = EVENT_FAMILIES.stream().flatMap(EventsTest::leaves).toList();
        assertThat(events).hasSizeGreaterThanOrEqualTo(15);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.isRecord()).as(event + " is a record").isTrue();
            assertThat(event.getAnnotation(Revision.class)).as(event + " has @Revision").isNotNull();
        });
    }

    /** The events of a sealed family, through the families nested in it (a post's drafts). */
    static java.util.stream.Stream<Class<?>> leaves(Class<?> family) {
        return Arrays.stream(family.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? leaves(type) : java.util.stream.Stream.of(type));
    }

    @Test
    void identifiersSerializeAsBareStrings() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(new PostId("p-1"))).isEqualTo("\"p-1\"");
        assertThat(json.readValue("\"jon\"", AuthorId.class)).isEqualTo(new AuthorId("jon"));
        assertThat(new PostId("p-1")).hasToString("p-1");
    }

    @Test
    void onlyAdminsAndOwnersMayActAsAnOwner() {
        assertThat(new Actor("jon", false).mayActAs("jon")).isTrue();
        assertThat(new Actor("jane", false).mayActAs("jon")).isFalse();
        assertThat(new Actor("admin", true).mayActAs("jon")).isTrue();
        assertThat(Actor.ANONYMOUS.mayActAs("anonymous")).isFalse();
    }
}
